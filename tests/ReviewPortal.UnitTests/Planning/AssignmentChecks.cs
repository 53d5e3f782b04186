using ReviewPortal.Planning.Assignment;

namespace ReviewPortal.UnitTests.Planning;

/// <summary>The hard rules, checked on a solution independently of the solver.</summary>
internal static class AssignmentChecks
{
    public static void AssertValid(AssignmentProblem problem, AssignmentSolution solution)
    {
        var allowed = problem.Candidates.Select(c => (c.Proposal, c.Reviewer)).ToHashSet();
        var pairs = solution.Pairs;
        Assert.Equal(pairs.Count, pairs.Distinct().Count());
        foreach (var pair in pairs)
        {
            Assert.True(allowed.Contains(pair) || problem.Fixed.Contains(pair), $"Pair {pair} is neither a candidate nor fixed (a conflict).");
        }

        foreach (var pair in problem.Fixed)
        {
            Assert.Contains(pair, pairs);
        }

        for (var p = 0; p < problem.ProposalCount; p++)
        {
            Assert.Equal(problem.ReviewersPerProposal, pairs.Count(x => x.Proposal == p));
        }

        for (var r = 0; r < problem.ReviewerCount; r++)
        {
            var load = pairs.Count(x => x.Reviewer == r);
            Assert.InRange(load, problem.MinLoad[r], problem.MaxLoad[r]);
        }

        Assert.Equal(TotalOf(problem, pairs), solution.Objective, 6);
    }

    public static double TotalOf(AssignmentProblem problem, IEnumerable<(int Proposal, int Reviewer)> pairs)
        => pairs.Sum(pair => ScoreOf(problem, pair));

    public static double WorstOf(AssignmentProblem problem, IReadOnlyList<(int Proposal, int Reviewer)> pairs)
        => Enumerable.Range(0, problem.ProposalCount).Min(p => pairs.Where(x => x.Proposal == p).Sum(x => ScoreOf(problem, x)));

    private static double ScoreOf(AssignmentProblem problem, (int Proposal, int Reviewer) pair)
        => problem.Candidates.Where(c => (c.Proposal, c.Reviewer) == pair).Select(c => c.Score).DefaultIfEmpty(0).Max();
}
