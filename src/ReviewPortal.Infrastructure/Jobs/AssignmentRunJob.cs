using Hangfire;
using Mediator;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Assignment;

namespace ReviewPortal.Infrastructure.Jobs;

/// <summary>Hangfire job of an assignment run: sends <see cref="ExecuteAssignmentRun"/>, which records success or failure on the run itself.</summary>
public sealed class AssignmentRunJob(IMediator mediator)
{
    [JobDisplayName("Assignment run {0}")]
    [Queue("default")]
    [AutomaticRetry(Attempts = 0)] // a failure is stored on the run, in the chair's words; the chair starts a new one
    public async Task RunAsync(Guid runId, CancellationToken cancellationToken) =>
        await mediator.Send(new ExecuteAssignmentRun(runId), cancellationToken);
}

/// <summary>Recurring job: queues runs that are still Queued a minute after they were started (their job was never queued).</summary>
public sealed class AssignmentRunSweepJob(IMediator mediator)
{
    public const string Id = "assignment-run-sweep";

    [JobDisplayName("Queue waiting assignment runs")]
    [QuietWhenIdle]
    public async Task<int> SweepAsync(CancellationToken cancellationToken) =>
        await mediator.Send(new RequeueQueuedAssignmentRuns(TimeSpan.FromMinutes(1)), cancellationToken);
}

internal sealed class HangfireAssignmentRunQueue(IBackgroundJobClient jobs) : IAssignmentRunQueue
{
    public void Enqueue(Guid runId) => jobs.Enqueue<AssignmentRunJob>(j => j.RunAsync(runId, CancellationToken.None));
}
