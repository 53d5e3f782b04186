using Google.OrTools.Graph;
using ReviewPortal.Planning.Assignment;

namespace ReviewPortal.UnitTests.Planning;

/// <summary>
/// The explainer's own max flow (<see cref="FlowNetwork"/>) against OR-Tools' push-relabel max flow: the same flow value,
/// and as the cut the nodes reachable from the source in the residual graph of OR-Tools' flow (searched here, in the
/// plainest way), which is the same set for every maximum flow.
/// </summary>
public sealed class FlowNetworkTests
{
    [Fact]
    public void On_random_networks_the_flow_and_the_cut_equal_or_tools()
    {
        var random = new Random(7);
        var cutsWithBothSides = 0;
        for (var round = 0; round < 400; round++)
        {
            var nodes = random.Next(2, 30);
            var arcs = new List<(int Tail, int Head, long Capacity)>();
            var arcCount = random.Next(0, nodes * 4);
            for (var i = 0; i < arcCount; i++)
            {
                // Any arc: parallel ones, loops, into the source, out of the sink, zero capacity (left out by both).
                arcs.Add((random.Next(nodes), random.Next(nodes), random.Next(0, 6)));
            }

            int source = random.Next(nodes), sink = (source + 1 + random.Next(nodes - 1)) % nodes;
            var (expectedFlow, expectedSide) = OrTools(nodes, arcs, source, sink);

            var network = new FlowNetwork(nodes, arcs.Count);
            arcs.ForEach(a => network.Add(a.Tail, a.Head, a.Capacity));
            var (flow, side) = network.Run(source, sink);

            Assert.Equal(expectedFlow, flow);
            Assert.Equal(expectedSide, side);
            Assert.True(side[source]);
            Assert.False(side[sink]);
            Assert.Equal(flow, arcs.Where(a => side[a.Tail] && !side[a.Head]).Sum(a => a.Capacity));
            cutsWithBothSides += side.Count(s => s) > 1 && flow > 0 ? 1 : 0;
        }

        Assert.True(cutsWithBothSides > 50, $"only {cutsWithBothSides} non-trivial cuts");
    }

    [Fact]
    public void A_path_through_a_hundred_thousand_nodes_needs_no_deep_stack()
    {
        // One augmenting path of 100,000 arcs (the search is iterative); a side branch that dead-ends is skipped.
        const int n = 100_000;
        var network = new FlowNetwork(n + 1, n + 1);
        network.Add(n / 2, n, 5); // first in its node's list, so the search tries it first
        for (var v = 0; v < n - 1; v++)
        {
            network.Add(v, v + 1, 2);
        }

        var (flow, side) = network.Run(0, n - 1);

        Assert.Equal(2, flow);
        Assert.True(side[0]);
        Assert.Equal(1, side.Count(s => s));
    }

    private static (long Flow, bool[] Side) OrTools(int nodes, List<(int Tail, int Head, long Capacity)> arcs, int source, int sink)
    {
        var kept = arcs.Where(a => a.Capacity > 0).ToList();
        if (kept.Count == 0)
        {
            var alone = new bool[nodes];
            alone[source] = true;
            return (0, alone);
        }

        using var maxFlow = new MaxFlow();
        kept.ForEach(a => maxFlow.AddArcWithCapacity(a.Tail, a.Head, a.Capacity));

        // OR-Tools knows only the nodes its arcs name; an arc-less source or sink means nothing can flow.
        var named = kept.SelectMany(a => new[] { a.Tail, a.Head }).ToHashSet();
        var flows = new long[kept.Count];
        long value = 0;
        if (named.Contains(source) && named.Contains(sink))
        {
            Assert.Equal(MaxFlow.Status.OPTIMAL, maxFlow.Solve(source, sink));
            value = maxFlow.OptimalFlow();
            for (var i = 0; i < kept.Count; i++)
            {
                flows[i] = maxFlow.Flow(i);
            }
        }

        var side = new bool[nodes];
        side[source] = true;
        var changed = true;
        while (changed)
        {
            changed = false;
            for (var i = 0; i < kept.Count; i++)
            {
                var (tail, head, capacity) = kept[i];
                if (side[tail] && !side[head] && flows[i] < capacity)
                {
                    side[head] = changed = true;
                }

                if (side[head] && !side[tail] && flows[i] > 0)
                {
                    side[tail] = changed = true;
                }
            }
        }

        return (value, side);
    }
}
