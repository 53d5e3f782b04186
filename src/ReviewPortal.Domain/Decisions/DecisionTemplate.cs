namespace ReviewPortal.Domain.Decisions;

/// <summary>The outcome a speaker is told; each has its own mail template.</summary>
public enum DecisionOutcome
{
    Accepted = 0,
    Rejected = 1,
    Waitlisted = 2,
}

/// <summary>
/// The chair's wording of the mail for one outcome (Liquid, rendered by Fluid). A track without a row for an outcome
/// uses the built-in default, so release always has a letter to send.
/// </summary>
public class DecisionTemplate
{
    public const int MaxSubjectLength = 300;
    public const int MaxBodyLength = 20_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TrackId { get; set; }
    public DecisionOutcome Outcome { get; set; }
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>Whether the mail carries the reviewers' comments for the speakers (no scores, no names).</summary>
    public bool IncludeReviewComments { get; set; }
    public DateTimeOffset UpdatedUtc { get; set; }
    public Guid? UpdatedById { get; set; }
    public uint Version { get; set; }
}
