using Microsoft.EntityFrameworkCore;
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
internal sealed class NavigationInvalidation(NavigationCache cache) : OnCommitInterceptor<NavigationInvalidation.Pending>
{
    internal sealed class Pending
    {
        public HashSet<Guid> People { get; } = [];
        public bool Everyone { get; set; }
    }

    protected override void Collect(DbContext context, Func<Pending> mark)
    {
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
                continue;
            switch (entry.Entity)
            {
                case Person person:
                    mark().People.Add(person.Id);
                    break;
                case CommitteeMember member:
                    mark().People.Add(member.PersonId);
                    if (entry.State == EntityState.Modified && entry.Property(nameof(CommitteeMember.PersonId)).OriginalValue is Guid before)
                        mark().People.Add(before);
                    break;
                case Track or Conference when entry.State != EntityState.Added:
                    mark().Everyone = true;
                    break;
            }
        }
    }

    protected override void Apply(Pending pending)
    {
        if (pending.Everyone)
            cache.InvalidateAll();
        foreach (var person in pending.People)
            cache.Invalidate(person);
    }
}
