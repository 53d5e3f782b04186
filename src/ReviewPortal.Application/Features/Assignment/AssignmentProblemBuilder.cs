using ReviewPortal.Domain.Committee;
using ReviewPortal.Planning.Assignment;

namespace ReviewPortal.Application.Features.Assignment;

/// <summary>A plain problem for the solver and the index maps back to proposals and members (docs/assignment-runs.md).</summary>
public sealed record BuiltProblem(AssignmentProblem Problem, AssignmentInputs Inputs, double[][] Affinity);

/// <summary>
/// Turns a track's inputs into an <see cref="AssignmentProblem"/>: candidates are all pairs without a conflict (and
/// without the member being a speaker), scored by <see cref="BidWeights.Score"/> from the member's bid and the TF-IDF
/// affinity (<see cref="ExpertiseAffinity"/>) of the proposal's title, abstract and topics against the member's
/// expertise keywords and topics; manual assignments are fixed; loads from <see cref="AssignmentInputs.LoadBoundsFor"/>.
/// </summary>
public static class AssignmentProblemBuilder
{
    public static BuiltProblem Build(AssignmentInputs inputs, AssignmentRunMode mode, int k, TimeSpan? fairTimeLimit = null)
    {
        var proposals = inputs.Proposals;
        var members = inputs.Members;
        var affinity = new ExpertiseAffinity(
            proposals.Select(p => new AffinityDocument(p.Title + "\n" + p.Abstract, p.Topics)).ToList(),
            members.Select(m => new AffinityDocument(string.Join(' ', m.Keywords), m.Topics)).ToList());

        var scores = new double[proposals.Count][];
        var candidates = new List<Candidate>(proposals.Count * members.Count);
        for (var p = 0; p < proposals.Count; p++)
        {
            scores[p] = affinity.ScoresFor(p);
            for (var r = 0; r < members.Count; r++)
            {
                if (!inputs.Allowed(proposals[p], members[r]))
                    continue;
                var bid = inputs.Bids.TryGetValue((proposals[p].Id, members[r].PersonId), out var value) ? value : BidValue.Neutral;
                if (bid == BidValue.Conflict)
                    continue; // a conflict bid made a declared conflict; until it is read back, it still excludes the pair
                candidates.Add(new Candidate(p, r, BidWeights.Score(bid.ToString(), scores[p][r])));
            }
        }

        var proposalIndex = proposals.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var memberIndex = members.Select((m, i) => (m.PersonId, i)).ToDictionary(x => x.PersonId, x => x.i);
        var fixedPairs = inputs.Assignments
            .Where(a => a.Source == AssignmentSource.Manual && proposalIndex.ContainsKey(a.ProposalId) && memberIndex.ContainsKey(a.PersonId))
            .Select(a => (proposalIndex[a.ProposalId], memberIndex[a.PersonId]))
            .ToList();
        var (min, max) = inputs.LoadBoundsFor(k);
        var problem = new AssignmentProblem(proposals.Count, members.Count, k, min, max, candidates, fixedPairs,
            mode == AssignmentRunMode.Fair ? AssignmentMode.Fair : AssignmentMode.Total, fairTimeLimit,
            proposals.Select(p => $"\"{p.Title}\"").ToList(), members.Select(m => m.Name).ToList());
        return new BuiltProblem(problem, inputs, scores);
    }
}
