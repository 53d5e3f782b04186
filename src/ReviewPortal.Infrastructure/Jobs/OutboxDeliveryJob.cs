using Hangfire;
using Mediator;
using ReviewPortal.Application.Features.Outbox;

namespace ReviewPortal.Infrastructure.Jobs;

/// <summary>Hangfire job: sends one outbox mail; throwing on failure makes Hangfire retry with the configured back-off.</summary>
public sealed partial class OutboxDeliveryJob(IMediator mediator, Microsoft.Extensions.Logging.ILogger<OutboxDeliveryJob> logger)
{
    [JobDisplayName("Send mail {0}")]
    [Queue("mail")]
    public async Task DeliverAsync(Guid outboxMessageId, CancellationToken cancellationToken)
    {
        var outcome = await mediator.Send(new DeliverOutboxMessage(outboxMessageId), cancellationToken);
        if (outcome == DeliveryOutcome.Failed)
            throw new MailDeliveryException($"Mail {outboxMessageId} was not accepted; see its LastError. Hangfire will retry.");
        LogOutcome(logger, outboxMessageId, outcome);
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

/// <summary>Queues delivery jobs after a commit.</summary>
internal sealed class HangfireOutboxNotifier(IBackgroundJobClient jobs) : Application.Common.Interfaces.IOutboxNotifier
{
    public void Committed(IReadOnlyCollection<Guid> outboxMessageIds)
    {
        foreach (var id in outboxMessageIds)
            jobs.Enqueue<OutboxDeliveryJob>(j => j.DeliverAsync(id, CancellationToken.None));
    }
}
