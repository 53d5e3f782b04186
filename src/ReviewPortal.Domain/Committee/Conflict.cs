namespace ReviewPortal.Domain.Committee;

/// <summary>Why a committee member may not review a proposal. The API names these exactly.</summary>
public enum ConflictKind
{
    /// <summary>The member is one of the proposal's speakers.</summary>
    Speaker = 0,
    /// <summary>The member works, or worked within the track's look-back years, at a speaker's organisation (after normalisation and aliases).</summary>
    Organisation = 1,
    /// <summary>The member and a speaker share an e-mail domain that is not webmail.</summary>
    EmailDomain = 2,
    /// <summary>Declared by the member, by a speaker, or added by the chair.</summary>
    Declared = 3,
}

/// <summary>Who brought the conflict in.</summary>
public enum ConflictSource
{
    Detected = 0,
    Declared = 1,
    Chair = 2,
}

/// <summary>
/// A conflict of interest between a committee member (a person) and a proposal. Detected conflicts are recomputed
/// from profiles and speakers; the chair's decisions on them (confirm, lift) stay on the row with a reason, so a
/// recomputation never undoes a chair's lift. An inactive conflict is one the chair lifted.
/// </summary>
public class Conflict
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TrackId { get; set; }
    public Guid SubmissionId { get; set; }
    public Guid PersonId { get; set; }
    public ConflictKind Kind { get; set; }
    public ConflictSource Source { get; set; }
    /// <summary>Shown to the chair: "Alexei Starovoitov works at Meta (as Facebook)", "declared by the speaker: …".</summary>
    public string Reason { get; set; } = "";
    public bool Active { get; set; } = true;
    /// <summary>Who declared or last decided it (member, speaker or chair); null when detected.</summary>
    public Guid? DecidedById { get; set; }
    /// <summary>The chair's reason when confirming or lifting.</summary>
    public string? ChairReason { get; set; }
    public bool ConfirmedByChair { get; set; }
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset UpdatedUtc { get; set; }
}
