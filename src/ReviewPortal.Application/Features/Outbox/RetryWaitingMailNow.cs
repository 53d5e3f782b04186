using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Application.Common.Security;

namespace ReviewPortal.Application.Features.Outbox;

/// <summary>
/// Sent after a delivery succeeded: the mail server is taking mail again, so mail waiting for its next retry
/// (minutes or hours away by the back-off) goes now. Mail the server refused for itself
/// (<see cref="MailRefusedException"/>, e.g. an unknown recipient) keeps its back-off: the server being back does
/// not change that answer. Changes no row, so it is a request without a transaction.
/// </summary>
[SystemCommand]
public sealed record RetryWaitingMailNow : IRequest<int>;

public sealed class RetryWaitingMailNowHandler(IApplicationDbContext db, IOutboxNotifier notifier) : IRequestHandler<RetryWaitingMailNow, int>
{
    private const string RefusedPrefix = nameof(MailRefusedException) + ":";

    public async ValueTask<int> Handle(RetryWaitingMailNow request, CancellationToken cancellationToken)
    {
        // The partial index on unsent mail keeps this cheap; usually it finds nothing and Hangfire is not asked.
        var waiting = await db.OutboxMessages
            .Where(m => m.SentUtc == null && m.Attempts > 0 && m.AttemptStartedUtc == null
                && (m.LastError == null || !m.LastError.StartsWith(RefusedPrefix)))
            .OrderBy(m => m.CreatedUtc)
            .Select(m => m.Id)
            .Take(RequeueUndeliveredMail.MaxPerRun)
            .ToListAsync(cancellationToken);
        return waiting.Count == 0 ? 0 : notifier.RetryNow(waiting);
    }
}
