namespace ReviewPortal.Domain.Committee;

public enum AssignmentSource
{
    /// <summary>Assigned by hand by the chair; an automatic run keeps it.</summary>
    Manual = 0,
    /// <summary>Applied from an assignment run.</summary>
    Automatic = 1,
}

/// <summary>A committee member is to review a proposal.</summary>
public class ReviewAssignment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TrackId { get; set; }
    public Guid SubmissionId { get; set; }
    public Guid PersonId { get; set; }
    public AssignmentSource Source { get; set; }
    /// <summary>The run it was applied from, when automatic.</summary>
    public Guid? RunId { get; set; }
    public double? Affinity { get; set; }
    public Guid? AssignedById { get; set; }
    public DateTimeOffset AssignedUtc { get; set; }
}
