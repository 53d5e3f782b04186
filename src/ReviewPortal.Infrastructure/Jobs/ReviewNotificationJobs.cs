using Hangfire;
using Mediator;
using ReviewPortal.Application.Features.Discussion;
using ReviewPortal.Application.Features.Reminders;

namespace ReviewPortal.Infrastructure.Jobs;

/// <summary>Recurring job (every 5 minutes): one discussion digest per person with pending comments, at most one an hour each.</summary>
public sealed class DiscussionDigestJob(IMediator mediator)
{
    public const string Id = "discussion-digests";
    public const string Schedule = "*/5 * * * *";

    [JobDisplayName("Send discussion digests")]
    [QuietWhenIdle]
    // Overlapping runs would only back off (the notices are claimed), but one at a time keeps the log quiet.
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> SendAsync(CancellationToken cancellationToken) =>
        await mediator.Send(new SendDiscussionDigests(), cancellationToken);
}

/// <summary>Recurring job (hourly): review reminders at the track's points before the deadline, chairs' summaries.</summary>
public sealed class ReviewReminderJob(IMediator mediator)
{
    public const string Id = "review-reminders";

    [JobDisplayName("Send review reminders")]
    [QuietWhenIdle]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> SendAsync(CancellationToken cancellationToken) =>
        await mediator.Send(new SendReviewReminders(), cancellationToken);
}
