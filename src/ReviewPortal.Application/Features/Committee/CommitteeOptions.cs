namespace ReviewPortal.Application.Features.Committee;

/// <summary>Settings of the committee feature (section "Committee").</summary>
public sealed class CommitteeOptions
{
    public const string Section = "Committee";

    /// <summary>How long an invitation link stays valid, in days (a re-send starts the period again).</summary>
    public int InvitationExpiryDays { get; set; } = 14;
}
