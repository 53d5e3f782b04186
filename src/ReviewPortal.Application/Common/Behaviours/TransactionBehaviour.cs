using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;

namespace ReviewPortal.Application.Common.Behaviours;

/// <summary>
/// Last before the handler, commands only: one database transaction per command, inside EF's execution
/// strategy so a transient failure retries the whole unit. The change and its outbox rows commit together;
/// delivery is triggered only after the commit, and nothing after the commit turns the command's success into a failure.
/// </summary>
public sealed partial class TransactionBehaviour<TMessage, TResponse>(
    IApplicationDbContext db, IEmailOutbox outbox, IOutboxNotifier outboxNotifier, AfterCommit afterCommit,
    ILogger<TransactionBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        // A command sent from inside another command joins the outer transaction.
        if (db.Database.CurrentTransaction is not null)
            return await next(message, cancellationToken);

        var strategy = db.Database.CreateExecutionStrategy();
        var attempt = 0;
        var response = await strategy.ExecuteAsync(async ct =>
        {
            if (attempt++ > 0)
            {
                // A retry starts from what the database holds, not from the failed attempt's state.
                db.ChangeTracker.Clear();
                outbox.TakeEnqueued();
                afterCommit.Take();
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var result = await next(message, ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return result;
            }
            catch (DbUpdateConcurrencyException)
            {
                Discard();
                throw new ConcurrencyConflictException(
                    "Someone else changed this while you were editing it. Reload to see their change, then make yours again.");
            }
            catch
            {
                // A refused command leaves nothing behind for later reads in the same request.
                Discard();
                throw;
            }
        }, cancellationToken);

        var outboxIds = outbox.TakeEnqueued();
        if (outboxIds.Count > 0)
        {
            try
            {
                outboxNotifier.Committed(outboxIds);
            }
            catch (Exception ex)
            {
                // The change and its mail are committed: the client must hear "done", or it retries and makes a
                // duplicate. The mail is in the outbox; the sweeper queues it (ADR 0010).
                LogNotifyFailed(logger, ex, typeof(TMessage).Name, outboxIds.Count);
            }
        }

        foreach (var action in afterCommit.Take())
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                // Committed already; the sweeper of whatever the action starts picks it up (AfterCommit).
                LogAfterCommitFailed(logger, ex, typeof(TMessage).Name);
            }
        }

        return response;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message} committed, but work it queues after the commit could not be started now; its sweeper will start it")]
    private static partial void LogAfterCommitFailed(ILogger logger, Exception exception, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message} committed, but its {Count} mail(s) could not be queued for delivery now; the outbox sweep will queue them")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, string message, int count);

    private void Discard()
    {
        db.ChangeTracker.Clear();
        outbox.TakeEnqueued();
        afterCommit.Take();
    }
}
