using ReviewPortal.Application.Features.Assignment;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Planning.Assignment;

namespace ReviewPortal.UnitTests.Assignment;

/// <summary>
/// A large committee gives the solver each proposal's best pairs and each member's best proposals, not every pair:
/// fewer arcs, the same kind of answer, and no member left without enough proposals to reach their minimum load.
/// </summary>
public sealed class CandidatePruningTests
{
    private static AssignmentInputs Track(int proposals, int members, int seed)
    {
        var random = new Random(seed);
        string[] words = ["verifier", "jit", "btf", "libbpf", "tcp", "mptcp", "xdp", "tc", "netdev", "driver", "cgroup", "sockets", "gro", "udp", "tracing", "kprobes"];
        string Text(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => words[random.Next(words.Length)]));
        var ps = Enumerable.Range(0, proposals).Select(i => new InputProposal(Guid.NewGuid(), $"Talk {i} {Text(3)}", Text(20), [], [])).ToList();
        var ms = Enumerable.Range(0, members).Select(i => new InputMember(Guid.NewGuid(), $"Member {i}", $"m{i}@example.org", Text(4).Split(' '), [], null)).ToList();
        return new AssignmentInputs(ps, ms, new HashSet<(Guid, Guid)>(), [], new Dictionary<(Guid, Guid), BidValue>());
    }

    [Fact]
    public void A_committee_larger_than_the_candidate_limit_gets_each_proposals_best_pairs_and_each_members_best_proposals()
    {
        var inputs = Track(proposals: 300, members: 450, seed: 11);
        var built = AssignmentProblemBuilder.Build(inputs, AssignmentRunMode.Total, k: 3);

        Assert.True(built.Pruned);
        var all = 300 * 450;
        Assert.InRange(built.Problem.Candidates.Count, 300 * AssignmentProblemBuilder.CandidatesPerProposal, all / 2);
        // Every member keeps at least ProposalsPerMemberFactor × their maximum load proposals to choose from.
        var perMember = built.Problem.Candidates.GroupBy(c => c.Reviewer).ToDictionary(g => g.Key, g => g.Count());
        for (var r = 0; r < 450; r++)
            Assert.True(perMember.GetValueOrDefault(r) >= Math.Min(300, AssignmentProblemBuilder.ProposalsPerMemberFactor * built.Problem.MaxLoad[r]), $"member {r} has {perMember.GetValueOrDefault(r)}");
        // Over those candidates the assignment is still complete and within every load.
        var solution = ReviewerAssignmentSolver.Solve(built.Problem);
        Assert.Equal(AssignmentOutcome.Optimal, solution.Outcome);
        Assert.Equal(300 * 3, solution.Pairs.Count);
        Assert.All(Enumerable.Range(0, 450), r => Assert.InRange(solution.Pairs.Count(x => x.Reviewer == r), built.Problem.MinLoad[r], built.Problem.MaxLoad[r]));
    }

    [Fact]
    public void The_pruned_optimum_is_close_to_the_optimum_over_every_pair()
    {
        var inputs = Track(proposals: 250, members: 400, seed: 5);
        var pruned = ReviewerAssignmentSolver.Solve(AssignmentProblemBuilder.Build(inputs, AssignmentRunMode.Total, 3).Problem);
        var full = ReviewerAssignmentSolver.Solve(AssignmentProblemBuilder.Build(inputs, AssignmentRunMode.Total, 3, allPairs: true).Problem);

        Assert.Equal(AssignmentOutcome.Optimal, full.Outcome);
        Assert.Equal(AssignmentOutcome.Optimal, pruned.Outcome);
        Assert.True(pruned.Objective <= full.Objective + 1e-6);
        Assert.True(pruned.Objective >= 0.99 * full.Objective, $"pruned {pruned.Objective} vs all pairs {full.Objective}");
    }

    [Fact]
    public void A_committee_within_the_limit_gets_every_pair()
    {
        var inputs = Track(proposals: 40, members: 8, seed: 3);
        var built = AssignmentProblemBuilder.Build(inputs, AssignmentRunMode.Total, 3);
        Assert.False(built.Pruned);
        Assert.Equal(40 * 8, built.Problem.Candidates.Count);
    }
}
