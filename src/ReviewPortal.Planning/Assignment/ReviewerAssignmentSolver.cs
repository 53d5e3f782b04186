namespace ReviewPortal.Planning.Assignment;

/// <summary>Optimal reviewer assignment (docs/assignment.md): min-cost flow for the total, CP-SAT for fairness, CLP for the LP bound.</summary>
public static class ReviewerAssignmentSolver
{
    /// <summary>Solves the problem. Throws <see cref="ArgumentException"/> for malformed input (indices out of range, min &gt; max, a fixed pair twice) and <see cref="OperationCanceledException"/> when cancelled.</summary>
    public static AssignmentSolution Solve(AssignmentProblem problem, IProgress<SolverProgress>? progress = null, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>The optimum of the LP relaxation of Total mode (OR-Tools CLP); NaN when the LP is infeasible. The constraint matrix is totally unimodular, so this equals the flow optimum up to the cost rounding.</summary>
    public static double LpBound(AssignmentProblem problem) => throw new NotImplementedException();
}
