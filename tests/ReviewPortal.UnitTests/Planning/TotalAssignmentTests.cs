using ReviewPortal.Planning.Assignment;

namespace ReviewPortal.UnitTests.Planning;

public sealed class TotalAssignmentTests
{
    [Fact]
    public void Finds_the_best_total_that_exhaustive_search_finds_on_random_small_instances()
    {
        int feasible = 0, infeasible = 0;
        foreach (var problem in RandomProblems.Generate(seed: 7, count: 400))
        {
            var best = ExhaustiveAssignment.Search(problem);
            var solution = ReviewerAssignmentSolver.Solve(problem);
            if (best is null)
            {
                infeasible++;
                Assert.Equal(AssignmentOutcome.Infeasible, solution.Outcome);
                Assert.NotNull(solution.Infeasibility);
                Assert.Empty(solution.Pairs);
                continue;
            }

            feasible++;
            Assert.Equal(AssignmentOutcome.Optimal, solution.Outcome);
            AssignmentChecks.AssertValid(problem, solution);
            Assert.Equal(best.Total, solution.Objective, 6);
            Assert.Equal(best.Total, solution.Bound!.Value, 6);
        }

        // The generator must exercise both branches, or the test proves little.
        Assert.True(feasible > 100, $"only {feasible} feasible instances");
        Assert.True(infeasible > 20, $"only {infeasible} infeasible instances");
    }

    [Fact]
    public void The_clp_lp_bound_equals_the_flow_optimum()
    {
        foreach (var problem in RandomProblems.Generate(seed: 11, count: 150))
        {
            var solution = ReviewerAssignmentSolver.Solve(problem);
            var lp = ReviewerAssignmentSolver.LpBound(problem);
            if (solution.Outcome == AssignmentOutcome.Infeasible)
            {
                Assert.True(double.IsNaN(lp), $"LP gives {lp} on an infeasible problem");
            }
            else
            {
                Assert.Equal(solution.Objective, lp, 6);
            }
        }
    }

    [Fact]
    public void A_conflicted_reviewer_is_never_assigned_even_when_everyone_else_is_a_poor_match()
    {
        // Reviewer 0 would be everyone's best choice, but is conflicted with proposal 1 (no candidate pair).
        var problem = new AssignmentProblem(2, 3, 1, [0, 0, 0], [2, 2, 2],
            [new(0, 0, 5), new(0, 1, 0.1), new(1, 1, 0.1), new(1, 2, 0.2)], []);

        var solution = ReviewerAssignmentSolver.Solve(problem);

        Assert.DoesNotContain((1, 0), solution.Pairs);
        Assert.Equal([(0, 0), (1, 2)], solution.Pairs);
    }

    [Fact]
    public void Manual_assignments_are_kept_and_count_towards_k_and_the_loads()
    {
        // Proposal 0 already has reviewer 2 (a poor match); reviewer 2 may take only one review in all.
        var problem = new AssignmentProblem(2, 3, 2, [0, 0, 0], [2, 2, 1],
            [new(0, 0, 1), new(0, 1, 1), new(0, 2, 0.1), new(1, 0, 1), new(1, 1, 1), new(1, 2, 3)],
            [(0, 2)]);

        var solution = ReviewerAssignmentSolver.Solve(problem);

        AssignmentChecks.AssertValid(problem, solution);
        Assert.Contains((0, 2), solution.Pairs);
        Assert.DoesNotContain((1, 2), solution.Pairs);
        Assert.Equal(2 * 2, solution.Pairs.Count);
    }

    [Fact]
    public void A_pair_listed_twice_counts_once_with_its_higher_score()
    {
        var problem = new AssignmentProblem(1, 2, 1, [0, 0], [1, 1],
            [new(0, 0, 1), new(0, 1, 2), new(0, 0, 3)], []);

        var solution = ReviewerAssignmentSolver.Solve(problem);

        Assert.Equal([(0, 0)], solution.Pairs);
        Assert.Equal(3, solution.Objective, 9);
    }

    [Fact]
    public void Balanced_loads_differ_by_at_most_one_and_cover_every_review()
    {
        Assert.Equal((14, 15), LoadBounds.Balanced(39, 3, 8));
        Assert.Equal((4, 4), LoadBounds.Balanced(20_000, 4, 20_000));

        // LPC-like: 39 proposals, k = 3, 8 reviewers with balanced loads: a valid assignment exists and loads differ by ≤ 1.
        var (min, max) = LoadBounds.Balanced(39, 3, 8);
        var candidates = Enumerable.Range(0, 39).SelectMany(p => Enumerable.Range(0, 8)
            .Where(r => (p + r) % 7 != 0)
            .Select(r => new Candidate(p, r, ((p * 31 + r * 17) % 100) / 100.0))).ToList();
        var problem = new AssignmentProblem(39, 8, 3, [.. Enumerable.Repeat(min, 8)], [.. Enumerable.Repeat(max, 8)], candidates, []);

        var solution = ReviewerAssignmentSolver.Solve(problem);

        AssignmentChecks.AssertValid(problem, solution);
        var loads = solution.Pairs.GroupBy(x => x.Reviewer).Select(g => g.Count()).ToList();
        Assert.True(loads.Max() - loads.Min() <= 1);
    }

    [Fact]
    public void Progress_is_reported_from_start_to_done()
    {
        var problem = RandomProblems.Generate(seed: 3, count: 30).First(p => ExhaustiveAssignment.Search(p) is not null);
        var reports = new List<SolverProgress>();

        ReviewerAssignmentSolver.Solve(problem, new SynchronousProgress(reports.Add));

        Assert.Equal("Checking the input", reports[0].Stage);
        Assert.Contains(reports, r => r.Stage == "Solving");
        Assert.Equal(1.0, reports[^1].Fraction);
        Assert.True(reports.Zip(reports.Skip(1)).All(x => x.First.Fraction <= x.Second.Fraction), "progress went backwards");
    }

    [Fact]
    public void A_cancelled_run_stops_with_operation_cancelled()
    {
        var problem = RandomProblems.Generate(seed: 3, count: 1).Single();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ReviewerAssignmentSolver.Solve(problem, cancellationToken: cancelled.Token));
    }

    [Fact]
    public void Malformed_input_is_refused_with_the_reason()
    {
        var outOfRange = new AssignmentProblem(1, 1, 1, [0], [1], [new(0, 5, 1)], []);
        var minAboveMax = new AssignmentProblem(1, 1, 1, [2], [1], [new(0, 0, 1)], []);

        Assert.Contains("out of range", Assert.Throws<ArgumentException>(() => ReviewerAssignmentSolver.Solve(outOfRange)).Message);
        Assert.Contains("min ≤ max", Assert.Throws<ArgumentException>(() => ReviewerAssignmentSolver.Solve(minAboveMax)).Message);
    }
}

/// <summary>IProgress that reports on the calling thread (Progress&lt;T&gt; posts to the thread pool, out of order).</summary>
internal sealed class SynchronousProgress(Action<SolverProgress> report) : IProgress<SolverProgress>
{
    public void Report(SolverProgress value) => report(value);
}
