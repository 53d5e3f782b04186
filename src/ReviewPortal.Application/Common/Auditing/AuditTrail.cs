using System.Text.Json;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Auditing;

namespace ReviewPortal.Application.Common.Auditing;

/// <summary>Adds an audit entry (who, when, what) to the current unit of work; it commits with the change.</summary>
public sealed class AuditTrail(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
{
    /// <summary>Records one change; <paramref name="trackId"/> (a track entry's own id if not given) puts it in that track's audit log.</summary>
    public void Record(string action, string entityType, Guid entityId, object details, Guid? trackId = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = clock.GetUtcNow(),
            ActorId = currentUser.Id,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            TrackId = trackId ?? (entityType == TrackEntity ? entityId : null),
            Details = JsonSerializer.Serialize(details),
        });

    /// <summary>Records a before/after pair only when something changed (records compare by value).</summary>
    public void RecordChange<T>(string action, string entityType, Guid entityId, T before, T after, Guid? trackId = null)
    {
        if (!EqualityComparer<T>.Default.Equals(before, after))
            Record(action, entityType, entityId, new { before, after }, trackId);
    }

    public const string TrackEntity = "Track";
}
