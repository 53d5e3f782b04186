using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ReviewPortal.Application.Features.Timetabling;
using ReviewPortal.Domain.Scheduling;

namespace ReviewPortal.Infrastructure.Seed;

public sealed partial class DemoStages
{
    /// <summary>The chair runs the solver on the grid, applies its timetable and publishes version 1.</summary>
    private partial async Task ScheduleAsync(Guid trackId, Guid chairId, CancellationToken cancellationToken)
    {
        if (await ReadAsync(db => db.Timetables.AnyAsync(t => t.TrackId == trackId && t.PublishedVersion != null, cancellationToken)))
            return;

        var runId = await SendAsAsync(chairId, admin: false, new StartTimetableRun(trackId, MinimalChange: false), cancellationToken);
        await SendAsSystemAsync(new ExecuteTimetableRun(runId), cancellationToken);
        await WaitForAsync(db => db.TimetableRuns.AnyAsync(r => r.Id == runId && r.Status != TimetableRunStatus.Queued && r.Status != TimetableRunStatus.Running, cancellationToken),
            "the timetable run", cancellationToken);
        var run = await ReadAsync(db => db.TimetableRuns.AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken));
        if (run.Status != TimetableRunStatus.Succeeded)
            throw new InvalidOperationException($"The demo's timetable run ended {run.Status}: {run.Explanation}");

        var applied = await SendAsAsync(chairId, admin: false, new ApplyTimetableRun(runId), cancellationToken);
        var published = await SendAsAsync(chairId, admin: false, new PublishTimetable(trackId, applied.Version), cancellationToken);
        LogScheduled(logger, applied.Slots, published.Version);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: the timetable is built ({Slots} slots placed by the solver) and published as version {Version}")]
    private static partial void LogScheduled(ILogger logger, int slots, int version);
}
