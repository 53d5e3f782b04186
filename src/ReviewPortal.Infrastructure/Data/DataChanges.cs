using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ReviewPortal.Domain.Outbox;
using ReviewPortal.Infrastructure.Sessions;

namespace ReviewPortal.Infrastructure.Data;

/// <summary>
/// A number that moves forward whenever this node commits a change to the data, so a cache keyed by it never
/// answers with what was true before a change this node made. Other nodes' changes are not seen here: caches that
/// use it also expire (the signed-in page cache after <c>PageCache:Seconds</c>).
/// </summary>
public sealed class DataChangeCounter
{
    private long _value;

    public long Current => Interlocked.Read(ref _value);

    internal void Advance() => Interlocked.Increment(ref _value);
}

/// <summary>
/// Advances <see cref="DataChangeCounter"/> when a write through EF commits: a save (at its transaction's commit, or
/// at once outside one) and a bulk statement (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>, raw SQL). Writes that no
/// page shows (the outbox's delivery bookkeeping, session "last seen" stamps) do not count, or every delivered mail
/// would empty the page cache.
/// </summary>
internal sealed class DataChangeInterceptor(DataChangeCounter counter) : DbCommandInterceptor, ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private sealed class Pending;

    // Per DbContext: a change saved inside a transaction, waiting for its commit.
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Committed(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Written(eventData.Context);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Written(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Apply(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
            return;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                && entry.Entity is not (OutboxMessage or UserSession))
            {
                _pending.AddOrUpdate(context, new Pending());
                return;
            }
        }
    }

    /// <summary>After a save: outside a transaction it has committed; inside one, the commit applies it.</summary>
    private void Committed(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
            Apply(context);
    }

    /// <summary>A bulk statement ran; it cannot be told apart by entity, so it always counts.</summary>
    private void Written(DbContext? context)
    {
        if (context is null || context.Database.CurrentTransaction is null)
            counter.Advance();
        else
            _pending.AddOrUpdate(context, new Pending());
    }

    private void Apply(DbContext? context)
    {
        if (context is not null && _pending.Remove(context))
            counter.Advance();
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
            _pending.Remove(context);
    }
}
