using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReviewPortal.Infrastructure.Data;

/// <summary>
/// Acts on what a save changed once it is committed: the save's own commit outside a transaction, the
/// transaction's commit inside one; a rollback forgets it. Caches use it so no reader keeps the old state after the
/// new one is visible (<see cref="NavigationInvalidation"/>, <see cref="DataChangeInterceptor"/>).
/// </summary>
internal abstract class OnCommitInterceptor<TPending> : ISaveChangesInterceptor, IDbTransactionInterceptor where TPending : class, new()
{
    // Per DbContext: collected while saving, applied when the change commits.
    private readonly ConditionalWeakTable<DbContext, TPending> _pending = [];

    /// <summary>Looks at the context's changes before they are saved; <paramref name="mark"/> gives the context's pending record.</summary>
    protected abstract void Collect(DbContext context, Func<TPending> mark);

    /// <summary>The changes collected for one context have committed.</summary>
    protected abstract void Apply(TPending pending);

    /// <summary>Records a change that bypassed the change tracker (a bulk statement): applied now outside a transaction, at its commit inside one.</summary>
    protected void Written(DbContext? context)
    {
        if (context is null || context.Database.CurrentTransaction is null)
            Apply(new TPending());
        else
            _pending.GetValue(context, _ => new TPending());
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        CollectFrom(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        CollectFrom(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSave(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => ApplyPending(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ApplyPending(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void CollectFrom(DbContext? context)
    {
        if (context is not null)
            Collect(context, () => _pending.GetValue(context, _ => new TPending()));
    }

    private void AfterSave(DbContext? context)
    {
        // Outside a transaction the save has committed; inside one, wait for the commit.
        if (context is not null && context.Database.CurrentTransaction is null)
            ApplyPending(context);
    }

    private void ApplyPending(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
            return;
        _pending.Remove(context);
        Apply(pending);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
            _pending.Remove(context);
    }
}
