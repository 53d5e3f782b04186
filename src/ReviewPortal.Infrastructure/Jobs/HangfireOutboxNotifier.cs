using Hangfire;
using Hangfire.States;
using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Infrastructure.Jobs;

/// <summary>Queues delivery jobs after a commit, and runs waiting retries early once the mail server is back.</summary>
internal sealed class HangfireOutboxNotifier(IBackgroundJobClient jobs, JobStorage storage) : IOutboxNotifier
{
    /// <summary>How many scheduled jobs one catch-up looks at (the oldest retries first).</summary>
    private const int ScheduledJobsScanned = 1_000;

    public void Committed(IReadOnlyCollection<Guid> outboxMessageIds)
    {
        var ids = outboxMessageIds.ToArray();
        jobs.Enqueue<OutboxDeliveryJob>(j => j.DeliverAsync(ids, CancellationToken.None));
    }

    public int RetryNow(IReadOnlyCollection<Guid> outboxMessageIds)
    {
        var waiting = outboxMessageIds.ToHashSet();
        var started = 0;
        foreach (var (jobId, scheduled) in storage.GetMonitoringApi().ScheduledJobs(0, ScheduledJobsScanned))
        {
            if (scheduled?.Job is not { } job || job.Type != typeof(OutboxDeliveryJob)
                || job.Args.Count == 0 || job.Args[0] is not Guid[] ids || !ids.Any(waiting.Contains))
                continue;
            // Only from Scheduled: a job another node already started stays as it is.
            if (jobs.ChangeState(jobId, new EnqueuedState("mail") { Reason = "The mail server accepts mail again" }, ScheduledState.StateName))
                started++;
        }

        return started;
    }
}
