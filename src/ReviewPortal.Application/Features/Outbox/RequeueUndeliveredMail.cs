using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;

namespace ReviewPortal.Application.Features.Outbox;

/// <summary>
/// Safety net for the moment between a commit and the delivery job being queued (a crash, a restart):
/// mail never attempted and older than <paramref name="OlderThan"/> is queued again. Double queuing is
/// harmless: delivery locks the row and skips mail already sent.
/// </summary>
[SystemCommand]
public sealed record RequeueUndeliveredMail(TimeSpan OlderThan) : ICommand<int>;

public sealed class RequeueUndeliveredMailHandler(IApplicationDbContext db, IOutboxNotifier notifier, TimeProvider clock)
    : ICommandHandler<RequeueUndeliveredMail, int>
{
    public async ValueTask<int> Handle(RequeueUndeliveredMail command, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - command.OlderThan;
        var ids = await db.OutboxMessages
            .Where(m => m.SentUtc == null && m.Attempts == 0 && m.CreatedUtc < cutoff)
            .OrderBy(m => m.CreatedUtc)
            .Select(m => m.Id)
            .Take(500)
            .ToListAsync(cancellationToken);
        if (ids.Count > 0)
            notifier.Committed(ids);
        return ids.Count;
    }
}
