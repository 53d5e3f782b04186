using System.Diagnostics;
using System.Globalization;
using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Scheduling;
using ReviewPortal.Planning.Timetabling;

namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>
/// The timetable job's work: claims a queued run, builds the problem from the database, solves it with progress
/// written to the run, and stores the placements (Succeeded, times in UTC), the explanation (Infeasible) or the reason
/// (Failed). Never touches the working copy: the chair applies the preview.
/// </summary>
/// <remarks>
/// A request, not a command, as <c>ExecuteAssignmentRun</c>: progress commits while the solver runs, so each write is
/// its own short statement. Claiming is one conditional UPDATE, so a run queued twice runs once.
/// </remarks>
[SystemCommand]
public sealed record ExecuteTimetableRun(Guid RunId) : IRequest<TimetableRunStatus>;

public sealed partial class ExecuteTimetableRunHandler(
    IApplicationDbContext db, TrackAccess access, ProposalAccess proposalAccess, TimeProvider clock, ILogger<ExecuteTimetableRunHandler> logger,
    IOptions<TimetablingOptions> settings)
    : IRequestHandler<ExecuteTimetableRun, TimetableRunStatus>
{
    /// <summary>The least time between two progress writes.</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The solver's settings: the time limit from <see cref="TimetablingOptions.SolverSeconds"/> (it stops earlier when it proves the timetable optimal).</summary>
    private TimetableOptions Options => new() { TimeLimit = TimeSpan.FromSeconds(settings.Value.SolverSeconds), Workers = 2, RandomSeed = 1 };

    public async ValueTask<TimetableRunStatus> Handle(ExecuteTimetableRun request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claimed = await db.TimetableRuns
            .Where(r => r.Id == request.RunId && r.Status == TimetableRunStatus.Queued && r.DiscardedUtc == null)
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, TimetableRunStatus.Running)
                .SetProperty(r => r.StartedUtc, now)
                .SetProperty(r => r.Progress, 0.02)
                .SetProperty(r => r.Stage, "Reading the grid, the confirmed talks and the speakers' times"), cancellationToken);
        if (claimed == 0)
            return await db.TimetableRuns.Where(r => r.Id == request.RunId).Select(r => (TimetableRunStatus?)r.Status)
                .SingleOrDefaultAsync(cancellationToken) ?? TimetableRunStatus.Failed;

        var run = await db.TimetableRuns.AsNoTracking().SingleAsync(r => r.Id == request.RunId, cancellationToken);
        try
        {
            var inputs = await TimetableProblemBuilder.ReadAsync(db, access, proposalAccess, run.TrackId, cancellationToken);
            var built = TimetableProblemBuilder.Build(inputs, run.MinimalChange);
            var progress = new RunProgress(db, run.Id);
            progress.Report(new TimetableProgress(0, $"Placing {built.Problem.Talks.Count} items in {built.Problem.Blocks.Count} blocks"));
            var watch = Stopwatch.StartNew();
            var solution = await Task.Run(() => TimetableSolver.Solve(built.Problem, Options, progress, cancellationToken), cancellationToken);
            watch.Stop();
            progress.Finish();
            return await StoreAsync(run.Id, built, solution, watch.ElapsedMilliseconds, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The server is stopping: hand the run back, so the sweeper starts it again on a node that runs.
            db.ChangeTracker.Clear();
            await db.TimetableRuns.Where(r => r.Id == run.Id && r.Status == TimetableRunStatus.Running).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, TimetableRunStatus.Queued)
                .SetProperty(r => r.Progress, 0)
                .SetProperty(r => r.Stage, "Interrupted (the server stopped); it starts again within a minute"), CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, run.Id, run.TrackId);
            db.ChangeTracker.Clear();
            var reason = $"The timetable could not be computed: {ex.Message} Start a new run; if it fails again, the log has the details (run {run.Id}).";
            await db.TimetableRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, TimetableRunStatus.Failed)
                .SetProperty(r => r.Explanation, Cut(reason))
                .SetProperty(r => r.Stage, "Failed")
                .SetProperty(r => r.FinishedUtc, clock.GetUtcNow()), CancellationToken.None);
            return TimetableRunStatus.Failed;
        }
    }

    private async Task<TimetableRunStatus> StoreAsync(Guid runId, BuiltTimetableProblem built, TimetableSolution solution, long solveMs,
        CancellationToken cancellationToken)
    {
        var problem = built.Problem;
        var run = await db.TimetableRuns.SingleAsync(r => r.Id == runId, cancellationToken);
        run.SolveMilliseconds = solveMs;
        run.Progress = 1;
        switch (solution.Outcome)
        {
            case TimetableOutcome.Infeasible:
                run.Status = TimetableRunStatus.Infeasible;
                run.Stage = "No timetable is possible";
                run.Explanation = Cut(Explain(solution, problem));
                break;
            case TimetableOutcome.Unknown:
                run.Status = TimetableRunStatus.Failed;
                run.Stage = "Nothing found in time";
                run.Explanation = Cut(string.Create(CultureInfo.InvariantCulture,
                    $"The solver found no timetable within {Options.TimeLimit.TotalSeconds:0} seconds, and did not prove that none exists. Start the run again; if it keeps failing, add room (blocks or rooms) or pin some talks."));
                break;
            default:
                var talks = problem.Talks.ToDictionary(t => t.Id);
                run.Status = TimetableRunStatus.Succeeded;
                run.Stage = solution.Outcome == TimetableOutcome.Optimal ? "Done: optimal" : "Done: the best found, within the bound shown";
                run.Objective = solution.Objective;
                run.Bound = solution.Bound;
                run.Slots = solution.Placements.Select(p => new ProposedSlot
                {
                    ProposalId = p.TalkId,
                    Room = problem.Rooms[p.Room].Name,
                    StartUtc = BuiltTimetableProblem.Instant(p.Start),
                    EndUtc = BuiltTimetableProblem.Instant(p.Start + talks[p.TalkId].Minutes),
                }).OrderBy(s => s.StartUtc).ThenBy(s => s.Room, StringComparer.Ordinal).ToList();
                if (solution.Explanation.Count > 0)
                    run.Explanation = Cut(string.Join('\n', solution.Explanation));
                break;
        }

        run.FinishedUtc = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return run.Status;
    }

    /// <summary>The solver's explanation (derived from the model), headed by the counts a chair checks first.</summary>
    public static string Explain(TimetableSolution solution, TimetableProblem problem)
    {
        var slots = problem.Blocks.Sum(b => (b.End - b.Start) / Math.Max(1, problem.SlotMinutes) * b.Rooms.Count);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{problem.Talks.Count} items to place, {slots} slots of {problem.SlotMinutes} minutes in the grid.");
        foreach (var line in solution.Explanation)
            text.AppendLine(line);
        if (solution.Explanation.Count == 0)
            text.AppendLine("The solver proved that no timetable satisfies the hard rules, and gave no further reason.");
        return text.ToString().TrimEnd();
    }

    private static string Cut(string text) => text.Length > 20_000 ? text[..20_000] : text;

    [LoggerMessage(Level = LogLevel.Error, Message = "Timetable run {RunId} of track {TrackId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid runId, Guid trackId);

    /// <summary>Writes the solver's progress to the run, at most every <see cref="ProgressInterval"/>, each write its own statement.</summary>
    private sealed class RunProgress(IApplicationDbContext db, Guid runId) : IProgress<TimetableProgress>
    {
        // Reading and building take the first 10 %, storing the last 5 %.
        private const double Start = 0.10, End = 0.95;
        private readonly Stopwatch _sinceWrite = Stopwatch.StartNew();
        private readonly Lock _lock = new();
        private bool _wrote;

        public void Report(TimetableProgress value)
        {
            lock (_lock)
            {
                if (_wrote && _sinceWrite.Elapsed < ProgressInterval)
                    return;
                var stage = value.Objective is { } objective
                    ? string.Create(CultureInfo.InvariantCulture, $"{value.Stage} (penalty {objective:0.##}{(value.Bound is { } b ? $", bound {b:0.##}" : "")})")
                    : value.Stage;
                Write(Start + (End - Start) * Math.Clamp(value.Fraction, 0, 1), stage);
            }
        }

        public void Finish()
        {
            lock (_lock)
                Write(End, "Storing the result");
        }

        private void Write(double fraction, string stage)
        {
            var text = string.IsNullOrWhiteSpace(stage) ? "Solving" : stage.Length > 200 ? stage[..200] : stage;
            db.TimetableRuns.Where(r => r.Id == runId && r.Status == TimetableRunStatus.Running)
                .ExecuteUpdate(u => u.SetProperty(r => r.Progress, fraction).SetProperty(r => r.Stage, text));
            _wrote = true;
            _sinceWrite.Restart();
        }
    }
}
