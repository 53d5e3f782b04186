using ReviewPortal.Application.Features.Assignment;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Planning.Assignment;

namespace ReviewPortal.UnitTests.Assignment;

/// <summary>
/// The pruned candidates of a large committee are found without scoring every pair, yet they are exactly the pairs
/// (and scores) a plain all-pairs ranking picks: best score first, ties by lower index (docs/assignment-runs.md).
/// </summary>
public sealed class SparseCandidateTests
{
    private static AssignmentInputs Track(int proposals, int members, int seed, int vocabulary, int memberWords, int proposalWords)
    {
        var random = new Random(seed);
        var words = Enumerable.Range(0, vocabulary).Select(i => $"term{i}x").ToArray();
        string Text(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => words[random.Next(words.Length)]));
        var ms = Enumerable.Range(0, members).Select(i => new InputMember(Guid.NewGuid(), $"Member {i}", $"m{i}@example.org",
            // Every fifth member has no keywords at all; some share the same keywords (exact ties).
            i % 5 == 0 ? [] : i % 7 == 0 ? ["term1x", "term2x"] : Text(memberWords).Split(' '),
            [], i % 11 == 0 ? 1 + i % 3 : null)).ToList();
        var ps = Enumerable.Range(0, proposals).Select(i => new InputProposal(Guid.NewGuid(), $"Talk {Text(2)}", Text(proposalWords), [],
            i % 13 == 0 ? [ms[random.Next(members)].PersonId] : [])).ToList();
        var conflicts = new HashSet<(Guid, Guid)>();
        var bids = new Dictionary<(Guid, Guid), BidValue>();
        foreach (var p in ps)
            foreach (var m in ms)
            {
                var x = random.NextDouble();
                if (x < 0.005)
                    conflicts.Add((p.Id, m.PersonId));
                else if (x < 0.03)
                    bids[(p.Id, m.PersonId)] = (BidValue)random.Next(5);
            }
        return new AssignmentInputs(ps, ms, conflicts, [], bids);
    }

    /// <summary>The reference: score every allowed pair, rank each proposal's and each member's pairs, take the best.</summary>
    private static List<Candidate> AllPairsReference(AssignmentInputs inputs, int k)
    {
        var affinity = new ExpertiseAffinity(
            inputs.Proposals.Select(p => new AffinityDocument(p.Title + "\n" + p.Abstract, p.Topics)).ToList(),
            inputs.Members.Select(m => new AffinityDocument(string.Join(' ', m.Keywords), m.Topics)).ToList());
        var (_, max) = inputs.LoadBoundsFor(k);
        var all = new List<Candidate>();
        for (var p = 0; p < inputs.Proposals.Count; p++)
            for (var r = 0; r < inputs.Members.Count; r++)
            {
                if (!inputs.Allowed(inputs.Proposals[p], inputs.Members[r]))
                    continue;
                var bid = inputs.Bids.TryGetValue((inputs.Proposals[p].Id, inputs.Members[r].PersonId), out var v) ? v : BidValue.Neutral;
                if (bid != BidValue.Conflict)
                    all.Add(new Candidate(p, r, BidWeights.Score(bid.ToString(), affinity.Score(p, r))));
            }
        var chosen = all.GroupBy(c => c.Proposal)
            .SelectMany(g => g.OrderByDescending(c => c.Score).ThenBy(c => c.Reviewer).Take(AssignmentProblemBuilder.CandidatesPerProposal))
            .Concat(all.GroupBy(c => c.Reviewer)
                .SelectMany(g => g.OrderByDescending(c => c.Score).ThenBy(c => c.Proposal)
                    .Take(AssignmentProblemBuilder.ProposalsPerMemberFactor * Math.Max(1, max[g.Key]))))
            .DistinctBy(c => (c.Proposal, c.Reviewer));
        return Sorted(chosen);
    }

    private static List<Candidate> Sorted(IEnumerable<Candidate> candidates) =>
        candidates.OrderBy(c => c.Proposal).ThenBy(c => c.Reviewer).ToList();

    [Theory]
    [InlineData(120, 260, 1, 30, 3, 12)]
    [InlineData(90, 320, 2, 8, 2, 6)]     // small vocabulary: many equal scores
    [InlineData(60, 240, 3, 400, 2, 5)]   // sparse: most pairs share no term
    [InlineData(10, 230, 4, 50, 3, 10)]   // fewer proposals than a member's quota
    public void The_candidates_are_exactly_those_an_all_pairs_ranking_chooses(int proposals, int members, int seed, int vocabulary, int memberWords, int proposalWords)
    {
        var inputs = Track(proposals, members, seed, vocabulary, memberWords, proposalWords);
        var built = AssignmentProblemBuilder.Build(inputs, AssignmentRunMode.Total, k: 3);

        Assert.True(built.Pruned);
        var expected = AllPairsReference(inputs, 3);
        var actual = Sorted(built.Problem.Candidates);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.True(expected[i] == actual[i], $"#{i}: expected {expected[i]}, got {actual[i]}");
        Assert.Equal(actual.Count, actual.DistinctBy(c => (c.Proposal, c.Reviewer)).Count());
    }

    [Fact]
    public void On_a_sparse_track_only_pairs_sharing_a_term_get_an_affinity_computed()
    {
        var inputs = Track(proposals: 300, members: 400, seed: 9, vocabulary: 3000, memberWords: 3, proposalWords: 8);
        var pruned = AssignmentProblemBuilder.Build(inputs, AssignmentRunMode.Total, k: 3);
        var full = AssignmentProblemBuilder.Build(inputs, AssignmentRunMode.Total, k: 3, allPairs: true);

        Assert.Equal(300L * 400, full.AffinityPairsComputed);
        Assert.True(pruned.AffinityPairsComputed < 300L * 400 / 20, $"{pruned.AffinityPairsComputed} pair affinities computed");
        // The affinity reported for a pair is the one its score was built from.
        var sample = pruned.Problem.Candidates.First(c => pruned.Affinity(c.Proposal, c.Reviewer) > 0);
        Assert.True(pruned.Affinity(sample.Proposal, sample.Reviewer) > 0);
    }
}
