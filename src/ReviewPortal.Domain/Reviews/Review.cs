using ReviewPortal.Domain.Common;

namespace ReviewPortal.Domain.Reviews;

public enum ReviewState
{
    /// <summary>Saved by its reviewer, not counted: nobody else sees it.</summary>
    Draft = 0,
    /// <summary>Counted in the ranking and visible to whoever the policy allows.</summary>
    Submitted = 1,
}

/// <summary>The value a reviewer gave one of the track's score criteria (stored as JSON with the review).</summary>
public sealed record CriterionValue(Guid CriterionId, int Value);

/// <summary>
/// One committee member's review of one proposal. The reviewer edits it (draft or submitted) until the track's
/// review deadline; after that only a chair's reopening lets them change it again.
/// </summary>
public class Review
{
    public const int MaxCommentLength = 20_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TrackId { get; set; }
    public Guid SubmissionId { get; set; }
    /// <summary>The reviewer (a person with a seat on the track's committee).</summary>
    public Guid PersonId { get; set; }
    public ReviewState State { get; private set; }
    /// <summary>Overall score on the track's scale (<c>Track.ScoreMin</c>..<c>ScoreMax</c>); null only in a draft.</summary>
    public int? Score { get; private set; }
    /// <summary>1 (low) … 4 (expert); null only in a draft.</summary>
    public int? Confidence { get; private set; }
    public List<CriterionValue> Criteria { get; private set; } = [];
    /// <summary>Markdown, shown to the speakers once the decision is released (never the scores or the reviewer's name).</summary>
    public string CommentsForSpeakers { get; private set; } = "";
    /// <summary>Markdown, for the committee only.</summary>
    public string CommentsForCommittee { get; private set; } = "";
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset UpdatedUtc { get; private set; }
    public DateTimeOffset? SubmittedUtc { get; private set; }
    /// <summary>Set when a chair reopens the review after the deadline; the reviewer may then edit until they submit again.</summary>
    public DateTimeOffset? ReopenedUtc { get; private set; }
    public Guid? ReopenedById { get; private set; }
    /// <summary>PostgreSQL's xmin: a save with an older version is refused (409), so two tabs never overwrite each other.</summary>
    public uint Version { get; set; }

    public bool IsSubmitted => State == ReviewState.Submitted;

    /// <summary>May the reviewer still change it? Before the deadline, or after a chair reopened it.</summary>
    public bool IsEditable(DateTimeOffset nowUtc, DateTimeOffset deadlineUtc) => nowUtc < deadlineUtc || ReopenedUtc is not null;

    /// <summary>
    /// Stores the reviewer's form. Validation of ranges and required criteria is the command's (it knows the track);
    /// this enforces the deadline and what a submitted review must have.
    /// </summary>
    public void Save(int? score, int? confidence, IReadOnlyList<CriterionValue> criteria, string commentsForSpeakers,
        string commentsForCommittee, bool submit, DateTimeOffset nowUtc, DateTimeOffset deadlineUtc, string deadlineText)
    {
        if (!IsEditable(nowUtc, deadlineUtc))
            throw new DeadlinePassedException(
                $"The review deadline passed on {deadlineText}; only a chair can reopen this review.", deadlineUtc);
        if (submit && (score is null || confidence is null))
            throw new InvalidStateException("A submitted review needs an overall score and a confidence.");
        if (IsSubmitted && !submit)
            // Taking a counted review back to draft would silently drop it from the ranking the chair is reading.
            throw new InvalidStateException("This review is submitted; save it as submitted (it stays editable until the deadline).");
        Score = score;
        Confidence = confidence;
        Criteria = [.. criteria];
        CommentsForSpeakers = commentsForSpeakers;
        CommentsForCommittee = commentsForCommittee;
        UpdatedUtc = nowUtc;
        if (submit)
        {
            if (!IsSubmitted)
                SubmittedUtc = nowUtc;
            State = ReviewState.Submitted;
            // A reopened review closes again when it is submitted.
            ReopenedUtc = null;
            ReopenedById = null;
        }
    }

    /// <summary>A chair lets the reviewer change the review after the deadline (audited by the command).</summary>
    public void Reopen(Guid chairId, DateTimeOffset nowUtc)
    {
        ReopenedUtc = nowUtc;
        ReopenedById = chairId;
    }
}
