using Hangfire;
using Mediator;
using ReviewPortal.Application.Features.Outbox;

namespace ReviewPortal.Infrastructure.Jobs;

/// <summary>Hangfire job: sends one outbox mail; throwing on failure makes Hangfire retry with the configured back-off.</summary>
public sealed partial class OutboxDeliveryJob(IMediator mediator, Microsoft.Extensions.Logging.ILogger<OutboxDeliveryJob> logger)
{
    /// <summary>
    /// Sends the mails one command wrote (one job per commit keeps the request path to a single enqueue).
    /// Mails already sent are skipped, so a retry after a partial failure sends only what is still unsent.
    /// </summary>
    [JobDisplayName("Send mail ({0})")]
    [Queue("mail")]
    public async Task DeliverAsync(Guid[] outboxMessageIds, CancellationToken cancellationToken)
    {
        var failed = 0;
        foreach (var id in outboxMessageIds)
        {
            var outcome = await mediator.Send(new DeliverOutboxMessage(id), cancellationToken);
            if (outcome == DeliveryOutcome.Failed)
                failed++;
            LogOutcome(logger, id, outcome);
        }

        if (failed > 0)
            throw new MailDeliveryException($"{failed} of {outboxMessageIds.Length} mails were not accepted; see their LastError. Hangfire will retry.");
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Mail {OutboxMessageId}: {Outcome}")]
    private static partial void LogOutcome(Microsoft.Extensions.Logging.ILogger logger, Guid outboxMessageId, DeliveryOutcome outcome);
}

public sealed class MailDeliveryException(string message) : Exception(message);

/// <summary>Recurring job: queues mail whose delivery job was never queued (crash between commit and enqueue).</summary>
public sealed class OutboxSweepJob(IMediator mediator)
{
    public const string Id = "outbox-sweep";

    [JobDisplayName("Queue undelivered mail")]
    [Queue("mail")]
    public async Task SweepAsync(CancellationToken cancellationToken) =>
        await mediator.Send(new RequeueUndeliveredMail(TimeSpan.FromMinutes(2)), cancellationToken);
}

/// <summary>Daily recurring job: deletes mail sent longer ago than Mail:KeepSentDays.</summary>
public sealed class OutboxPurgeJob(IMediator mediator, Microsoft.Extensions.Options.IOptions<Mail.MailOptions> options)
{
    public const string Id = "outbox-purge";

    [JobDisplayName("Delete old sent mail")]
    public async Task PurgeAsync(CancellationToken cancellationToken) =>
        await mediator.Send(new PurgeSentMail(TimeSpan.FromDays(options.Value.KeepSentDays)), cancellationToken);
}

/// <summary>Queues delivery jobs after a commit.</summary>
internal sealed class HangfireOutboxNotifier(IBackgroundJobClient jobs) : Application.Common.Interfaces.IOutboxNotifier
{
    public void Committed(IReadOnlyCollection<Guid> outboxMessageIds)
    {
        var ids = outboxMessageIds.ToArray();
        jobs.Enqueue<OutboxDeliveryJob>(j => j.DeliverAsync(ids, CancellationToken.None));
    }
}
