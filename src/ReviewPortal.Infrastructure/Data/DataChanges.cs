using System.Data.Common;
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
internal sealed class DataChangeInterceptor(DataChangeCounter counter) : OnCommitInterceptor<DataChangeInterceptor.Changed>, IDbCommandInterceptor
{
    internal sealed class Changed;

    protected override void Collect(DbContext context, Func<Changed> mark)
    {
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                && entry.Entity is not (OutboxMessage or UserSession))
            {
                mark();
                return;
            }
        }
    }

    protected override void Apply(Changed pending) => counter.Advance();

    // A bulk statement cannot be told apart by entity, so it always counts.
    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Written(eventData.Context);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Written(eventData.Context);
        return ValueTask.FromResult(result);
    }
}
