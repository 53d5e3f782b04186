using System.Diagnostics;
using System.Globalization;
using Google.OrTools.Sat;

namespace ReviewPortal.Planning.Timetabling;

/// <summary>
/// Places the talks of a track on its grid with CP-SAT (docs/timetabling.md, "The solver"; ADR 0027). Hard: every talk
/// exactly once, inside a block on its raster (pinned items where they are pinned), no two items in one room at once,
/// no speaker at two items at once or when busy. Soft, weighted: same-topic neighbours, no same-topic talks in
/// parallel, popular talks in large rooms, and with minimal change as few moves as possible. When no timetable
/// exists, the explanation comes from counting (exact, instant) or from CP-SAT's assumptions.
/// </summary>
public static class TimetableSolver
{
    /// <summary>Candidates beyond which presolve is skipped (LPC: 1,520; the synthetic 216-talk case: 77,760).</summary>
    private const int LargeModel = 20_000;

    public static TimetableSolution Solve(TimetableProblem problem, TimetableOptions? options = null, IProgress<TimetableProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= new TimetableOptions();
        var watch = Stopwatch.StartNew();
        progress?.Report(new TimetableProgress(0.05, "Building the model"));

        var candidates = new TimetableCandidates(problem);
        var counted = TimetableExplanations.Counting(candidates);
        if (counted.Count > 0)
            return new TimetableSolution(TimetableOutcome.Infeasible, [], null, null, counted, watch.Elapsed);

        var built = new TimetableModel(candidates, explain: false);
        var greedy = TimetableGreedy.Place(candidates);
        built.Hint(greedy);

        // The greedy got stuck: often a sign there is no timetable. The assumption model (full linearization) proves
        // pigeonhole-like conflicts the main search may not see in its time limit, and names them.
        var greedyComplete = candidates.Free.All(i => greedy[i] >= 0);
        if (!greedyComplete)
        {
            progress?.Report(new TimetableProgress(0.1, "Checking whether any timetable exists"));
            if (Explain(candidates, options, cancellationToken) is { } why)
                return new TimetableSolution(TimetableOutcome.Infeasible, [], null, null, why, watch.Elapsed);
        }

        // A complete greedy placement that keeps every rule of the model is already a timetable: it is the first
        // solution (reported like any other, with its objective) from the moment it exists, and the answer unless
        // CP-SAT finds a better one.
        var hinted = greedyComplete ? built.HintedObjective() : null;
        TimeSpan? greedyAt = hinted is null ? null : watch.Elapsed;
        var start = greedy;
        if (hinted is { } first)
        {
            progress?.Report(new TimetableProgress(0.15, "First timetable (quick placement); improving it", (double)first / TimetableModel.Scale));
            // Local search first: on large tracks it finds in seconds what CP-SAT's search does not reach in minutes
            // (ADR 0032); CP-SAT then starts from its best and proves the bound. Its length follows the model's size
            // (deterministic), capped at a quarter of the time limit.
            start = Anneal(candidates, greedy, options, watch, progress, cancellationToken);
            built.Hint(start);
            hinted = built.HintedObjective() ?? throw new InvalidOperationException("The local search left the model's rules.");
        }
        else
            progress?.Report(new TimetableProgress(0.15, "Searching for a timetable"));
        // On large models presolve takes seconds before the hint is even looked at (DESIGN.md: 8.6 s at 216 talks;
        // here nothing in 20 s with it, the hint taken at 3 s without); the clique model needs little presolving.
        var large = candidates.ByTalk.Sum(x => x.Count) > LargeModel;
        var solver = new CpSolver
        {
            // The time limit is the whole solve's: CP-SAT gets what the greedy and the local search left of it.
            StringParameters = Parameters(options, options.TimeLimit - watch.Elapsed, Math.Max(2, options.Workers), large ? "cp_model_presolve:false" : ""),
        };
        using var stop = cancellationToken.Register(solver.StopSearch);
        using var callback = new ProgressCallback(progress, options.TimeLimit, watch);
        var status = solver.Solve(built.Model, callback);
        cancellationToken.ThrowIfCancellationRequested();

        if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible && !(hinted < solver.ObjectiveValue))
        {
            var placements = Pinned(problem).Concat(built.All().Where(v => solver.BooleanValue(v.Var)).Select(v => Placed(problem, v.Cand))).ToList();
            var objective = solver.ObjectiveValue / TimetableModel.Scale;
            var bound = Math.Min(objective, solver.BestObjectiveBound / TimetableModel.Scale);
            progress?.Report(new TimetableProgress(1, "Done", objective, bound));
            return new TimetableSolution(status == CpSolverStatus.Optimal ? TimetableOutcome.Optimal : TimetableOutcome.Feasible,
                placements, objective, bound, [], watch.Elapsed)
            {
                TimeToFirstSolution = greedyAt ?? callback.First,
            };
        }

        if (status == CpSolverStatus.Infeasible)
        {
            progress?.Report(new TimetableProgress(0.9, "Finding out why no timetable exists"));
            var why = Explain(candidates, options, cancellationToken);
            if (why is null && status == CpSolverStatus.Infeasible)
                why = ["No timetable satisfies every rule, but the solver could not single out which talks or speakers conflict in time."];
            if (why is not null)
                return new TimetableSolution(TimetableOutcome.Infeasible, [], null, null, why, watch.Elapsed);
        }

        // Nothing (better) from CP-SAT in time: the placement before it obeys every hard rule, so a complete one is an answer.
        if (greedyComplete)
        {
            var placements = Pinned(problem).Concat(candidates.Free.Select(i => Placed(problem, candidates.ByTalk[i][start[i]]))).ToList();
            double? objective = hinted is { } h ? (double)h / TimetableModel.Scale : null;
            double? bound = objective is { } o && status is CpSolverStatus.Optimal or CpSolverStatus.Feasible
                ? Math.Min(o, solver.BestObjectiveBound / TimetableModel.Scale)
                : null;
            progress?.Report(new TimetableProgress(1, "Done", objective, bound));
            return new TimetableSolution(TimetableOutcome.Feasible, placements, objective, bound,
                [$"CP-SAT found nothing better within {options.TimeLimit.TotalSeconds:0} s; this is the placement found before it (quick placement and local search)."], watch.Elapsed)
            {
                TimeToFirstSolution = greedyAt,
            };
        }

        return new TimetableSolution(TimetableOutcome.Unknown, [], null, null,
            [$"No timetable was found within {options.TimeLimit.TotalSeconds:0} s, and none was proven impossible. Try a longer time limit."], watch.Elapsed);
    }

    /// <summary>Local-search moves per candidate place (216 talks: 3.9 M moves, about 5 s on the 2-core bench machine; LPC: 76,000, well under 0.1 s).</summary>
    private const int AnnealStepsPerCandidate = 50;

    private static int[] Anneal(TimetableCandidates candidates, int[] greedy, TimetableOptions options, Stopwatch watch,
        IProgress<TimetableProgress>? progress, CancellationToken cancellationToken)
    {
        var search = new TimetableLocalSearch(candidates, greedy);
        var steps = (long)AnnealStepsPerCandidate * candidates.ByTalk.Sum(x => x.Count);
        var reported = Stopwatch.StartNew();
        var (best, _, _) = search.Anneal(steps, options.TimeLimit / 4, options.RandomSeed, cancellationToken, cost =>
        {
            if (progress is null || reported.Elapsed < TimeSpan.FromMilliseconds(250))
                return;
            reported.Restart();
            var fraction = Math.Min(1, watch.Elapsed / options.TimeLimit);
            progress.Report(new TimetableProgress(0.15 + 0.8 * fraction, "Improving the timetable (local search)", (double)cost / TimetableModel.Scale));
        });
        cancellationToken.ThrowIfCancellationRequested();
        return best;
    }

    private static IEnumerable<PlacedTalk> Pinned(TimetableProblem problem) =>
        problem.Talks.Where(t => t.Pinned is not null).Select(t => new PlacedTalk(t.Id, t.Pinned!.Room, t.Pinned.Start));

    private static PlacedTalk Placed(TimetableProblem problem, Candidate c) => new(problem.Talks[c.Talk].Id, c.Room, c.Start);

    private static string Parameters(TimetableOptions options, TimeSpan limit, int workers, params string[] extra) =>
        string.Join(' ', new[]
        {
            $"max_time_in_seconds:{Math.Max(0.1, limit.TotalSeconds).ToString(CultureInfo.InvariantCulture)}",
            $"num_workers:{workers}",
            $"random_seed:{options.RandomSeed}",
        }.Concat(extra));

    /// <summary>
    /// The general case: rules enforced by assumption literals (per talk, speaker, block); CP-SAT returns a subset that
    /// cannot hold together, shrunk by deletion while time allows, and turned into sentences.
    /// </summary>
    private static List<string>? Explain(TimetableCandidates candidates, TimetableOptions options, CancellationToken cancellationToken)
    {
        var budget = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(Math.Clamp(options.TimeLimit.TotalSeconds / 2, 2, 10));
        var model = new TimetableModel(candidates, explain: true);

        List<BoolVar>? Core(IReadOnlyList<BoolVar> assumptions, TimeSpan time)
        {
            model.Model.ClearAssumptions();
            model.Model.AddAssumptions(assumptions);
            // Assumption cores need the full linearization (DESIGN.md: 0.45 s instead of nothing in 60 s) and one
            // worker: only the core-based search fills SufficientAssumptionsForInfeasibility.
            var solver = new CpSolver { StringParameters = Parameters(options, time, 1, "linearization_level:2") };
            using var stop = cancellationToken.Register(solver.StopSearch);
            if (solver.Solve(model.Model) != CpSolverStatus.Infeasible)
                return null;
            var indices = solver.Response!.SufficientAssumptionsForInfeasibility.ToHashSet();
            return [.. assumptions.Where(a => indices.Contains(a.GetIndex()))];
        }

        var core = Core(model.Assumptions, limit);
        if (core is null)
            return null; // not proven infeasible in time
        if (core.Count == 0)
            return ["No timetable satisfies every rule, but the solver could not single out which talks or speakers conflict."];

        // Deletion: drop each literal whose constraint is not needed for the contradiction.
        for (var k = 0; k < core.Count && core.Count <= 40 && budget.Elapsed < limit; )
        {
            var without = core.Where((_, j) => j != k).ToList();
            var smaller = Core(without, TimeSpan.FromSeconds(1));
            if (smaller is null)
                k++;
            else
                core = smaller.Count > 0 ? smaller : without;
        }

        var talks = core.Where(l => model.TalkOfLiteral.ContainsKey(l.GetIndex())).Select(l => model.TalkOfLiteral[l.GetIndex()]).Order().ToList();
        var speakers = core.Where(l => model.SpeakerOfLiteral.ContainsKey(l.GetIndex())).Select(l => model.SpeakerOfLiteral[l.GetIndex()])
            .OrderBy(candidates.SpeakerName, StringComparer.CurrentCulture).ToList();
        var blocks = core.Where(l => model.BlockOfLiteral.ContainsKey(l.GetIndex())).Select(l => model.BlockOfLiteral[l.GetIndex()]).Order().ToList();
        return TimetableExplanations.FromCore(candidates, talks, speakers, blocks);
    }

    private sealed class ProgressCallback(IProgress<TimetableProgress>? progress, TimeSpan limit, Stopwatch watch) : CpSolverSolutionCallback
    {
        public TimeSpan? First { get; private set; }

        public override void OnSolutionCallback()
        {
            First ??= watch.Elapsed;
            var fraction = limit.TotalSeconds <= 0 ? 1 : Math.Min(1, watch.Elapsed.TotalSeconds / limit.TotalSeconds);
            progress?.Report(new TimetableProgress(0.15 + 0.8 * fraction, "Improving the timetable",
                ObjectiveValue() / TimetableModel.Scale, BestObjectiveBound() / TimetableModel.Scale));
        }
    }
}
