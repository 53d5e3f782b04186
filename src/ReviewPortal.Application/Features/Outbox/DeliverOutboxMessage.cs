using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Domain.Outbox;

namespace ReviewPortal.Application.Features.Outbox;

/// <summary>
/// Sends one outbox mail in three steps: claim the row (commit <see cref="OutboxMessage.AttemptStartedUtc"/>),
/// hand the mail to the server, record the outcome. Because the claim is committed before the send, a later
/// attempt can tell "maybe sent" (a claim older than <paramref name="AttemptTimeout"/> with no outcome: the
/// worker died or lost the database after the send) from "not sent". "Maybe sent" mail is sent again with the
/// same Message-Id and counted in <see cref="OutboxMessage.UnconfirmedAttempts"/> (ADR 0010).
/// </summary>
/// <remarks>
/// A request, not a command: it commits twice on purpose, so it runs outside the one-transaction-per-command
/// behaviour. A failure is recorded and reported to the caller, whose job then retries with back-off.
/// </remarks>
[SystemCommand]
public sealed record DeliverOutboxMessage(Guid OutboxMessageId, TimeSpan? AttemptTimeout = null) : IRequest<DeliveryOutcome>
{
    /// <summary>Longer than one send can take (connect, authenticate, send, each within the SMTP timeout).</summary>
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromMinutes(5);
}

public enum DeliveryOutcome
{
    Sent,
    AlreadySent,
    /// <summary>Another worker holds the row or has an attempt in flight, or the row no longer exists.</summary>
    Skipped,
    Failed,
}

public sealed partial class DeliverOutboxMessageHandler(
    IApplicationDbContext db, IMailTransport transport, TimeProvider clock, ILogger<DeliverOutboxMessageHandler> logger)
    : IRequestHandler<DeliverOutboxMessage, DeliveryOutcome>
{
    public async ValueTask<DeliveryOutcome> Handle(DeliverOutboxMessage request, CancellationToken cancellationToken)
    {
        var claim = await ClaimAsync(request.OutboxMessageId, request.AttemptTimeout ?? DeliverOutboxMessage.DefaultAttemptTimeout, cancellationToken);
        if (claim.Message is not { } message)
            return claim.Outcome;

        try
        {
            await transport.SendAsync(ToEnvelope(message), cancellationToken);
        }
        catch (MailOutcomeUnknownException ex)
        {
            await RecordFailureAsync(message.Id, claim.StartedUtc, ex, unconfirmed: true);
            return DeliveryOutcome.Failed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecordFailureAsync(message.Id, claim.StartedUtc, ex, unconfirmed: false);
            return DeliveryOutcome.Failed;
        }

        // Not cancellable: the server has the mail, so recording that matters more than a prompt shutdown.
        var sentUtc = clock.GetUtcNow();
        await db.OutboxMessages.Where(m => m.Id == message.Id && m.SentUtc == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.SentUtc, sentUtc)
                .SetProperty(m => m.AttemptStartedUtc, (DateTimeOffset?)null)
                .SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
        return DeliveryOutcome.Sent;
    }

    private async Task<Claim> ClaimAsync(Guid id, TimeSpan attemptTimeout, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var message = await db.OutboxMessages
                .FromSql($"""SELECT * FROM "OutboxMessages" WHERE "Id" = {id} FOR UPDATE SKIP LOCKED""")
                .SingleOrDefaultAsync(ct);
            if (message is null)
                return new Claim(DeliveryOutcome.Skipped, null, default);
            if (message.SentUtc is not null)
                return new Claim(DeliveryOutcome.AlreadySent, null, default);

            var now = ToMicroseconds(clock.GetUtcNow());
            if (message.AttemptStartedUtc is { } started)
            {
                if (now - started < attemptTimeout)
                    return new Claim(DeliveryOutcome.Skipped, null, default); // in flight on another worker
                message.UnconfirmedAttempts++;
                LogOutcomeUnknown(logger, id, started);
            }

            message.Attempts++;
            message.AttemptStartedUtc = now;
            message.LastAttemptUtc = now;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return new Claim(DeliveryOutcome.Sent, message, now);
        }, cancellationToken);
    }

    /// <summary>Only the attempt that claimed the row clears its claim (a slow worker must not erase a newer one).</summary>
    private async Task RecordFailureAsync(Guid id, DateTimeOffset startedUtc, Exception ex, bool unconfirmed)
    {
        var error = Truncate($"{ex.GetType().Name}: {ex.Message}", 2_000);
        var unconfirmedIncrement = unconfirmed ? 1 : 0;
        if (unconfirmed)
            LogMaybeAccepted(logger, id, ex.Message);
        await db.OutboxMessages.Where(m => m.Id == id && m.SentUtc == null && m.AttemptStartedUtc == startedUtc)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.AttemptStartedUtc, (DateTimeOffset?)null)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.UnconfirmedAttempts, m => m.UnconfirmedAttempts + unconfirmedIncrement), CancellationToken.None);
    }

    /// <summary>PostgreSQL keeps microseconds; the claim is compared with what was stored.</summary>
    private static DateTimeOffset ToMicroseconds(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);

    private static EmailEnvelope ToEnvelope(OutboxMessage m) => new(m.Id, m.ToAddress, m.ToName, m.Subject, m.TextBody, m.HtmlBody, m.Attachments);

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    private sealed record Claim(DeliveryOutcome Outcome, OutboxMessage? Message, DateTimeOffset StartedUtc);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {OutboxMessageId}: the attempt started {StartedUtc:o} never recorded an outcome; sending again with the same Message-Id (the receiver may get it twice)")]
    private static partial void LogOutcomeUnknown(ILogger logger, Guid outboxMessageId, DateTimeOffset startedUtc);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {OutboxMessageId}: the connection failed after the mail was handed over ({Error}); the server may have accepted it, and the retry uses the same Message-Id")]
    private static partial void LogMaybeAccepted(ILogger logger, Guid outboxMessageId, string error);
}
