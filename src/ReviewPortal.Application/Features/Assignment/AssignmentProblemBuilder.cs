using ReviewPortal.Domain.Committee;
using ReviewPortal.Planning.Assignment;

namespace ReviewPortal.Application.Features.Assignment;

/// <summary>
/// A plain problem for the solver and the index maps back to proposals and members (docs/assignment-runs.md).
/// <paramref name="Pruned"/>: the candidates were cut to the best ones per proposal and per member.
/// </summary>
public sealed record BuiltProblem(AssignmentProblem Problem, AssignmentInputs Inputs, double[][] Affinity, bool Pruned = false);

/// <summary>
/// Turns a track's inputs into an <see cref="AssignmentProblem"/>: candidates are all pairs without a conflict (and
/// without the member being a speaker), scored by <see cref="BidWeights.Score"/> from the member's bid and the TF-IDF
/// affinity (<see cref="ExpertiseAffinity"/>) of the proposal's title, abstract and topics against the member's
/// expertise keywords and topics; manual assignments are fixed; loads from <see cref="AssignmentInputs.LoadBoundsFor"/>.
/// A committee larger than <see cref="CandidatesPerProposal"/> gives the solver only each proposal's best
/// <see cref="CandidatesPerProposal"/> pairs plus each member's best <see cref="ProposalsPerMemberFactor"/> × max-load
/// proposals (so every member can still reach their minimum load), as large review systems do: at CVPR size that is
/// about 1 M arcs instead of 14 M. The result is optimal over those candidates; when they admit no assignment the
/// job solves again with every pair, so an explanation is always about the whole track.
/// </summary>
public static class AssignmentProblemBuilder
{
    public const int CandidatesPerProposal = 200;
    public const int ProposalsPerMemberFactor = 3;

    public static BuiltProblem Build(AssignmentInputs inputs, AssignmentRunMode mode, int k, TimeSpan? fairTimeLimit = null, bool allPairs = false)
    {
        var proposals = inputs.Proposals;
        var members = inputs.Members;
        var affinity = new ExpertiseAffinity(
            proposals.Select(p => new AffinityDocument(p.Title + "\n" + p.Abstract, p.Topics)).ToList(),
            members.Select(m => new AffinityDocument(string.Join(' ', m.Keywords), m.Topics)).ToList());

        var (min, max) = inputs.LoadBoundsFor(k);
        var prune = !allPairs && members.Count > CandidatesPerProposal;
        var scores = new double[proposals.Count][];
        var candidates = new List<Candidate>(prune ? proposals.Count * CandidatesPerProposal : proposals.Count * members.Count);
        var row = new List<Candidate>(members.Count);
        // Each member's best proposals so far (a min-heap on score, so the worst kept is dropped first).
        var memberBest = prune ? members.Select(_ => new PriorityQueue<Candidate, double>()).ToArray() : [];
        var kept = prune ? new HashSet<(int, int)>() : null;
        for (var p = 0; p < proposals.Count; p++)
        {
            scores[p] = affinity.ScoresFor(p);
            row.Clear();
            for (var r = 0; r < members.Count; r++)
            {
                if (!inputs.Allowed(proposals[p], members[r]))
                    continue;
                var bid = inputs.Bids.TryGetValue((proposals[p].Id, members[r].PersonId), out var value) ? value : BidValue.Neutral;
                if (bid == BidValue.Conflict)
                    continue; // a conflict bid made a declared conflict; until it is read back, it still excludes the pair
                var candidate = new Candidate(p, r, BidWeights.Score(bid.ToString(), scores[p][r]));
                row.Add(candidate);
                if (prune)
                {
                    memberBest[r].Enqueue(candidate, candidate.Score);
                    if (memberBest[r].Count > ProposalsPerMemberFactor * Math.Max(1, max[r]))
                        memberBest[r].Dequeue();
                }
            }
            if (prune && row.Count > CandidatesPerProposal)
            {
                row.Sort((a, b) => b.Score.CompareTo(a.Score));
                row.RemoveRange(CandidatesPerProposal, row.Count - CandidatesPerProposal);
            }
            candidates.AddRange(row);
            if (kept is not null)
                foreach (var c in row)
                    kept.Add((c.Proposal, c.Reviewer));
        }
        if (prune)
            foreach (var best in memberBest)
                foreach (var (c, _) in best.UnorderedItems)
                    if (kept!.Add((c.Proposal, c.Reviewer)))
                        candidates.Add(c);

        var proposalIndex = proposals.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var memberIndex = members.Select((m, i) => (m.PersonId, i)).ToDictionary(x => x.PersonId, x => x.i);
        var fixedPairs = inputs.Assignments
            .Where(a => a.Source == AssignmentSource.Manual && proposalIndex.ContainsKey(a.ProposalId) && memberIndex.ContainsKey(a.PersonId))
            .Select(a => (proposalIndex[a.ProposalId], memberIndex[a.PersonId]))
            .ToList();
        var problem = new AssignmentProblem(proposals.Count, members.Count, k, min, max, candidates, fixedPairs,
            mode == AssignmentRunMode.Fair ? AssignmentMode.Fair : AssignmentMode.Total, fairTimeLimit,
            proposals.Select(p => $"\"{p.Title}\"").ToList(), members.Select(m => m.Name).ToList());
        return new BuiltProblem(problem, inputs, scores, prune);
    }
}
