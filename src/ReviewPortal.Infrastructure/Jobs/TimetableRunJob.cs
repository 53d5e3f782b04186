using Hangfire;
using Mediator;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Timetabling;

namespace ReviewPortal.Infrastructure.Jobs;

/// <summary>Hangfire job of a timetable run: sends <see cref="ExecuteTimetableRun"/>, which records success or failure on the run itself.</summary>
public sealed class TimetableRunJob(IMediator mediator)
{
    [JobDisplayName("Timetable run {0}")]
    [Queue("default")]
    [AutomaticRetry(Attempts = 0)] // a failure is stored on the run, in the chair's words; the chair starts a new one
    public async Task RunAsync(Guid runId, CancellationToken cancellationToken) =>
        await mediator.Send(new ExecuteTimetableRun(runId), cancellationToken);
}

/// <summary>Recurring job: queues timetable runs that are still Queued a minute after they were started (their job was never queued).</summary>
public sealed class TimetableRunSweepJob(IMediator mediator)
{
    public const string Id = "timetable-run-sweep";

    [JobDisplayName("Queue waiting timetable runs")]
    [QuietWhenIdle]
    public async Task<int> SweepAsync(CancellationToken cancellationToken) =>
        await mediator.Send(new RequeueQueuedTimetableRuns(TimeSpan.FromMinutes(1)), cancellationToken);
}

internal sealed class HangfireTimetableRunQueue(IBackgroundJobClient jobs) : ITimetableRunQueue
{
    public void Enqueue(Guid runId) => jobs.Enqueue<TimetableRunJob>(j => j.RunAsync(runId, CancellationToken.None));
}
