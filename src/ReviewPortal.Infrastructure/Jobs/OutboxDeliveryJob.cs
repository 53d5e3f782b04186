using Hangfire;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewPortal.Application.Features.Outbox;
using ReviewPortal.Infrastructure.Mail;

namespace ReviewPortal.Infrastructure.Jobs;

/// <summary>Hangfire job: sends outbox mail; throwing on failure makes Hangfire retry with the configured back-off.</summary>
public sealed partial class OutboxDeliveryJob(IMediator mediator, IOptions<MailOptions> options, ILogger<OutboxDeliveryJob> logger)
{
    /// <summary>
    /// Sends the mails one command wrote (one job per commit keeps the request path to a single enqueue).
    /// Mails already sent are skipped, so a retry after a partial failure sends only what is still unsent.
    /// When all went out, mail waiting for a retry goes now too: the server is back.
    /// </summary>
    [DeliverMailDisplayName]
    [Queue("mail")]
    public async Task DeliverAsync(Guid[] outboxMessageIds, CancellationToken cancellationToken)
    {
        var attemptTimeout = TimeSpan.FromSeconds(options.Value.AttemptTimeoutSeconds);
        var failed = 0;
        var sent = 0;
        foreach (var id in outboxMessageIds)
        {
            var outcome = await mediator.Send(new DeliverOutboxMessage(id, attemptTimeout), cancellationToken);
            if (outcome == DeliveryOutcome.Failed)
                failed++;
            else if (outcome == DeliveryOutcome.Sent)
                sent++;
            LogOutcome(logger, id, outcome);
        }

        if (failed > 0)
            throw new MailDeliveryException($"{failed} of {outboxMessageIds.Length} mails were not accepted; see their LastError. Hangfire will retry.");

        if (sent > 0)
        {
            try
            {
                var started = await mediator.Send(new RetryWaitingMailNow(), CancellationToken.None);
                if (started > 0)
                    LogCaughtUp(logger, started);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The mail of this job is sent; the waiting mail keeps its back-off.
                LogCatchUpFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {OutboxMessageId}: {Outcome}")]
    private static partial void LogOutcome(ILogger logger, Guid outboxMessageId, DeliveryOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "The mail server accepts mail again: {Count} delivery job(s) waiting for a retry run now")]
    private static partial void LogCaughtUp(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start the mail waiting for a retry; it keeps its back-off")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception);
}

public sealed class MailDeliveryException(string message) : Exception(message);

/// <summary>Recurring job: queues mail no job will deliver (never queued after the commit, or stranded by a dead worker).</summary>
public sealed class OutboxSweepJob(IMediator mediator, IOptions<MailOptions> options)
{
    public const string Id = "outbox-sweep";

    /// <returns>How many mails were queued; 0 leaves no entry in the dashboard's Succeeded list.</returns>
    [JobDisplayName("Queue undelivered mail")]
    [Queue("mail")]
    [QuietWhenIdle]
    public async Task<int> SweepAsync(CancellationToken cancellationToken) =>
        await mediator.Send(new RequeueUndeliveredMail(
            TimeSpan.FromSeconds(options.Value.SweepAfterSeconds),
            TimeSpan.FromSeconds(options.Value.AttemptTimeoutSeconds)), cancellationToken);
}

/// <summary>Daily recurring job: deletes mail sent longer ago than Mail:KeepSentDays.</summary>
public sealed class OutboxPurgeJob(IMediator mediator, IOptions<MailOptions> options)
{
    public const string Id = "outbox-purge";

    [JobDisplayName("Delete old sent mail")]
    [QuietWhenIdle]
    public async Task<int> PurgeAsync(CancellationToken cancellationToken) =>
        await mediator.Send(new PurgeSentMail(TimeSpan.FromDays(options.Value.KeepSentDays)), cancellationToken);
}
