using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;

namespace ReviewPortal.Application.Features.Outbox;

/// <summary>
/// Safety net, run every minute by the outbox sweep. Queues again unsent mail that no job will deliver:
/// mail never attempted and older than <paramref name="OlderThan"/> (the job was not queued: a crash or the job
/// storage unreachable after the commit), and mail whose attempt started longer than
/// <paramref name="AttemptTimeout"/> ago without an outcome (its worker was killed or lost the database).
/// Double queuing is harmless: delivery claims the row and skips mail already sent or in flight.
/// </summary>
[SystemCommand]
public sealed record RequeueUndeliveredMail(TimeSpan OlderThan, TimeSpan AttemptTimeout) : ICommand<int>
{
    public const int MaxPerRun = 500;

    /// <summary>Mails per delivery job: keeps each job short, so an interrupted one has little to redo.</summary>
    public const int MailsPerJob = 50;
}

public sealed class RequeueUndeliveredMailHandler(IApplicationDbContext db, IOutboxNotifier notifier, TimeProvider clock)
    : ICommandHandler<RequeueUndeliveredMail, int>
{
    public async ValueTask<int> Handle(RequeueUndeliveredMail command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var createdBefore = now - command.OlderThan;
        var startedBefore = now - command.AttemptTimeout;
        var ids = await db.OutboxMessages
            .Where(m => m.SentUtc == null
                && ((m.Attempts == 0 && m.AttemptStartedUtc == null && m.CreatedUtc < createdBefore)
                    || m.AttemptStartedUtc < startedBefore))
            .OrderBy(m => m.CreatedUtc)
            .Select(m => m.Id)
            .Take(RequeueUndeliveredMail.MaxPerRun)
            .ToListAsync(cancellationToken);
        foreach (var chunk in ids.Chunk(RequeueUndeliveredMail.MailsPerJob))
            notifier.Committed(chunk);
        return ids.Count;
    }
}
