using System.Diagnostics;
using Google.OrTools.Sat;

namespace ReviewPortal.Planning.Timetabling;

/// <summary>
/// Places the talks of a track on its grid with CP-SAT: every talk exactly once, inside a block (pinned items where
/// they are pinned), no two items in one room at once, no speaker at two items at once or when busy.
/// </summary>
public static class TimetableSolver
{
    public static TimetableSolution Solve(TimetableProblem problem, TimetableOptions? options = null, IProgress<TimetableProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= new TimetableOptions();
        var watch = Stopwatch.StartNew();
        progress?.Report(new TimetableProgress(0.05, "Building the model"));

        var busy = problem.Speakers.ToDictionary(s => s.Id, s => s.Busy);
        var model = new CpModel();
        var roomIntervals = problem.Rooms.Select(_ => new List<IntervalVar>()).ToArray();
        var speakerIntervals = new Dictionary<Guid, List<IntervalVar>>();
        var choices = new List<(TalkSpec Talk, int Room, int Start, BoolVar Chosen)>();
        var unplaceable = new List<string>();

        foreach (var talk in problem.Talks.Where(t => t.Pinned is not null))
        {
            var at = talk.Pinned!;
            var interval = model.NewFixedSizeIntervalVar(model.NewConstant(at.Start), talk.Minutes, $"pinned {talk.Title}");
            roomIntervals[at.Room].Add(interval);
            foreach (var speaker in talk.SpeakerIds)
                SpeakerList(speaker).Add(interval);
        }

        foreach (var talk in problem.Talks.Where(t => t.Pinned is null))
        {
            var options2 = new List<BoolVar>();
            foreach (var block in problem.Blocks)
            {
                for (var start = block.Start; start + talk.Minutes <= block.End; start += problem.SlotMinutes)
                {
                    if (talk.SpeakerIds.Any(s => busy.TryGetValue(s, out var b) && b.Any(i => i.Start < start + talk.Minutes && start < i.End)))
                        continue;
                    foreach (var room in block.Rooms)
                    {
                        var chosen = model.NewBoolVar($"{talk.Id} r{room} t{start}");
                        var interval = model.NewOptionalFixedSizeIntervalVar(model.NewConstant(start), talk.Minutes, chosen, $"{talk.Id} r{room} t{start}");
                        roomIntervals[room].Add(interval);
                        foreach (var speaker in talk.SpeakerIds)
                            SpeakerList(speaker).Add(interval);
                        choices.Add((talk, room, start, chosen));
                        options2.Add(chosen);
                    }
                }
            }

            if (options2.Count == 0)
                unplaceable.Add($"\"{talk.Title}\" fits in no block at a time all its speakers can make.");
            else
                model.AddExactlyOne(options2);
        }

        if (unplaceable.Count > 0)
            return new TimetableSolution(TimetableOutcome.Infeasible, [], null, null, unplaceable, watch.Elapsed);

        foreach (var intervals in roomIntervals.Where(i => i.Count > 1))
            model.AddNoOverlap(intervals);
        foreach (var intervals in speakerIntervals.Values.Where(i => i.Count > 1))
            model.AddNoOverlap(intervals);

        progress?.Report(new TimetableProgress(0.2, "Searching for a timetable"));
        var solver = new CpSolver
        {
            StringParameters = string.Join(' ',
                $"max_time_in_seconds:{options.TimeLimit.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
                $"num_workers:{Math.Max(2, options.Workers)}",
                $"random_seed:{options.RandomSeed}"),
        };
        using var stop = cancellationToken.Register(solver.StopSearch);
        var status = solver.Solve(model);
        cancellationToken.ThrowIfCancellationRequested();

        var outcome = status switch
        {
            CpSolverStatus.Optimal => TimetableOutcome.Optimal,
            CpSolverStatus.Feasible => TimetableOutcome.Feasible,
            CpSolverStatus.Infeasible => TimetableOutcome.Infeasible,
            _ => TimetableOutcome.Unknown,
        };
        if (outcome is TimetableOutcome.Infeasible or TimetableOutcome.Unknown)
        {
            var slots = problem.Blocks.Sum(b => b.Rooms.Count * ((b.End - b.Start) / problem.SlotMinutes));
            var needed = problem.Talks.Where(t => t.Pinned is null).Sum(t => (t.Minutes + problem.SlotMinutes - 1) / problem.SlotMinutes);
            IReadOnlyList<string> why = outcome == TimetableOutcome.Unknown
                ? [$"No timetable was found within {options.TimeLimit.TotalSeconds:0} s."]
                : [$"{needed} slots are needed and the grid has {slots}, or the speakers' times leave no way to place every talk."];
            return new TimetableSolution(outcome, [], null, null, why, watch.Elapsed);
        }

        var placements = problem.Talks.Where(t => t.Pinned is not null).Select(t => new PlacedTalk(t.Id, t.Pinned!.Room, t.Pinned.Start))
            .Concat(choices.Where(c => solver.BooleanValue(c.Chosen)).Select(c => new PlacedTalk(c.Talk.Id, c.Room, c.Start)))
            .ToList();
        progress?.Report(new TimetableProgress(1, "Done", solver.ObjectiveValue, solver.BestObjectiveBound));
        return new TimetableSolution(outcome, placements, solver.ObjectiveValue, solver.BestObjectiveBound, [], watch.Elapsed);

        List<IntervalVar> SpeakerList(Guid speaker)
        {
            if (!speakerIntervals.TryGetValue(speaker, out var list))
                speakerIntervals[speaker] = list = [];
            return list;
        }
    }
}
