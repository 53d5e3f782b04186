using Google.OrTools.LinearSolver;

namespace ReviewPortal.Planning.Assignment;

/// <summary>
/// Optimal reviewer assignment (docs/assignment.md): a min-cost flow for the total (exact), CP-SAT for the fairness mode,
/// the minimum cut of a max flow for infeasibility explanations, CLP for the LP bound.
/// </summary>
public static class ReviewerAssignmentSolver
{
    /// <summary>
    /// Solves the problem. Total mode is always proven optimal when feasible (<see cref="AssignmentOutcome.Optimal"/>);
    /// Fair mode is <see cref="AssignmentOutcome.Optimal"/> only when both phases are proven on the whole candidate set.
    /// </summary>
    /// <exception cref="ArgumentException">Malformed input: indices out of range, min &gt; max, a fixed pair listed twice, a non-finite score.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled (checked between stages; CP-SAT is stopped at once).</exception>
    public static AssignmentSolution Solve(AssignmentProblem problem, IProgress<SolverProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        progress?.Report(new SolverProgress(0, "Checking the input"));
        var pp = PreparedProblem.From(problem);
        cancellationToken.ThrowIfCancellationRequested();
        var inputProblem = InfeasibilityExplainer.CheckFixedPairs(pp) ?? InfeasibilityExplainer.CheckMinimumLoads(pp);
        if (inputProblem is not null)
        {
            progress?.Report(new SolverProgress(1, "Done: infeasible"));
            return Infeasible(inputProblem);
        }

        if (InfeasibilityExplainer.FailsCounting(pp))
        {
            // The flow cannot succeed, so it is not run (at CVPR size it takes longer to say "infeasible" than the
            // minimum cut takes to say why); the cut explains every bottleneck, not only the one counting found.
            progress?.Report(new SolverProgress(0.6, "Explaining infeasibility"));
            var shortfall = InfeasibilityExplainer.Explain(pp, cancellationToken);
            progress?.Report(new SolverProgress(1, "Done: infeasible"));
            return Infeasible(shortfall);
        }

        var fair = problem.Mode == AssignmentMode.Fair;
        progress?.Report(new SolverProgress(0.05, "Building the flow network"));
        var flow = FlowAssignment.Solve(pp, () => progress?.Report(new SolverProgress(fair ? 0.1 : 0.3, "Solving")));
        cancellationToken.ThrowIfCancellationRequested();
        if (flow is null)
        {
            progress?.Report(new SolverProgress(0.6, "Explaining infeasibility"));
            var why = InfeasibilityExplainer.Explain(pp, cancellationToken);
            progress?.Report(new SolverProgress(1, "Done: infeasible"));
            return Infeasible(why);
        }

        var objective = pp.Objective(flow.ChosenArcs);
        var worst = Worst(pp.ProposalScores(flow.ChosenArcs));
        var maxError = pp.MaxRoundingError(FlowAssignment.CostScale);

        // The flow is optimal for the costs rounded to 1/CostScale; the bound adds back what rounding can have cost.
        var totalBound = maxError == 0
            ? objective
            : Math.Max(objective, (-flow.OptimalCost + pp.RemainingRequired * maxError) / FlowAssignment.CostScale + pp.FixedScore.Sum());
        if (!fair)
        {
            progress?.Report(new SolverProgress(1, "Done"));
            return new AssignmentSolution(AssignmentOutcome.Optimal, pp.Pairs(flow.ChosenArcs), objective, totalBound, worst, null)
            {
                TotalBound = totalBound,
                Method = maxError == 0
                    ? "Min-cost flow (OR-Tools): proven optimal."
                    : $"Min-cost flow (OR-Tools) on scores rounded to 1/{FlowAssignment.CostScale:0}: optimal within {totalBound - objective:0.######}.",
            };
        }

        return FairAssignment.Solve(pp, flow.ChosenArcs, totalBound, worst, progress, cancellationToken);
    }

    /// <summary>
    /// The optimum of the LP relaxation of Total mode (OR-Tools CLP): x ∈ [0, 1] per candidate, exactly k per proposal,
    /// loads within [min, max], fixed pairs counted. NaN when the LP is infeasible. The constraint matrix is that of a
    /// bipartite b-matching (totally unimodular), so the LP optimum equals the integral flow optimum: a check of the flow.
    /// </summary>
    public static double LpBound(AssignmentProblem problem)
    {
        var pp = PreparedProblem.From(problem);
        if (InfeasibilityExplainer.CheckFixedPairs(pp) is not null)
        {
            return double.NaN;
        }

        if (pp.ArcCount == 0)
        {
            // CLP crashes (a native segmentation fault) on a model without columns; nothing to decide anyway.
            return pp.RemainingRequired == 0 && pp.MinRemainingTotal == 0 ? pp.FixedScore.Sum() : double.NaN;
        }

        using var solver = Solver.CreateSolver("CLP") ?? throw new InvalidOperationException("OR-Tools has no CLP solver in this build.");
        var proposalRows = new Constraint[pp.N];
        for (var p = 0; p < pp.N; p++)
        {
            proposalRows[p] = solver.MakeConstraint(pp.Need[p], pp.Need[p]);
        }

        var reviewerRows = new Constraint[pp.M];
        for (var r = 0; r < pp.M; r++)
        {
            reviewerRows[r] = solver.MakeConstraint(pp.MinRemaining[r], pp.MaxRemaining[r]);
        }

        var objective = solver.Objective();
        for (var a = 0; a < pp.ArcCount; a++)
        {
            var x = solver.MakeNumVar(0, 1, "");
            proposalRows[pp.ArcProposal[a]].SetCoefficient(x, 1);
            reviewerRows[pp.ArcReviewer[a]].SetCoefficient(x, 1);
            objective.SetCoefficient(x, pp.ArcScore[a]);
        }

        objective.SetMaximization();
        var status = solver.Solve();
        return status == Solver.ResultStatus.OPTIMAL ? objective.Value() + pp.FixedScore.Sum() : double.NaN;
    }

    /// <summary>
    /// The LP relaxation of phase 1 of Fair mode over every candidate (CLP): max t such that every proposal's fractional
    /// score is ≥ t. An upper bound on the worst-served score of any assignment; NaN when the LP is infeasible.
    /// </summary>
    internal static double MaxMinLpBound(PreparedProblem pp, CancellationToken cancellationToken)
    {
        if (pp.ArcCount == 0 || pp.N == 0)
        {
            return double.NaN;
        }

        using var solver = Solver.CreateSolver("CLP") ?? throw new InvalidOperationException("OR-Tools has no CLP solver in this build.");
        var t = solver.MakeNumVar(double.NegativeInfinity, double.PositiveInfinity, "t");
        var proposalRows = new Constraint[pp.N];
        var scoreRows = new Constraint[pp.N];
        for (var p = 0; p < pp.N; p++)
        {
            proposalRows[p] = solver.MakeConstraint(pp.Need[p], pp.Need[p]);

            // Σ score·x − t ≥ −fixed score.
            scoreRows[p] = solver.MakeConstraint(-pp.FixedScore[p], double.PositiveInfinity);
            scoreRows[p].SetCoefficient(t, -1);
        }

        var reviewerRows = new Constraint[pp.M];
        for (var r = 0; r < pp.M; r++)
        {
            reviewerRows[r] = solver.MakeConstraint(pp.MinRemaining[r], pp.MaxRemaining[r]);
        }

        for (var a = 0; a < pp.ArcCount; a++)
        {
            var x = solver.MakeNumVar(0, 1, "");
            proposalRows[pp.ArcProposal[a]].SetCoefficient(x, 1);
            scoreRows[pp.ArcProposal[a]].SetCoefficient(x, pp.ArcScore[a]);
            reviewerRows[pp.ArcReviewer[a]].SetCoefficient(x, 1);
        }

        var objective = solver.Objective();
        objective.SetCoefficient(t, 1);
        objective.SetMaximization();
        cancellationToken.ThrowIfCancellationRequested();
        var status = solver.Solve();

        // A small tolerance: the simplex's optimum is accurate to its feasibility tolerance, and this is an upper bound.
        return status == Solver.ResultStatus.OPTIMAL ? t.SolutionValue() + 1e-7 * Math.Max(1, Math.Abs(t.SolutionValue())) : double.NaN;
    }

    private static AssignmentSolution Infeasible(Infeasibility why)
        => new(AssignmentOutcome.Infeasible, [], 0, null, null, why) { Method = "Infeasible: " + why.Summary };

    internal static double? Worst(double[] proposalScores) => proposalScores.Length == 0 ? null : proposalScores.Min();
}
