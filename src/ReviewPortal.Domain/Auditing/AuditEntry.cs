namespace ReviewPortal.Domain.Auditing;

/// <summary>Who changed what and when, for changes that matter later (deadlines, decisions, roles).</summary>
public class AuditEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTimeOffset AtUtc { get; set; }
    public Guid? ActorId { get; set; }
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public Guid EntityId { get; set; }
    /// <summary>The track the change belongs to, if any: what a chair's audit log is filtered by.</summary>
    public Guid? TrackId { get; set; }
    /// <summary>JSON with the before/after values.</summary>
    public string Details { get; set; } = "{}";
}
