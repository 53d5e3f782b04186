using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Domain.Committee;

/// <summary>
/// The chair's invitation to join a track's committee, sent by e-mail with a single-use, expiring link. Only the
/// token's hash is stored, so the database alone cannot accept an invitation.
/// </summary>
public class CommitteeInvitation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TrackId { get; set; }
    public Track Track { get; set; } = null!;
    public string Email { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Affiliation { get; set; }
    /// <summary>Past affiliations the chair knows of (stored as JSON): for the conflict preview, copied into the profile on acceptance.</summary>
    public List<AffiliationPeriod> PastAffiliations { get; set; } = [];
    /// <summary>E-mail domains the invitee is known by, besides their address's (lower case); copied into the profile on acceptance.</summary>
    public List<string> EmailDomains { get; set; } = [];
    public CommitteeRole Role { get; set; }
    /// <summary>SHA-256 of the token in the link, hex.</summary>
    public string TokenHash { get; set; } = "";
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset ExpiresUtc { get; set; }
    public Guid InvitedById { get; set; }
    public DateTimeOffset? AcceptedUtc { get; set; }
    public Guid? AcceptedById { get; set; }
    public DateTimeOffset? DeclinedUtc { get; set; }
    public DateTimeOffset? RevokedUtc { get; set; }

    public bool IsOpen(DateTimeOffset nowUtc) => StateAt(nowUtc) == InvitationState.Pending;

    /// <summary>Where the invitation stands: an answer or a revocation is final; an unanswered one expires.</summary>
    public InvitationState StateAt(DateTimeOffset nowUtc) =>
        AcceptedUtc is not null ? InvitationState.Accepted
        : DeclinedUtc is not null ? InvitationState.Declined
        : RevokedUtc is not null ? InvitationState.Revoked
        : nowUtc >= ExpiresUtc ? InvitationState.Expired
        : InvitationState.Pending;
}

public enum InvitationState
{
    Pending,
    Accepted,
    Declined,
    Revoked,
    Expired,
}
