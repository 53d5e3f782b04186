using ReviewPortal.Planning.Assignment;

namespace ReviewPortal.UnitTests.Planning;

/// <summary>
/// The reference the solver is checked against: every assignment of a small problem, enumerated. Knows nothing of flows
/// or CP-SAT; it only applies the rules as the issue states them.
/// </summary>
internal static class ExhaustiveAssignment
{
    public sealed record Best(double Total, double FairWorst, double FairTotal);

    /// <summary>The best total, and the lexicographic best (worst-served proposal, then total); null when nothing is feasible.</summary>
    public static Best? Search(AssignmentProblem problem)
    {
        int n = problem.ProposalCount, m = problem.ReviewerCount, k = problem.ReviewersPerProposal;
        var score = new Dictionary<(int, int), double>();
        foreach (var c in problem.Candidates)
        {
            score[(c.Proposal, c.Reviewer)] = Math.Max(score.GetValueOrDefault((c.Proposal, c.Reviewer), double.NegativeInfinity), c.Score);
        }

        var fixedSet = problem.Fixed.ToHashSet();
        var load = new int[m];
        var proposalScore = new double[n];
        foreach (var (p, r) in problem.Fixed)
        {
            load[r]++;
            proposalScore[p] += score.TryGetValue((p, r), out var s) ? s : 0;
        }

        // Per proposal: every way to choose its remaining reviewers among its allowed, non-fixed candidates.
        var options = new List<(int[] Reviewers, double Score)>[n];
        for (var p = 0; p < n; p++)
        {
            var fixedHere = problem.Fixed.Count(f => f.Proposal == p);
            var allowed = Enumerable.Range(0, m).Where(r => score.ContainsKey((p, r)) && !fixedSet.Contains((p, r))).ToArray();
            options[p] = [.. Subsets(allowed, k - fixedHere).Select(s => (s, s.Sum(r => score[(p, r)])))];
        }

        double bestTotal = double.NegativeInfinity, bestWorst = double.NegativeInfinity, bestFairTotal = double.NegativeInfinity;
        var found = false;
        Recurse(0);
        return found ? new Best(bestTotal, bestWorst, bestFairTotal) : null;

        void Recurse(int p)
        {
            if (p == n)
            {
                for (var r = 0; r < m; r++)
                {
                    if (load[r] < problem.MinLoad[r] || load[r] > problem.MaxLoad[r])
                    {
                        return;
                    }
                }

                found = true;
                // proposalScore holds the fixed pairs' scores plus those chosen on the way down.
                var all = proposalScore.Sum();
                var worst = n == 0 ? 0 : proposalScore.Min();
                bestTotal = Math.Max(bestTotal, all);
                if (worst > bestWorst + 1e-9 || (Math.Abs(worst - bestWorst) <= 1e-9 && all > bestFairTotal))
                {
                    bestWorst = Math.Max(worst, bestWorst);
                    bestFairTotal = all;
                }

                return;
            }

            foreach (var (reviewers, s) in options[p])
            {
                if (reviewers.Any(r => load[r] >= problem.MaxLoad[r]))
                {
                    continue;
                }

                foreach (var r in reviewers)
                {
                    load[r]++;
                }

                proposalScore[p] += s;
                Recurse(p + 1);
                proposalScore[p] -= s;
                foreach (var r in reviewers)
                {
                    load[r]--;
                }
            }
        }
    }

    private static IEnumerable<int[]> Subsets(int[] items, int size)
    {
        if (size < 0)
        {
            yield break;
        }

        if (size == 0)
        {
            yield return [];
            yield break;
        }

        for (var i = 0; i <= items.Length - size; i++)
        {
            foreach (var rest in Subsets(items[(i + 1)..], size - 1))
            {
                yield return [items[i], .. rest];
            }
        }
    }
}

/// <summary>Small random problems with a fixed seed: conflicts, uneven loads, manual assignments, scores with two decimals.</summary>
internal static class RandomProblems
{
    public static IEnumerable<AssignmentProblem> Generate(int seed, int count, AssignmentMode mode = AssignmentMode.Total)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var n = random.Next(1, 6);
            var m = random.Next(2, 6);
            var k = random.Next(1, Math.Min(m, n <= 3 ? 3 : 2) + 1);
            var candidates = new List<Candidate>();
            for (var p = 0; p < n; p++)
            {
                for (var r = 0; r < m; r++)
                {
                    // About one pair in five is a conflict; scores may be negative (a "not willing" bid).
                    if (random.NextDouble() >= 0.2)
                    {
                        candidates.Add(new Candidate(p, r, random.Next(-300, 501) / 100.0));
                    }
                }
            }

            var (balancedMin, balancedMax) = LoadBounds.Balanced(n, k, m);
            var minLoad = Enumerable.Range(0, m).Select(_ => random.NextDouble() < 0.5 ? balancedMin : random.Next(0, balancedMin + 1)).ToArray();
            var maxLoad = minLoad.Select(min => Math.Max(min, random.NextDouble() < 0.5 ? balancedMax : random.Next(min, balancedMax + 2))).ToArray();

            // Up to two manual assignments, on allowed pairs, at most k per proposal.
            var fixedPairs = new List<(int, int)>();
            foreach (var c in candidates.OrderBy(_ => random.Next()).Take(random.Next(0, 3)))
            {
                if (fixedPairs.Count(f => f.Item1 == c.Proposal) < k)
                {
                    fixedPairs.Add((c.Proposal, c.Reviewer));
                }
            }

            // Shuffled, so the solver cannot rely on the order it is given.
            yield return new AssignmentProblem(n, m, k, minLoad, maxLoad, [.. candidates.OrderBy(_ => random.Next())], fixedPairs, mode);
        }
    }
}
