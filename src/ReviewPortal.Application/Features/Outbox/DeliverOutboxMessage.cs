using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Domain.Outbox;

namespace ReviewPortal.Application.Features.Outbox;

/// <summary>
/// Sends one outbox mail. The row is locked for the attempt (a second worker skips it) and marked sent in
/// the same transaction, so a mail is sent at most once per successful commit. A failure is recorded and
/// reported to the caller, whose job then retries with back-off.
/// </summary>
[SystemCommand]
public sealed record DeliverOutboxMessage(Guid OutboxMessageId) : ICommand<DeliveryOutcome>;

public enum DeliveryOutcome
{
    Sent,
    AlreadySent,
    /// <summary>Another worker holds the row right now, or it no longer exists.</summary>
    Skipped,
    Failed,
}

public sealed class DeliverOutboxMessageHandler(IApplicationDbContext db, IMailTransport transport, TimeProvider clock)
    : ICommandHandler<DeliverOutboxMessage, DeliveryOutcome>
{
    public async ValueTask<DeliveryOutcome> Handle(DeliverOutboxMessage command, CancellationToken cancellationToken)
    {
        var message = await db.OutboxMessages
            .FromSql($"""SELECT * FROM "OutboxMessages" WHERE "Id" = {command.OutboxMessageId} FOR UPDATE SKIP LOCKED""")
            .SingleOrDefaultAsync(cancellationToken);
        if (message is null)
            return DeliveryOutcome.Skipped;
        if (message.SentUtc is not null)
            return DeliveryOutcome.AlreadySent;

        message.Attempts++;
        message.LastAttemptUtc = clock.GetUtcNow();
        try
        {
            await transport.SendAsync(ToEnvelope(message), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            message.LastError = Truncate($"{ex.GetType().Name}: {ex.Message}", 2_000);
            return DeliveryOutcome.Failed;
        }

        message.SentUtc = clock.GetUtcNow();
        message.LastError = null;
        return DeliveryOutcome.Sent;
    }

    private static EmailEnvelope ToEnvelope(OutboxMessage m) => new(m.Id, m.ToAddress, m.ToName, m.Subject, m.TextBody, m.HtmlBody);

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
