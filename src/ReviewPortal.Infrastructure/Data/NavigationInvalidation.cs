using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ReviewPortal.Application.Features.People;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.People;

namespace ReviewPortal.Infrastructure.Data;

/// <summary>
/// Keeps <see cref="NavigationCache"/> true for every write through EF, whichever command makes it: a saved
/// person or committee seat invalidates that person, a changed track or conference everyone. It happens when the
/// change is committed (the transaction's commit, or the save itself outside one), so no reader caches the old
/// state after the new one is visible.
/// </summary>
internal sealed class NavigationInvalidation(NavigationCache cache) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private sealed class Pending
    {
        public HashSet<Guid> People { get; } = [];
        public bool Everyone { get; set; }
    }

    // Per DbContext: collected while saving, applied when the transaction commits.
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
        AfterSave(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterSave(eventData.Context);
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
        Pending? pending = null;
        Pending Mark() => pending ??= _pending.GetValue(context, _ => new Pending());
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
                continue;
            switch (entry.Entity)
            {
                case Person person:
                    Mark().People.Add(person.Id);
                    break;
                case CommitteeMember member:
                    Mark().People.Add(member.PersonId);
                    if (entry.State == EntityState.Modified && entry.Property(nameof(CommitteeMember.PersonId)).OriginalValue is Guid before)
                        Mark().People.Add(before);
                    break;
                case Track or Conference when entry.State != EntityState.Added:
                    Mark().Everyone = true;
                    break;
            }
        }
    }

    private void AfterSave(DbContext? context)
    {
        // Outside a transaction the save has committed; inside one, wait for the commit.
        if (context is not null && context.Database.CurrentTransaction is null)
            Apply(context);
    }

    private void Apply(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
            return;
        _pending.Remove(context);
        if (pending.Everyone)
            cache.InvalidateAll();
        foreach (var person in pending.People)
            cache.Invalidate(person);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
            _pending.Remove(context);
    }
}
