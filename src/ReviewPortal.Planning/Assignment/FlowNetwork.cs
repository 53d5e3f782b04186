using System.Runtime.CompilerServices;

namespace ReviewPortal.Planning.Assignment;

/// <summary>
/// A maximum flow and the source side of its minimum cut, in plain arrays (Dinic's algorithm). Used by the infeasibility
/// explainer: its networks have about one arc per candidate, and at CVPR size (1 M arcs) building an OR-Tools graph
/// arc by arc through the C# wrapper, reading every arc's flow back the same way and then searching the residual graph
/// took longer than the flow itself. Here the arcs go once into a CSR array with each arc's reverse, and the last
/// breadth-first search of Dinic's algorithm (the one that no longer reaches the sink) is the residual search: the nodes
/// it labels are exactly those reachable from the source in the residual graph of a maximum flow, the smallest source
/// side of any minimum cut (the same set for every maximum flow).
/// </summary>
internal sealed class FlowNetwork
{
    private readonly int _nodeCount;
    private readonly int[] _tails;
    private readonly int[] _heads;
    private readonly long[] _capacities;
    private int _arcs;

    /// <param name="nodeCount">Nodes are 0 … nodeCount − 1.</param>
    /// <param name="maxArcs">At most this many arcs will be added.</param>
    public FlowNetwork(int nodeCount, int maxArcs)
    {
        _nodeCount = nodeCount;
        _tails = new int[maxArcs];
        _heads = new int[maxArcs];
        _capacities = new long[maxArcs];
    }

    public int ArcCount => _arcs;

    /// <summary>Adds an arc; an arc without capacity is left out (it carries nothing and leaves no residual arc).</summary>
    public void Add(int tail, int head, long capacity)
    {
        if (capacity <= 0)
        {
            return;
        }

        if ((uint)tail >= (uint)_nodeCount || (uint)head >= (uint)_nodeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(tail), $"Arc {tail} → {head} is outside the network's {_nodeCount} nodes.");
        }

        _tails[_arcs] = tail;
        _heads[_arcs] = head;
        _capacities[_arcs] = capacity;
        _arcs++;
    }

    /// <summary>The maximum flow from <paramref name="source"/> to <paramref name="sink"/> and, per node, whether it is reachable from the source in the residual graph.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (long MaxFlow, bool[] SourceSide) Run(int source, int sink)
    {
        // CSR of residual arcs: arc i becomes a forward entry at its tail (residual = capacity) and a reverse entry at its
        // head (residual 0); Pair links the two.
        int n = _nodeCount, entries = 2 * _arcs;
        var start = new int[n + 1];
        for (var i = 0; i < _arcs; i++)
        {
            start[_tails[i] + 1]++;
            start[_heads[i] + 1]++;
        }

        for (var v = 0; v < n; v++)
        {
            start[v + 1] += start[v];
        }

        var to = new int[entries];
        var residual = new long[entries];
        var pair = new int[entries];
        var fill = (int[])start.Clone();
        for (var i = 0; i < _arcs; i++)
        {
            int tail = _tails[i], head = _heads[i];
            int forward = fill[tail]++, reverse = fill[head]++;
            to[forward] = head;
            residual[forward] = _capacities[i];
            pair[forward] = reverse;
            to[reverse] = tail;
            pair[reverse] = forward;
        }

        var level = new int[n];
        var queue = new int[n];
        var next = new int[n];
        var path = new int[n];
        long total = 0;
        while (Levels(start, to, residual, level, queue, source, sink))
        {
            Array.Copy(start, next, n);
            total += BlockingFlow(start, to, residual, pair, level, next, path, source, sink);
        }

        var side = new bool[n];
        for (var v = 0; v < n; v++)
        {
            side[v] = level[v] >= 0;
        }

        return (total, side);
    }

    /// <summary>Breadth-first levels over residual arcs; true when the sink is reached. When it is not, every node reachable from the source has its level (none is cut short).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Levels(int[] start, int[] to, long[] residual, int[] level, int[] queue, int source, int sink)
    {
        Array.Fill(level, -1);
        level[source] = 0;
        queue[0] = source;
        int head = 0, tail = 1;
        while (head < tail)
        {
            var v = queue[head++];

            // Nodes at the sink's level or beyond lie on no shortest path; the sink is only found while none is reached.
            if (level[sink] >= 0 && level[v] >= level[sink])
            {
                break;
            }

            for (var e = start[v]; e < start[v + 1]; e++)
            {
                var w = to[e];
                if (residual[e] > 0 && level[w] < 0)
                {
                    level[w] = level[v] + 1;
                    queue[tail++] = w;
                }
            }
        }

        return level[sink] >= 0;
    }

    /// <summary>Augments along shortest residual paths until none is left in the level graph (iterative, so long paths need no deep stack).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long BlockingFlow(int[] start, int[] to, long[] residual, int[] pair, int[] level, int[] next, int[] path, int source, int sink)
    {
        long total = 0;
        int depth = 0, v = source;
        while (true)
        {
            if (v == sink)
            {
                var pushed = long.MaxValue;
                for (var i = 0; i < depth; i++)
                {
                    pushed = Math.Min(pushed, residual[path[i]]);
                }

                var back = depth;
                for (var i = depth - 1; i >= 0; i--)
                {
                    var e = path[i];
                    residual[e] -= pushed;
                    residual[pair[e]] += pushed;
                    if (residual[e] == 0)
                    {
                        back = i;
                    }
                }

                total += pushed;

                // Retreat to the tail of the first arc the push saturated.
                depth = back;
                v = depth == 0 ? source : to[path[depth - 1]];
                continue;
            }

            var advanced = false;
            var end = start[v + 1];
            for (; next[v] < end; next[v]++)
            {
                var e = next[v];
                var w = to[e];
                if (residual[e] > 0 && level[w] == level[v] + 1)
                {
                    path[depth++] = e;
                    v = w;
                    advanced = true;
                    break;
                }
            }

            if (advanced)
            {
                continue;
            }

            if (v == source)
            {
                return total;
            }

            // A dead end: back to the previous node, past the arc that led here.
            depth--;
            v = to[pair[path[depth]]];
            next[v]++;
        }
    }
}
