using System.Diagnostics;
using System.Globalization;
using ReviewPortal.Planning.Timetabling;
using ReviewPortal.UnitTests.Timetabling;

namespace ReviewPortal.Bench;

/// <summary>
/// `--mode timetable`: the CP-SAT timetable solver in process (docs/benchmarks.md, "Timetable solver"): the LPC track
/// on its real grid, the synthetic 216 talks / 18 slots / 20 rooms instance (fixed seed), a minimal-change re-solve
/// after one decline, and an infeasible LPC variant explained from the model's assumptions. Every timetable is checked
/// by the tests' independent checker; peak memory is VmHWM (native memory included), reset before each case.
/// </summary>
internal static class TimetableBench
{
    public static readonly string[] AllCases = ["lpc", "synthetic216", "minimal-change", "infeasible"];

    public static Task<bool> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Timetable    cases {string.Join(", ", options.AssignmentCases)}; CP-SAT 2 workers; load average {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| case | talks × slots × rooms | outcome | first feasible | objective | bound | gap | stopped at | moved | peak (VmHWM) | note |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        var passed = true;
        foreach (var name in options.AssignmentCases)
        {
            cancellationToken.ThrowIfCancellationRequested();
            passed &= name switch
            {
                "lpc" => Case("lpc", LpcTimetable.Build(), TimeSpan.FromSeconds(20), cancellationToken, firstTarget: 0.5, gapTarget: 0.05),
                "synthetic216" => Case("synthetic216", SyntheticTimetable.Build(), TimeSpan.FromSeconds(60), cancellationToken, firstTarget: 5),
                "synthetic216-long" => LongComparison(cancellationToken),
                "minimal-change" => MinimalChange(cancellationToken),
                "infeasible" => Infeasible(cancellationToken),
                _ => throw new ArgumentException($"Unknown timetable case '{name}' ({string.Join(", ", AllCases)})."),
            };
        }

        return Task.FromResult(passed);
    }

    private static bool Case(string name, TimetableProblem problem, TimeSpan limit, CancellationToken cancellationToken,
        double? firstTarget = null, double? gapTarget = null, string note = "")
    {
        Memory.ResetPeak();
        var watch = Stopwatch.StartNew();
        var solution = TimetableSolver.Solve(problem, new TimetableOptions { TimeLimit = limit, Workers = 2 }, null, cancellationToken);
        watch.Stop();
        var violations = TimetableChecks.Violations(problem, solution.Placements);
        var gap = solution.Objective is > 0 && solution.Bound is { } b ? (solution.Objective.Value - b) / solution.Objective.Value : 0;
        var first = solution.TimeToFirstSolution?.TotalSeconds;
        var ok = solution.Outcome is TimetableOutcome.Optimal or TimetableOutcome.Feasible && violations.Count == 0
            && (firstTarget is null || first <= firstTarget) && (gapTarget is null || gap <= gapTarget);
        Console.WriteLine($"| {name} | {Size(problem)} | {solution.Outcome} | {S(first)} | {solution.Objective:0.#} | {solution.Bound:0.#} | {gap:P1} | {S(watch.Elapsed.TotalSeconds)} | {(problem.MinimalChange ? solution.Moved(problem) : "–")} | {Memory.Peak() / 1048576} MB | {(violations.Count == 0 ? "0 hard violations" : $"{violations.Count} HARD VIOLATIONS")}{note}{(ok ? "" : "; target missed")} |");
        return ok;
    }

    /// <summary>
    /// The 216-talk target's second half, read both ways: a run with a 60-s limit (what a chair with
    /// <c>Timetabling:SolverSeconds</c> = 60 gets), and the best a 10-minute run had found by its 60th second, each against
    /// the best of that 10-minute run of the same solver. Both must be within 10 %.
    /// </summary>
    private static bool LongComparison(CancellationToken cancellationToken)
    {
        var problem = SyntheticTimetable.Build();
        var minute = TimetableSolver.Solve(problem, new TimetableOptions { TimeLimit = TimeSpan.FromSeconds(60), Workers = 2 }, null, cancellationToken);
        var trace = new ObjectiveTrace();
        Memory.ResetPeak();
        var watch = Stopwatch.StartNew();
        var solution = TimetableSolver.Solve(problem, new TimetableOptions { TimeLimit = TimeSpan.FromMinutes(10), Workers = 2 }, trace, cancellationToken);
        watch.Stop();
        var violations = TimetableChecks.Violations(problem, solution.Placements).Count + TimetableChecks.Violations(problem, minute.Placements).Count;
        var at60 = trace.BestBy(TimeSpan.FromSeconds(60));
        var best = solution.Objective;
        double? Above(double? value) => value is { } v && best is > 0 ? (v - best.Value) / best.Value : null;
        var (run60, within) = (Above(minute.Objective), Above(at60));
        var ok = violations == 0 && run60 <= 0.10 && within <= 0.10;
        Console.WriteLine($"| synthetic216, 60-s run and 10-minute run | {Size(problem)} | {solution.Outcome} | {S(solution.TimeToFirstSolution?.TotalSeconds)} | 10 min: {best:0.#}; 60-s run: {minute.Objective:0.#}; 10-minute run at 60 s: {at60:0.#} | {solution.Bound:0.#} | 60-s run {run60:P1}, 10-minute run at 60 s {within:P1} above the 10-minute best | {S(watch.Elapsed.TotalSeconds)} | – | {Memory.Peak() / 1048576} MB | {violations} hard violations{(ok ? "" : "; target missed")} |");
        return ok;
    }

    /// <summary>Records each improving solution's objective with the time it arrived (the solver reports from its own thread).</summary>
    private sealed class ObjectiveTrace : IProgress<TimetableProgress>
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private readonly List<(TimeSpan At, double Objective)> _points = [];

        public void Report(TimetableProgress value)
        {
            if (value.Objective is not { } objective)
            {
                return;
            }

            lock (_points)
            {
                _points.Add((_watch.Elapsed, objective));
            }
        }

        public double? BestBy(TimeSpan at)
        {
            lock (_points)
            {
                var upTo = _points.Where(p => p.At <= at).ToList();
                return upTo.Count == 0 ? null : upTo.Min(p => p.Objective);
            }
        }
    }

    private static bool MinimalChange(CancellationToken cancellationToken)
    {
        var problem = LpcTimetable.Build();
        var published = TimetableSolver.Solve(problem, new TimetableOptions { TimeLimit = TimeSpan.FromSeconds(20) }, null, cancellationToken);
        var declined = problem.Talks.First(t => t.Pinned is null);
        var next = problem with
        {
            MinimalChange = true,
            Talks = [.. problem.Talks.Where(t => t.Id != declined.Id).Select(t => t with
            {
                Previous = published.Placements.Where(p => p.TalkId == t.Id).Select(p => new Placement(p.Room, p.Start)).Single(),
            })],
        };
        Memory.ResetPeak();
        var watch = Stopwatch.StartNew();
        var solution = TimetableSolver.Solve(next, new TimetableOptions { TimeLimit = TimeSpan.FromSeconds(10) }, null, cancellationToken);
        watch.Stop();
        var violations = TimetableChecks.Violations(next, solution.Placements);
        var moved = solution.Moved(next);
        var ok = violations.Count == 0 && moved == 0 && watch.Elapsed.TotalSeconds <= 1;
        Console.WriteLine($"| minimal-change (LPC, \"{declined.Title}\" declined) | {Size(next)} | {solution.Outcome} | {S(solution.TimeToFirstSolution?.TotalSeconds)} | {solution.Objective:0.#} | {solution.Bound:0.#} | – | {S(watch.Elapsed.TotalSeconds)} | {moved} | {Memory.Peak() / 1048576} MB | {violations.Count} hard violations{(ok ? "" : "; target missed")} |");
        return ok;
    }

    /// <summary>
    /// LPC, but the speakers of the first 15 talks are away on days two and three: every count passes (each talk has
    /// a place, the grid has room), yet 15 talks compete for the 13 slots of day one. Only the assumptions see it.
    /// </summary>
    private static bool Infeasible(CancellationToken cancellationToken)
    {
        var problem = LpcTimetable.Build();
        var dayTwo = problem.Blocks[4].Start;
        var end = problem.Blocks[^1].End;
        var away = problem.Talks.Where(t => t.Pinned is null).Take(15).SelectMany(t => t.SpeakerIds).ToHashSet();
        problem = problem with
        {
            Speakers = [.. problem.Speakers.Select(s => away.Contains(s.Id) ? s with { Busy = [new BusyInterval(dayTwo, end, "unavailable Tue–Wed")] } : s)],
        };
        Memory.ResetPeak();
        var watch = Stopwatch.StartNew();
        var solution = TimetableSolver.Solve(problem, new TimetableOptions { TimeLimit = TimeSpan.FromSeconds(20) }, null, cancellationToken);
        watch.Stop();
        var ok = solution.Outcome == TimetableOutcome.Infeasible && solution.Explanation.Count > 0;
        Console.WriteLine($"| infeasible (LPC, 15 talks' speakers away Tue–Wed) | {Size(problem)} | {solution.Outcome} | – | – | – | – | {S(watch.Elapsed.TotalSeconds)} (explanation) | – | {Memory.Peak() / 1048576} MB | {(ok ? "" : "target missed; ")}{string.Join(" ", solution.Explanation).Replace("|", "/", StringComparison.Ordinal)} |");
        return ok;
    }

    private static string Size(TimetableProblem p)
    {
        var slots = p.Blocks.Sum(b => (b.End - b.Start) / p.SlotMinutes);
        return $"{p.Talks.Count} × {slots} × {p.Rooms.Count}";
    }

    private static string S(double? seconds) => seconds is null ? "–" : seconds.Value.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static class Memory
    {
        public static long Peak()
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }

        /// <summary>"5" resets the peak resident set size to the current one (Linux ≥ 4.0).</summary>
        public static void ResetPeak()
        {
            GC.Collect();
            try
            {
                File.WriteAllText("/proc/self/clear_refs", "5");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
