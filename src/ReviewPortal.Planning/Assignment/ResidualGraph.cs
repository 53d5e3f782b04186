namespace ReviewPortal.Planning.Assignment;

/// <summary>
/// The source side of a minimum cut: the nodes reachable from the source in the residual graph of a maximum flow
/// (OR-Tools' C# wrapper has no GetSourceSideMinCut). This is the smallest source side of any minimum cut.
/// </summary>
internal static class ResidualGraph
{
    public static bool[] SourceSide(int nodeCount, int source, int[] tails, int[] heads, long[] capacities, long[] flows)
    {
        // Residual arcs: tail → head while flow < capacity, head → tail while flow > 0. CSR adjacency of both.
        var degree = new int[nodeCount + 1];
        for (var a = 0; a < tails.Length; a++)
        {
            if (flows[a] < capacities[a])
            {
                degree[tails[a] + 1]++;
            }

            if (flows[a] > 0)
            {
                degree[heads[a] + 1]++;
            }
        }

        for (var v = 0; v < nodeCount; v++)
        {
            degree[v + 1] += degree[v];
        }

        var next = new int[degree[nodeCount]];
        var fill = (int[])degree.Clone();
        for (var a = 0; a < tails.Length; a++)
        {
            if (flows[a] < capacities[a])
            {
                next[fill[tails[a]]++] = heads[a];
            }

            if (flows[a] > 0)
            {
                next[fill[heads[a]]++] = tails[a];
            }
        }

        var seen = new bool[nodeCount];
        var queue = new Queue<int>();
        seen[source] = true;
        queue.Enqueue(source);
        while (queue.TryDequeue(out var v))
        {
            for (var i = degree[v]; i < degree[v + 1]; i++)
            {
                var w = next[i];
                if (!seen[w])
                {
                    seen[w] = true;
                    queue.Enqueue(w);
                }
            }
        }

        return seen;
    }
}
