using System.Text.Json;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Auditing;

namespace ReviewPortal.Application.Common.Auditing;

/// <summary>Adds an audit entry (who, when, what) to the current unit of work; it commits with the change.</summary>
public sealed class AuditTrail(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
{
    public void Record(string action, string entityType, Guid entityId, object details) =>
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = clock.GetUtcNow(),
            ActorId = currentUser.Id,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Details = JsonSerializer.Serialize(details),
        });

    /// <summary>Records a before/after pair only when something changed (records compare by value).</summary>
    public void RecordChange<T>(string action, string entityType, Guid entityId, T before, T after)
    {
        if (!EqualityComparer<T>.Default.Equals(before, after))
            Record(action, entityType, entityId, new { before, after });
    }
}
