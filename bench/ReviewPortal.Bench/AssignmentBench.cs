using System.Diagnostics;
using System.Globalization;
using ReviewPortal.Planning.Assignment;

namespace ReviewPortal.Bench;

/// <summary>
/// `--mode assignment`: the reviewer-assignment solver on synthetic instances with a fixed seed (docs/benchmarks.md,
/// "Reviewer assignment"). Pure in-process: no app, no database. Times the solver only (not the generation); peak
/// memory is VmHWM of this process, reset before each case through /proc/self/clear_refs.
/// </summary>
internal static class AssignmentBench
{
    private const int Dimensions = 8;

    public static async Task<bool> RunAsync(BenchOptions options, string[] args, CancellationToken cancellationToken)
    {
        var cases = options.AssignmentCases;
        if (!options.AssignmentChild)
        {
            Console.WriteLine($"Assignment   cases {string.Join(", ", cases)}; seed {options.Seed}; fair time limit {options.FairSeconds} s; OR-Tools CP-SAT workers ≥ 2");
            Console.WriteLine("             each case in a fresh process, so VmHWM is that case's peak (the instance itself included; \"before\" is the resident memory with the instance built)");
            Console.WriteLine();
            Console.WriteLine("| case | proposals × reviewers | k | loads | arcs | outcome | solve | peak (VmHWM) | objective | bound | CLP LP bound | LP time | note |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            var allPassed = true;
            foreach (var name in cases)
            {
                allPassed &= await RunChildAsync(name, args, cancellationToken);
            }

            return allPassed;
        }

        var ok = true;
        foreach (var name in cases)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ok &= name switch
            {
                "lpc" => RunTotal("LPC", Lpc(options.Seed), runs: 20, options, cancellationToken),
                "cvpr" => RunTotal("CVPR", Cvpr(options.Seed), runs: 3, options, cancellationToken),
                "big" => RunTotal("20k × 20k", Big(options.Seed), runs: 1, options, cancellationToken),
                "fair-lpc" => RunFair("fair LPC", Lpc(options.Seed), options, cancellationToken),
                "fair-cvpr" => RunFair("fair CVPR", Cvpr(options.Seed), options, cancellationToken),
                "infeasible-cvpr" => RunInfeasible("infeasible CVPR", InfeasibleCvpr(options.Seed), cancellationToken),
                _ => throw new ArgumentException($"Unknown assignment case '{name}'."),
            };
        }

        return ok;
    }

    /// <summary>Runs one case in a child process of this bench (same options), so the peak memory is that case's alone.</summary>
    private static async Task<bool> RunChildAsync(string name, string[] args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = false, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(AssignmentBench).Assembly.Location);
        }

        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--cases")
            {
                i++;
                continue;
            }

            start.ArgumentList.Add(args[i]);
        }

        start.ArgumentList.Add("--cases");
        start.ArgumentList.Add(name);
        start.ArgumentList.Add("--assignment-child");
        using var child = Process.Start(start)!;
        try
        {
            await child.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            child.Kill();
            throw;
        }

        return child.ExitCode == 0;
    }

    private static bool RunTotal(string name, AssignmentProblem problem, int runs, BenchOptions options, CancellationToken cancellationToken)
    {
        // Warm-up (JIT, native library load) on the same instance, not counted.
        if (runs > 1)
        {
            ReviewerAssignmentSolver.Solve(problem, cancellationToken: cancellationToken);
        }

        var times = new List<double>();
        AssignmentSolution? solution = null;
        var baseline = Memory.Rss();
        Memory.ResetPeak();
        var stages = new List<(double At, string Stage)>();
        for (var i = 0; i < runs; i++)
        {
            stages.Clear();
            var watch = Stopwatch.StartNew();
            solution = ReviewerAssignmentSolver.Solve(problem, new StageClock(watch, stages), cancellationToken);
            times.Add(watch.Elapsed.TotalSeconds);
        }

        // Of the last run: input checks and deduplication, building the OR-Tools graph, the flow itself and reading it back.
        double At(string stage) => stages.FirstOrDefault(s => s.Stage == stage).At;
        var split = $"last run: prepare {Seconds(At("Building the flow network"))}, build {Seconds(At("Solving") - At("Building the flow network"))}, "
            + $"flow + read-back {Seconds(At("Done") - At("Solving"))}";

        var peak = Memory.Peak();
        var (lp, lpSeconds) = options.SkipLp || (problem.Candidates.Count > 2_000_000 && !options.LpBig)
            ? (double.NaN, double.NaN)
            : TimeLp(problem);
        var valid = solution!.Outcome == AssignmentOutcome.Optimal && Valid(problem, solution);
        var gap = double.IsNaN(lp) ? "" : $"objective − LP = {solution.Objective - lp:0.######} ({(solution.Objective - lp) / Math.Abs(lp):0.###e+0} relative)";
        Row(name, problem, solution.Outcome.ToString(), Median(times, runs), peak, baseline, Format(solution.Objective), Format(solution.Bound),
            double.IsNaN(lp) ? "not run" : Format(lp), double.IsNaN(lpSeconds) ? "" : Seconds(lpSeconds),
            (valid ? "valid" : "INVALID") + (gap.Length > 0 ? "; " + gap : "") + "; " + split + (runs > 1 ? $"; median of {runs}" : ""));
        return valid;
    }

    private static bool RunFair(string name, AssignmentProblem problem, BenchOptions options, CancellationToken cancellationToken)
    {
        problem = problem with { Mode = AssignmentMode.Fair, FairTimeLimit = TimeSpan.FromSeconds(options.FairSeconds) };
        if (problem.Candidates.Count < 10_000)
        {
            ReviewerAssignmentSolver.Solve(problem, cancellationToken: cancellationToken);
        }

        var baseline = Memory.Rss();
        Memory.ResetPeak();
        var stages = new List<(double At, string Stage)>();
        var watch = Stopwatch.StartNew();
        var solution = ReviewerAssignmentSolver.Solve(problem, new StageClock(watch, stages), cancellationToken);
        var seconds = watch.Elapsed.TotalSeconds;
        var peak = Memory.Peak();
        var valid = solution.Outcome != AssignmentOutcome.Infeasible && Valid(problem, solution);
        var worst = solution.WorstProposalScore ?? double.NaN;
        var bound = solution.Bound ?? double.NaN;
        var gap = (bound - worst) / Math.Abs(bound);
        var phase1 = stages.FirstOrDefault(s => s.Stage.StartsWith("Fairness: phase 2", StringComparison.Ordinal)).At;
        Row(name, problem, solution.Outcome.ToString(), seconds, peak, baseline, Format(solution.Objective), Format(solution.Bound), "", "",
            $"{(valid ? "valid" : "INVALID")}; worst-served {worst:0.####} vs bound {bound:0.####} (gap {gap:0.###%}, {(solution.WorstProposalProven ? "proven" : "not proven")}); "
            + $"total-mode worst {solution.TotalModeWorstProposalScore:0.####}; total {solution.Objective:0.####} vs flow optimum {solution.TotalBound:0.####}; "
            + $"phase 1 done at {phase1:0.##} s; CP-SAT saw {solution.FairCandidateCount:N0} pairs");
        return valid;
    }

    private static bool RunInfeasible(string name, AssignmentProblem problem, CancellationToken cancellationToken)
    {
        var baseline = Memory.Rss();
        Memory.ResetPeak();
        var stages = new List<(double At, string Stage)>();
        var watch = Stopwatch.StartNew();
        var solution = ReviewerAssignmentSolver.Solve(problem, new StageClock(watch, stages), cancellationToken);
        var seconds = watch.Elapsed.TotalSeconds;
        var peak = Memory.Peak();
        var explainStart = stages.FirstOrDefault(s => s.Stage == "Explaining infeasibility").At;
        var why = solution.Infeasibility;
        Row(name, problem, solution.Outcome.ToString(), seconds, peak, baseline, "", "", "", "",
            $"flow says infeasible after {explainStart:0.###} s, min-cut explanation {seconds - explainStart:0.###} s; "
            + $"{why?.Proposals.Count} proposals, {why?.SaturatedReviewers.Count} saturated reviewers, {why?.MissingReviews} reviews missing");
        Console.WriteLine();
        Console.WriteLine($"Explanation: {why?.Summary}");
        Console.WriteLine();
        return solution.Outcome == AssignmentOutcome.Infeasible && why is not null;
    }

    private static (double Lp, double Seconds) TimeLp(AssignmentProblem problem)
    {
        var watch = Stopwatch.StartNew();
        var lp = ReviewerAssignmentSolver.LpBound(problem);
        return (lp, watch.Elapsed.TotalSeconds);
    }

    private static void Row(string name, AssignmentProblem p, string outcome, double seconds, long peak, long baseline, string objective, string bound, string lp, string lpTime, string note)
    {
        var loads = p.MinLoad.Count == 0 ? "" : $"{p.MinLoad.Min()}–{p.MaxLoad.Max()}";
        Console.WriteLine($"| {name} | {p.ProposalCount:N0} × {p.ReviewerCount:N0} | {p.ReviewersPerProposal} | {loads} | {p.Candidates.Count:N0} | {outcome} | {Seconds(seconds)} | "
            + $"{peak / 1024.0 / 1024:0} MB ({baseline / 1024.0 / 1024:0} MB before) | {objective} | {bound} | {lp} | {lpTime} | {note} |");
    }

    private static bool Valid(AssignmentProblem problem, AssignmentSolution solution)
    {
        var allowed = problem.Candidates.Select(c => ((long)c.Proposal << 32) | (uint)c.Reviewer).ToHashSet();
        var perProposal = new int[problem.ProposalCount];
        var load = new int[problem.ReviewerCount];
        foreach (var (p, r) in solution.Pairs)
        {
            if (!allowed.Contains(((long)p << 32) | (uint)r))
            {
                return false;
            }

            perProposal[p]++;
            load[r]++;
        }

        return perProposal.All(c => c == problem.ReviewersPerProposal)
            && Enumerable.Range(0, problem.ReviewerCount).All(r => load[r] >= problem.MinLoad[r] && load[r] <= problem.MaxLoad[r]);
    }

    private static double Median(List<double> times, int runs) => runs == 1 ? times[0] : times.Order().ElementAt(times.Count / 2);

    private static string Seconds(double s) => s < 1 ? $"{s * 1000:0.#} ms" : $"{s:0.##} s";

    private static string Format(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "";

    // ---- Instances (fixed seed). Affinity comes from random 8-dimensional interest vectors (cosine, clipped at 0)
    // mixed with noise; bids are rare (2 % eager, 3 % willing, 1 % not willing); score = BidWeights.Score(bid, affinity).

    /// <summary>LPC size: 40 proposals × 8 reviewers, k = 3, balanced loads (15), all pairs but 5 % conflicts.</summary>
    private static AssignmentProblem Lpc(int seed)
    {
        var random = new Random(seed);
        var world = new World(random, 40, 8);
        var candidates = new List<Candidate>();
        for (var p = 0; p < 40; p++)
        {
            for (var r = 0; r < 8; r++)
            {
                if (random.NextDouble() >= 0.05)
                {
                    candidates.Add(new Candidate(p, r, world.Score(random, p, r)));
                }
            }
        }

        var (min, max) = LoadBounds.Balanced(40, 3, 8);
        return new AssignmentProblem(40, 8, 3, Repeat(min, 8), Repeat(max, 8), candidates, []);
    }

    /// <summary>CVPR size: 5,062 × 2,840, k = 3, loads 2–6, 0.5 % conflicts, each proposal's top 200 reviewers by score.</summary>
    private static AssignmentProblem Cvpr(int seed, int n = 5_062, int m = 2_840) => TopCandidates(new Random(seed), n, m, k: 3, top: 200, min: 2, max: 6);

    /// <summary>20,000 × 20,000, k = 4, loads 2–6, 300 random candidates per proposal (6 M arcs; scoring all 400 M pairs for a top list would dominate the bench).</summary>
    private static AssignmentProblem Big(int seed)
    {
        const int n = 20_000, m = 20_000, perProposal = 300;
        var random = new Random(seed);
        var world = new World(random, n, m);
        var candidates = new List<Candidate>(n * perProposal);
        var chosen = new HashSet<int>();
        var row = new List<int>(perProposal);
        for (var p = 0; p < n; p++)
        {
            chosen.Clear();
            row.Clear();
            while (row.Count < perProposal)
            {
                var r = random.Next(m);
                if (chosen.Add(r))
                {
                    row.Add(r);
                }
            }

            row.Sort();
            candidates.AddRange(row.Select(r => new Candidate(p, r, world.Score(random, p, r))));
        }

        return new AssignmentProblem(n, m, 4, Repeat(2, m), Repeat(6, m), candidates, []);
    }

    /// <summary>
    /// CVPR size made infeasible by a bottleneck, as a chair would meet it: 30 proposals of a niche sub-area whose only
    /// conflict-free reviewers are 12 specialists (30 × 3 = 90 reviews > 12 × 6 = 72), and 3 proposals with only 2.
    /// </summary>
    private static AssignmentProblem InfeasibleCvpr(int seed)
    {
        var problem = Cvpr(seed);
        var specialists = Enumerable.Range(100, 12).ToHashSet();
        var niche = Enumerable.Range(1_000, 30).ToHashSet();
        var starved = new HashSet<int> { 2_000, 3_000, 4_000 };
        var candidates = problem.Candidates.Where(c =>
            niche.Contains(c.Proposal) ? specialists.Contains(c.Reviewer)
            : !starved.Contains(c.Proposal) || c.Reviewer is 7 or 8).ToList();
        var present = candidates.Select(c => (c.Proposal, c.Reviewer)).ToHashSet();
        var extra = niche.SelectMany(p => specialists.Select(r => (p, r))).Concat(starved.SelectMany(p => new[] { (p, 7), (p, 8) }));
        candidates.AddRange(extra.Where(x => !present.Contains(x)).Select(x => new Candidate(x.Item1, x.Item2, 1)));
        return problem with { Candidates = candidates };
    }

    private static AssignmentProblem TopCandidates(Random random, int n, int m, int k, int top, int min, int max)
    {
        var world = new World(random, n, m);
        var candidates = new List<Candidate>(n * top);
        var scores = new double[m];
        var order = new int[m];
        for (var p = 0; p < n; p++)
        {
            for (var r = 0; r < m; r++)
            {
                // 0.5 % conflicts: excluded before the top list is taken.
                scores[r] = random.NextDouble() < 0.005 ? double.PositiveInfinity : -world.Score(random, p, r);
                order[r] = r;
            }

            Array.Sort(scores, order);
            var best = order.Take(top).Select((r, i) => (r, -scores[i])).Where(x => double.IsFinite(x.Item2)).OrderBy(x => x.r);
            candidates.AddRange(best.Select(x => new Candidate(p, x.r, x.Item2)));
        }

        return new AssignmentProblem(n, m, k, Repeat(min, m), Repeat(max, m), candidates, []);
    }

    private static int[] Repeat(int value, int count) => Enumerable.Repeat(value, count).ToArray();

    private sealed class World
    {
        private readonly float[] _proposals;
        private readonly float[] _reviewers;

        public World(Random random, int n, int m)
        {
            _proposals = Vectors(random, n);
            _reviewers = Vectors(random, m);
        }

        public double Score(Random random, int p, int r)
        {
            double dot = 0;
            for (var d = 0; d < Dimensions; d++)
            {
                dot += _proposals[p * Dimensions + d] * _reviewers[r * Dimensions + d];
            }

            var affinity = Math.Clamp(0.7 * Math.Max(0, dot) + 0.3 * random.NextDouble(), 0, 1);
            var roll = random.NextDouble();
            var bid = roll < 0.02 ? "Eager" : roll < 0.05 ? "Willing" : roll < 0.06 ? "NotWilling" : null;
            return BidWeights.Score(bid, affinity);
        }

        private static float[] Vectors(Random random, int count)
        {
            var v = new float[count * Dimensions];
            for (var i = 0; i < count; i++)
            {
                double norm = 0;
                for (var d = 0; d < Dimensions; d++)
                {
                    // Gaussian by Box–Muller.
                    var g = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                    v[i * Dimensions + d] = (float)g;
                    norm += g * g;
                }

                norm = Math.Sqrt(norm);
                for (var d = 0; d < Dimensions; d++)
                {
                    v[i * Dimensions + d] = (float)(v[i * Dimensions + d] / norm);
                }
            }

            return v;
        }
    }

    /// <summary>Records when each stage of a run began (reports come on the solver's thread).</summary>
    private sealed class StageClock(Stopwatch watch, List<(double At, string Stage)> stages) : IProgress<SolverProgress>
    {
        public void Report(SolverProgress value)
        {
            lock (stages)
            {
                if (stages.Count == 0 || stages[^1].Stage != value.Stage)
                {
                    stages.Add((watch.Elapsed.TotalSeconds, value.Stage));
                }
            }
        }
    }

    /// <summary>Resident memory from /proc/self/status; native memory (OR-Tools) included, unlike the GC heap.</summary>
    private static class Memory
    {
        public static long Rss() => Read("VmRSS:");

        public static long Peak() => Read("VmHWM:");

        /// <summary>"5" resets the peak resident set size to the current one (Linux ≥ 4.0).</summary>
        public static void ResetPeak()
        {
            GC.Collect();
            try
            {
                File.WriteAllText("/proc/self/clear_refs", "5");
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        private static long Read(string field)
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
    }
}
