using Google.OrTools.Graph;

namespace ReviewPortal.Planning.Assignment;

/// <summary>
/// Total mode: one min-cost flow (docs/assignment.md, "The flow network"). Proposal p has supply k − fixed(p); each
/// candidate is an arc p → reviewer of capacity 1 and cost −round(score × <see cref="CostScale"/>); reviewer r has supply
/// −minRemaining(r) (it must absorb its minimum) and an arc to the sink of capacity maxRemaining(r) − minRemaining(r); the
/// sink absorbs the rest. OR-Tools has no arc lower bounds; these supplies model the minimum loads exactly.
/// </summary>
internal static class FlowAssignment
{
    public const double CostScale = 1_000_000;

    public sealed record Result(int[] ChosenArcs, long OptimalCost);

    /// <summary>The optimal arcs, or null when no feasible flow exists.</summary>
    public static Result? Solve(PreparedProblem pp, Action? built = null)
    {
        int n = pp.N, m = pp.M, sink = n + m;
        if (pp.ArcCount == 0)
        {
            // Nothing to decide (OR-Tools is not asked about an empty graph): feasible iff nothing is still needed.
            return pp.RemainingRequired == 0 && pp.MinRemainingTotal == 0 ? new Result([], 0) : null;
        }

        using var flow = new MinCostFlow(n + m + 1, pp.ArcCount + m);
        for (var a = 0; a < pp.ArcCount; a++)
        {
            // Candidate arcs are added first, so arc id a is candidate a.
            flow.AddArcWithCapacityAndUnitCost(pp.ArcProposal[a], n + pp.ArcReviewer[a], 1, -ScaledCost(pp.ArcScore[a]));
        }

        for (var p = 0; p < n; p++)
        {
            flow.SetNodeSupply(p, pp.Need[p]);
        }

        for (var r = 0; r < m; r++)
        {
            flow.SetNodeSupply(n + r, -pp.MinRemaining[r]);
            var room = pp.MaxRemaining[r] - pp.MinRemaining[r];
            if (room > 0)
            {
                flow.AddArcWithCapacityAndUnitCost(n + r, sink, room, 0);
            }
        }

        flow.SetNodeSupply(sink, -(pp.RemainingRequired - pp.MinRemainingTotal));
        built?.Invoke();
        var status = flow.Solve();
        if (status != MinCostFlow.Status.OPTIMAL)
        {
            return null;
        }

        var chosen = new List<int>((int)Math.Min(int.MaxValue, pp.RemainingRequired));
        for (var a = 0; a < pp.ArcCount; a++)
        {
            if (flow.Flow(a) > 0)
            {
                chosen.Add(a);
            }
        }

        return new Result([.. chosen], flow.OptimalCost());
    }

    public static long ScaledCost(double score) => (long)Math.Round(score * CostScale, MidpointRounding.AwayFromZero);
}
