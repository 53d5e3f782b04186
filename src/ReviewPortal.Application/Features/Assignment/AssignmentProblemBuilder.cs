using ReviewPortal.Domain.Committee;
using ReviewPortal.Planning.Assignment;

namespace ReviewPortal.Application.Features.Assignment;

/// <summary>
/// A plain problem for the solver and the index maps back to proposals and members (docs/assignment-runs.md).
/// <paramref name="Pruned"/>: the candidates were cut to the best ones per proposal and per member.
/// </summary>
/// <paramref name="AffinityPairsComputed"/>: how many pair affinities were computed (work, for tests; all pairs when not pruned).
public sealed record BuiltProblem(AssignmentProblem Problem, AssignmentInputs Inputs, ExpertiseAffinity AffinityModel, bool Pruned = false,
    long AffinityPairsComputed = 0)
{
    /// <summary>The TF-IDF affinity of one pair (the same value the candidate's score was built from).</summary>
    public double Affinity(int proposal, int reviewer) => AffinityModel.Score(proposal, reviewer);
}

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
        if (prune)
            return Finish(inputs, mode, k, fairTimeLimit, affinity, min, max, PrunedCandidates(inputs, affinity, max), pruned: true);

        // Every allowed pair (small committees, and the fallback after an infeasible pruned run).
        var candidates = new List<Candidate>(proposals.Count * members.Count);
        for (var p = 0; p < proposals.Count; p++)
        {
            var scores = affinity.ScoresFor(p);
            for (var r = 0; r < members.Count; r++)
            {
                if (!inputs.Allowed(proposals[p], members[r]))
                    continue;
                var bid = inputs.Bids.TryGetValue((proposals[p].Id, members[r].PersonId), out var value) ? value : BidValue.Neutral;
                if (bid == BidValue.Conflict)
                    continue; // a conflict bid made a declared conflict; until it is read back, it still excludes the pair
                candidates.Add(new Candidate(p, r, BidWeights.Score(bid.ToString(), scores[r])));
            }
        }
        return Finish(inputs, mode, k, fairTimeLimit, affinity, min, max, candidates, pruned: false);
    }

    /// <summary>
    /// Each proposal's best <see cref="CandidatesPerProposal"/> allowed pairs plus each member's best
    /// <see cref="ProposalsPerMemberFactor"/> × max-load proposals, "best" = highest score, ties by lower index, without
    /// scoring every pair: affinities come only for pairs sharing a term (<see cref="ExpertiseAffinity.SharedTermScoresFor"/>);
    /// every other pair has affinity 0, so its score is the plain (no bid, zero affinity) score unless it has a bid.
    /// Pairs with affinity or a bid are ranked; the plain ones, all tied, are taken in index order where they belong.
    /// </summary>
    private static List<Candidate> PrunedCandidates(AssignmentInputs inputs, ExpertiseAffinity affinity, int[] max)
    {
        var proposals = inputs.Proposals;
        var members = inputs.Members;
        var plain = BidWeights.Score(nameof(BidValue.Neutral), 0);
        var memberIndex = new Dictionary<Guid, int>(members.Count);
        for (var r = 0; r < members.Count; r++)
            memberIndex.TryAdd(members[r].PersonId, r);
        var proposalIndex = new Dictionary<Guid, int>(proposals.Count);
        for (var p = 0; p < proposals.Count; p++)
            proposalIndex.TryAdd(proposals[p].Id, p);
        var bidsByProposal = new Dictionary<int, List<(int Reviewer, BidValue Bid)>>();
        foreach (var ((proposalId, personId), bid) in inputs.Bids)
            if (bid != BidValue.Neutral && proposalIndex.TryGetValue(proposalId, out var p) && memberIndex.TryGetValue(personId, out var r))
                (bidsByProposal.TryGetValue(p, out var list) ? list : bidsByProposal[p] = []).Add((r, bid));

        // Pairs that are not plain: ranked (affinity or bid) or excluded (conflict bid); the plain walks skip them.
        var notPlain = new HashSet<long>();
        var memberRanked = members.Select(_ => new List<Candidate>()).ToArray();
        var candidates = new List<Candidate>(proposals.Count * CandidatesPerProposal);
        var kept = new HashSet<long>();
        var ranked = new Dictionary<int, double>();
        var row = new List<Candidate>();
        for (var p = 0; p < proposals.Count; p++)
        {
            ranked.Clear();
            foreach (var (r, score) in affinity.SharedTermScoresFor(p))
                ranked[r] = score;
            var excluded = new HashSet<int>();
            if (bidsByProposal.TryGetValue(p, out var bids))
                foreach (var (r, bid) in bids)
                    if (bid == BidValue.Conflict)
                        excluded.Add(r); // a conflict bid made a declared conflict; until it is read back, it still excludes the pair
                    else
                        ranked.TryAdd(r, 0);
            row.Clear();
            foreach (var (r, aff) in ranked)
            {
                notPlain.Add(Key(p, r));
                if (excluded.Contains(r) || !inputs.Allowed(proposals[p], members[r]))
                    continue;
                var bid = inputs.Bids.TryGetValue((proposals[p].Id, members[r].PersonId), out var value) ? value : BidValue.Neutral;
                var candidate = new Candidate(p, r, BidWeights.Score(bid.ToString(), aff));
                row.Add(candidate);
                memberRanked[r].Add(candidate);
            }
            foreach (var r in excluded)
                notPlain.Add(Key(p, r));
            row.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Reviewer.CompareTo(b.Reviewer));
            var proposal = proposals[p];
            foreach (var c in Best(row, CandidatesPerProposal, plain, members.Count,
                         r => !notPlain.Contains(Key(p, r)) && inputs.Allowed(proposal, members[r]), r => new Candidate(p, r, plain), c => c.Reviewer))
            {
                candidates.Add(c);
                kept.Add(Key(c.Proposal, c.Reviewer));
            }
        }

        for (var r = 0; r < members.Count; r++)
        {
            var list = memberRanked[r];
            list.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Proposal.CompareTo(b.Proposal));
            var member = members[r];
            var reviewer = r;
            foreach (var c in Best(list, ProposalsPerMemberFactor * Math.Max(1, max[r]), plain, proposals.Count,
                         p => !notPlain.Contains(Key(p, reviewer)) && inputs.Allowed(proposals[p], member), p => new Candidate(p, reviewer, plain), c => c.Proposal))
                if (kept.Add(Key(c.Proposal, c.Reviewer)))
                    candidates.Add(c);
        }
        return candidates;

        long Key(int p, int r) => (long)p * members.Count + r;
    }

    /// <summary>
    /// The first <paramref name="limit"/> of the ranked pairs (sorted by score descending, index ascending) merged with
    /// the plain pairs (score <paramref name="plain"/>, indices 0..count-1 that pass <paramref name="isPlain"/>) in that order.
    /// </summary>
    private static IEnumerable<Candidate> Best(List<Candidate> ranked, int limit, double plain, int count,
        Func<int, bool> isPlain, Func<int, Candidate> plainCandidate, Func<Candidate, int> indexOf)
    {
        var i = 0;
        var next = NextPlain(0);
        for (var taken = 0; taken < limit; taken++)
        {
            var haveRanked = i < ranked.Count;
            if (!haveRanked && next >= count)
                yield break;
            var takeRanked = haveRanked && (next >= count || ranked[i].Score > plain || (ranked[i].Score == plain && indexOf(ranked[i]) < next));
            if (takeRanked)
                yield return ranked[i++];
            else
            {
                yield return plainCandidate(next);
                next = NextPlain(next + 1);
            }
        }

        int NextPlain(int from)
        {
            while (from < count && !isPlain(from))
                from++;
            return from;
        }
    }

    private static BuiltProblem Finish(AssignmentInputs inputs, AssignmentRunMode mode, int k, TimeSpan? fairTimeLimit,
        ExpertiseAffinity affinity, int[] min, int[] max, List<Candidate> candidates, bool pruned)
    {
        var proposals = inputs.Proposals;
        var members = inputs.Members;
        var proposalIndex = proposals.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var memberIndex = members.Select((m, i) => (m.PersonId, i)).ToDictionary(x => x.PersonId, x => x.i);
        var fixedPairs = inputs.Assignments
            .Where(a => a.Source == AssignmentSource.Manual && proposalIndex.ContainsKey(a.ProposalId) && memberIndex.ContainsKey(a.PersonId))
            .Select(a => (proposalIndex[a.ProposalId], memberIndex[a.PersonId]))
            .ToList();
        var problem = new AssignmentProblem(proposals.Count, members.Count, k, min, max, candidates, fixedPairs,
            mode == AssignmentRunMode.Fair ? AssignmentMode.Fair : AssignmentMode.Total, fairTimeLimit,
            proposals.Select(p => $"\"{p.Title}\"").ToList(), members.Select(m => m.Name).ToList());
        return new BuiltProblem(problem, inputs, affinity, pruned, affinity.PairsComputed);
    }
}
