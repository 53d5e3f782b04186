namespace ReviewPortal.Domain.Reviews;

/// <summary>A comment in a proposal's committee-only discussion.</summary>
public class DiscussionComment
{
    public const int MaxBodyLength = 10_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TrackId { get; set; }
    public Guid SubmissionId { get; set; }
    public Guid AuthorId { get; set; }
    /// <summary>Markdown.</summary>
    public string Body { get; set; } = "";
    public DateTimeOffset CreatedUtc { get; set; }
}

/// <summary>
/// A comment someone is still to be told about. Posting writes one per recipient (in the comment's transaction);
/// the digest job gathers a recipient's notices into one mail at most once an hour and marks them sent.
/// </summary>
public class DiscussionNotice
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TrackId { get; set; }
    public Guid CommentId { get; set; }
    public Guid RecipientId { get; set; }
    public DateTimeOffset CreatedUtc { get; set; }
    /// <summary>Set by the digest that carried it.</summary>
    public DateTimeOffset? SentUtc { get; set; }
}

public enum ReminderKind
{
    /// <summary>To a member with unfinished reviews, N days before the deadline.</summary>
    Member = 0,
    /// <summary>To each chair: who has unfinished reviews at that point (and, at point 0, who is late).</summary>
    ChairSummary = 1,
}

/// <summary>
/// That a review reminder went out: one row per (track, person, point, kind), unique, so a retried or repeated job
/// never mails anyone twice for the same point.
/// </summary>
public class ReviewReminder
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TrackId { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>Days before the deadline (7, 3, 1); 0 is the chair's "late" summary after the deadline.</summary>
    public int DaysBefore { get; set; }
    public ReminderKind Kind { get; set; }
    public DateTimeOffset SentUtc { get; set; }
}
