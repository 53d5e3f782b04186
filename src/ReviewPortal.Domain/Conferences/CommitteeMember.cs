using ReviewPortal.Domain.Committee;
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

    // The member's profile for this track: what conflict detection and reviewer assignment read.
    /// <summary>Current and past affiliations, with years (stored as JSON).</summary>
    public List<AffiliationPeriod> Affiliations { get; set; } = [];
    /// <summary>E-mail domains the member is known by (their organisation's), besides their account's.</summary>
    public List<string> EmailDomains { get; set; } = [];
    /// <summary>Topics from the track's list the member is expert in.</summary>
    public List<string> ExpertiseTopics { get; set; } = [];
    /// <summary>Free keywords ("libbpf", "BTF", "MPTCP").</summary>
    public List<string> ExpertiseKeywords { get; set; } = [];
    /// <summary>The most proposals the member will review; null = the balanced default.</summary>
    public int? MaxLoad { get; set; }
}
