using ReviewPortal.Domain.People;

namespace ReviewPortal.Domain.Conferences;

public enum CommitteeRole
{
    Reviewer = 0,
    Chair = 1,
}

/// <summary>A person's seat on a track's program committee; per-track roles live here, not in Identity.</summary>
public class CommitteeMember
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TrackId { get; set; }
    public Track Track { get; set; } = null!;
    public Guid PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public CommitteeRole Role { get; set; }
    /// <summary>Affiliation at the time of review (used for conflict-of-interest detection).</summary>
    public string? Affiliation { get; set; }
    /// <summary>
    /// Set when the chair removes the member. The row stays (soft removal) because later work (reviews, bids,
    /// conflicts) refers to it; a global query filter hides removed members from every query of the committee.
    /// </summary>
    public DateTimeOffset? RemovedUtc { get; set; }
}
