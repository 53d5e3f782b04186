using ReviewPortal.Planning.Assignment;

namespace ReviewPortal.UnitTests.Planning;

public sealed class FairAssignmentTests
{
    [Fact]
    public void Fair_mode_proves_the_best_worst_served_proposal_and_then_the_best_total_found_by_exhaustive_search()
    {
        var feasible = 0;
        foreach (var problem in RandomProblems.Generate(seed: 13, count: 150, AssignmentMode.Fair))
        {
            var best = ExhaustiveAssignment.Search(problem);
            var solution = ReviewerAssignmentSolver.Solve(problem);
            if (best is null)
            {
                Assert.Equal(AssignmentOutcome.Infeasible, solution.Outcome);
                continue;
            }

            feasible++;
            AssignmentChecks.AssertValid(problem, solution);
            Assert.Equal(AssignmentOutcome.Optimal, solution.Outcome);
            Assert.True(solution.WorstProposalProven);
            Assert.Equal(best.FairWorst, solution.WorstProposalScore!.Value, 6);
            Assert.Equal(best.FairWorst, AssignmentChecks.WorstOf(problem, solution.Pairs), 6);
            Assert.Equal(best.FairWorst, solution.Bound!.Value, 6);
            Assert.Equal(best.FairTotal, solution.Objective, 6);
            Assert.Equal(best.Total, solution.TotalBound!.Value, 6);
        }

        Assert.True(feasible > 50, $"only {feasible} feasible instances");
    }

    [Fact]
    public void The_worst_served_proposal_is_never_worse_than_in_total_mode()
    {
        foreach (var problem in RandomProblems.Generate(seed: 17, count: 80, AssignmentMode.Fair))
        {
            var fair = ReviewerAssignmentSolver.Solve(problem);
            var total = ReviewerAssignmentSolver.Solve(problem with { Mode = AssignmentMode.Total });
            if (total.Outcome == AssignmentOutcome.Infeasible)
            {
                continue;
            }

            Assert.True(fair.WorstProposalScore >= total.WorstProposalScore - 1e-9);
            Assert.True(fair.Objective <= total.Objective + 1e-9);
            Assert.Equal(total.WorstProposalScore, fair.TotalModeWorstProposalScore);
        }
    }

    [Fact]
    public void Fair_mode_trades_total_for_the_worst_served_proposal()
    {
        // k = 1, each reviewer one review. Total mode: talk 0 → reviewer 0 (10), talk 1 → reviewer 1 (1): total 11, worst 1.
        // Fair: talk 0 → reviewer 1 (6), talk 1 → reviewer 0 (4): total 10, worst 4.
        var problem = new AssignmentProblem(2, 2, 1, [0, 0], [1, 1],
            [new(0, 0, 10), new(0, 1, 6), new(1, 0, 4), new(1, 1, 1)], [], AssignmentMode.Fair);

        var fair = ReviewerAssignmentSolver.Solve(problem);
        var total = ReviewerAssignmentSolver.Solve(problem with { Mode = AssignmentMode.Total });

        Assert.Equal([(0, 0), (1, 1)], total.Pairs);
        Assert.Equal(1, total.WorstProposalScore!.Value, 9);
        Assert.Equal([(0, 1), (1, 0)], fair.Pairs);
        Assert.Equal(4, fair.WorstProposalScore!.Value, 9);
        Assert.Equal(10, fair.Objective, 9);
        Assert.Equal(11, fair.TotalBound!.Value, 9);
    }

    [Fact]
    public void Above_the_full_model_size_fair_mode_works_on_a_reduced_set_and_reports_a_valid_bound()
    {
        // 300 × 250 = 75,000 pairs, more than CP-SAT is given whole: it sees the flow's arcs plus each proposal's best few.
        var random = new Random(23);
        var candidates = Enumerable.Range(0, 300).SelectMany(p => Enumerable.Range(0, 250)
            .Select(r => new Candidate(p, r, random.Next(0, 500) / 100.0))).ToList();
        var problem = new AssignmentProblem(300, 250, 3, [.. Enumerable.Repeat(3, 250)], [.. Enumerable.Repeat(4, 250)], candidates, [],
            AssignmentMode.Fair, TimeSpan.FromSeconds(5));

        var fair = ReviewerAssignmentSolver.Solve(problem);
        var total = ReviewerAssignmentSolver.Solve(problem with { Mode = AssignmentMode.Total });

        AssignmentChecks.AssertValid(problem, fair);
        Assert.InRange(fair.FairCandidateCount, 1, candidates.Count - 1);
        Assert.True(fair.WorstProposalScore >= total.WorstProposalScore - 1e-9);
        Assert.True(fair.WorstProposalScore <= fair.Bound + 1e-9);

        // The bound is the individual one: the lowest, over proposals, of its best three scores.
        var individual = Enumerable.Range(0, 300).Min(p => candidates.Where(c => c.Proposal == p).Select(c => c.Score).OrderDescending().Take(3).Sum());
        Assert.Equal(individual, fair.Bound!.Value, 6);
        Assert.True(fair.Objective <= total.Objective + 1e-9);
    }

    [Fact]
    public void Cancelling_during_the_fairness_phases_stops_cp_sat_instead_of_waiting_for_its_time_limit()
    {
        // A hard max-min: everyone prefers the same 20 reviewers, who can take 60 of the 600 reviews; CP-SAT cannot
        // prove it and would search until its limit.
        var problem = Popular(proposals: 200, reviewers: 200, popular: 20, seed: 29, TimeSpan.FromSeconds(120));
        using var cancel = new CancellationTokenSource();
        var stages = new List<string>();
        var progress = new SynchronousProgress(p =>
        {
            stages.Add(p.Stage);
            if (p.Stage.StartsWith("Fairness: phase 1", StringComparison.Ordinal))
            {
                cancel.CancelAfter(TimeSpan.FromMilliseconds(300));
            }
        });
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Assert.ThrowsAny<OperationCanceledException>(() => ReviewerAssignmentSolver.Solve(problem, progress, cancel.Token));

        // Not a performance claim: without StopSearch the run would last until the 120 s limit.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
        Assert.Contains("Solving", stages);
        Assert.DoesNotContain("Done", stages);
    }

    [Fact]
    public void When_cp_sat_cannot_prove_the_worst_served_score_the_bound_comes_from_the_lp_relaxation()
    {
        var problem = Popular(proposals: 60, reviewers: 60, popular: 6, seed: 31, TimeSpan.FromSeconds(2));

        var fair = ReviewerAssignmentSolver.Solve(problem);

        // Each proposal alone could have three popular reviewers (≥ 12); together they share 18 popular reviews.
        var individual = Enumerable.Range(0, 60).Min(p => problem.Candidates.Where(c => c.Proposal == p).Select(c => c.Score).OrderDescending().Take(3).Sum());
        AssignmentChecks.AssertValid(problem, fair);
        Assert.True(fair.Bound < individual - 1, $"bound {fair.Bound} vs individual {individual}");
        Assert.True(fair.Bound >= fair.WorstProposalScore - 1e-9);
    }

    private static AssignmentProblem Popular(int proposals, int reviewers, int popular, int seed, TimeSpan limit)
    {
        var random = new Random(seed);
        var candidates = Enumerable.Range(0, proposals).SelectMany(p => Enumerable.Range(0, reviewers)
            .Select(r => new Candidate(p, r, (r < popular ? 4 : 0) + random.Next(0, 300) / 100.0))).ToList();
        return new AssignmentProblem(proposals, reviewers, 3, [.. Enumerable.Repeat(3, reviewers)], [.. Enumerable.Repeat(3, reviewers)], candidates, [],
            AssignmentMode.Fair, limit);
    }

    [Fact]
    public void Fair_mode_explains_infeasibility_like_total_mode()
    {
        var problem = new AssignmentProblem(3, 2, 2, [0, 0], [1, 1],
            [new(0, 0, 1), new(0, 1, 1), new(1, 0, 1), new(1, 1, 1), new(2, 0, 1), new(2, 1, 1)], [], AssignmentMode.Fair);

        var solution = ReviewerAssignmentSolver.Solve(problem);

        Assert.Equal(AssignmentOutcome.Infeasible, solution.Outcome);
        Assert.Contains("Total capacity 2 < required 6", solution.Infeasibility!.Summary);
    }
}
