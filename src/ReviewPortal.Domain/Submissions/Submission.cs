using ReviewPortal.Domain.Common;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Domain.Submissions;

/// <summary>A talk proposal and its lifecycle. State changes go through the methods so the rules hold everywhere.</summary>
public class Submission
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TrackId { get; set; }
    public Track Track { get; set; } = null!;
    public string Title { get; set; } = "";
    /// <summary>Markdown; rendered sanitised.</summary>
    public string Abstract { get; set; } = "";
    /// <summary>Notes for the committee; never public.</summary>
    public string? Notes { get; set; }
    public List<string> Topics { get; set; } = [];
    public SubmissionKind Kind { get; set; } = SubmissionKind.Talk;
    public int DurationMinutes { get; set; } = Track.DefaultSlotMinutes;
    public SubmissionStatus Status { get; private set; } = SubmissionStatus.Draft;
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset UpdatedUtc { get; set; }
    public DateTimeOffset? SubmittedUtc { get; private set; }
    public DateTimeOffset? WithdrawnUtc { get; private set; }
    public DateTimeOffset? DecisionReleasedUtc { get; private set; }
    /// <summary>When the current decision was last set (drafts included).</summary>
    public DateTimeOffset? DecidedUtc { get; private set; }
    /// <summary>Order on the waitlist (1 is offered first); only while <see cref="SubmissionStatus.Waitlisted"/>.</summary>
    public int? WaitlistRank { get; private set; }
    /// <summary>The account that created the proposal (always also one of its speakers unless imported).</summary>
    public Guid? CreatedById { get; set; }
    /// <summary>Idempotency key sent by the client: a retried create returns the first proposal.</summary>
    public Guid? ClientRequestId { get; set; }
    /// <summary>Stable key of an imported proposal: importing the same file twice does not duplicate.</summary>
    public string? ImportKey { get; set; }
    public List<SubmissionSpeaker> Speakers { get; set; } = [];
    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; set; }

    public bool IsDecided => Status is SubmissionStatus.Accepted or SubmissionStatus.Rejected or SubmissionStatus.Waitlisted;
    public bool IsDecisionReleased => DecisionReleasedUtc is not null;

    /// <summary>What a speaker may know: an unreleased decision shows as still under review.</summary>
    public SubmissionStatus StatusForSpeakers => IsDecided && !IsDecisionReleased ? SubmissionStatus.UnderReview : Status;

    public bool IsSpeaker(Guid personId) => Speakers.Any(s => s.PersonId == personId);

    /// <summary>Editable by its speakers while a draft, or after submission until the CfP closes.</summary>
    public bool CanEdit(DateTimeOffset nowUtc) =>
        Status is SubmissionStatus.Draft or SubmissionStatus.Submitted && Track.IsCfpOpen(nowUtc);

    /// <summary>A draft can be submitted while the CfP is open.</summary>
    public bool CanSubmit(DateTimeOffset nowUtc) => Status == SubmissionStatus.Draft && Track.IsCfpOpen(nowUtc);

    public bool CanWithdraw =>
        Status is SubmissionStatus.Draft or SubmissionStatus.Submitted or SubmissionStatus.UnderReview
        || (IsDecided && !IsDecisionReleased);

    public void EnsureEditable(DateTimeOffset nowUtc)
    {
        if (Status is not (SubmissionStatus.Draft or SubmissionStatus.Submitted))
            throw new InvalidStateException($"A proposal that is {Describe(StatusForSpeakers)} can no longer be edited.");
        Track.EnsureCfpOpen(nowUtc);
    }

    public void Submit(DateTimeOffset nowUtc)
    {
        if (Status != SubmissionStatus.Draft)
            throw new InvalidStateException($"Only a draft can be submitted; this proposal is {Describe(StatusForSpeakers)}.");
        Track.EnsureCfpOpen(nowUtc);
        Status = SubmissionStatus.Submitted;
        SubmittedUtc = nowUtc;
        UpdatedUtc = nowUtc;
    }

    public void Withdraw(DateTimeOffset nowUtc)
    {
        if (IsDecisionReleased)
            throw new InvalidStateException("The decision on this proposal has been released; it can no longer be withdrawn.");
        if (!CanWithdraw)
            throw new InvalidStateException($"A proposal that is {Describe(StatusForSpeakers)} cannot be withdrawn.");
        Status = SubmissionStatus.Withdrawn;
        WithdrawnUtc = nowUtc;
        UpdatedUtc = nowUtc;
    }

    public void StartReview(DateTimeOffset nowUtc)
    {
        if (Status != SubmissionStatus.Submitted)
            throw new InvalidStateException($"Only a submitted proposal can go to review; this one is {Describe(Status)}.");
        Status = SubmissionStatus.UnderReview;
        UpdatedUtc = nowUtc;
    }

    /// <summary>
    /// Records the committee's decision; speakers do not see it until <see cref="ReleaseDecision"/>. A released
    /// decision is final, except that a waitlisted talk can be accepted (promoted) later.
    /// </summary>
    public void Decide(SubmissionStatus decision, int? waitlistRank, DateTimeOffset nowUtc)
    {
        if (decision is not (SubmissionStatus.Accepted or SubmissionStatus.Rejected or SubmissionStatus.Waitlisted))
            throw new ArgumentOutOfRangeException(nameof(decision), decision, "A decision is Accepted, Rejected or Waitlisted.");
        if (waitlistRank is not null && (decision != SubmissionStatus.Waitlisted || waitlistRank < 1))
            throw new InvalidStateException("A waitlist rank (1 or more) is given only with the decision Waitlisted.");
        var promotingFromWaitlist = Status == SubmissionStatus.Waitlisted && decision == SubmissionStatus.Accepted;
        if (Status != SubmissionStatus.UnderReview && !(IsDecided && !IsDecisionReleased) && !promotingFromWaitlist)
            throw new InvalidStateException(IsDecisionReleased
                ? $"The decision ({Describe(Status)}) has been released to the speakers; it can no longer be changed."
                : $"A proposal that is {Describe(Status)} cannot be decided.");
        Status = decision;
        WaitlistRank = decision == SubmissionStatus.Waitlisted ? waitlistRank : null;
        DecidedUtc = nowUtc;
        UpdatedUtc = nowUtc;
        if (promotingFromWaitlist && IsDecisionReleased)
            DecisionReleasedUtc = nowUtc;
    }

    /// <summary>Back to undecided (a draft decision only; a released one is final).</summary>
    public void ClearDecision(DateTimeOffset nowUtc)
    {
        if (!IsDecided || IsDecisionReleased)
            throw new InvalidStateException(IsDecisionReleased
                ? "The decision has been released to the speakers; it can no longer be taken back."
                : "There is no decision to take back.");
        Status = SubmissionStatus.UnderReview;
        WaitlistRank = null;
        DecidedUtc = null;
        UpdatedUtc = nowUtc;
    }

    /// <summary>
    /// Moves a waitlisted talk to another place (the track's waitlist is renumbered densely when one talk joins, leaves
    /// or moves). Allowed after release too: the order only says which talk is offered a freed slot first.
    /// </summary>
    public void MoveOnWaitlist(int rank)
    {
        if (Status != SubmissionStatus.Waitlisted)
            throw new InvalidStateException($"Only a waitlisted proposal has a place on the waitlist; this one is {Describe(Status)}.");
        if (rank < 1)
            throw new InvalidStateException("A place on the waitlist is 1 or more.");
        WaitlistRank = rank;
    }

    public void ReleaseDecision(DateTimeOffset nowUtc)
    {
        if (!IsDecided)
            throw new InvalidStateException("There is no decision to release.");
        DecisionReleasedUtc ??= nowUtc;
        UpdatedUtc = nowUtc;
    }

    public void Confirm(DateTimeOffset nowUtc) => Answer(SubmissionStatus.Confirmed, nowUtc);

    /// <summary>
    /// The speakers give the talk up: before confirming, or after (they can no longer come), also once it is on the
    /// published timetable: the slot stays in the chair's working copy, flagged, until a re-solve or the chair frees it.
    /// </summary>
    public void Decline(DateTimeOffset nowUtc)
    {
        if (Status is SubmissionStatus.Confirmed or SubmissionStatus.Scheduled)
        {
            Status = SubmissionStatus.Declined;
            UpdatedUtc = nowUtc;
            return;
        }
        Answer(SubmissionStatus.Declined, nowUtc);
    }

    public void MarkScheduled(DateTimeOffset nowUtc)
    {
        if (Status != SubmissionStatus.Confirmed)
            throw new InvalidStateException($"Only a confirmed talk can be scheduled; this one is {Describe(Status)}.");
        Status = SubmissionStatus.Scheduled;
        UpdatedUtc = nowUtc;
    }

    private void Answer(SubmissionStatus answer, DateTimeOffset nowUtc)
    {
        if (Status != SubmissionStatus.Accepted || !IsDecisionReleased)
            throw new InvalidStateException("Only an accepted proposal whose decision has been released can be confirmed or declined.");
        Status = answer;
        UpdatedUtc = nowUtc;
    }

    /// <summary>Used by imports, which bring proposals in already submitted; their last change is that submission, not the import.</summary>
    public void MarkImportedAsSubmitted(DateTimeOffset submittedUtc)
    {
        Status = SubmissionStatus.Submitted;
        SubmittedUtc = submittedUtc;
        UpdatedUtc = submittedUtc;
    }

    public static string Describe(SubmissionStatus status) => status switch
    {
        SubmissionStatus.Draft => "a draft",
        SubmissionStatus.Submitted => "submitted",
        SubmissionStatus.Withdrawn => "withdrawn",
        SubmissionStatus.UnderReview => "under review",
        SubmissionStatus.Accepted => "accepted",
        SubmissionStatus.Rejected => "rejected",
        SubmissionStatus.Waitlisted => "waitlisted",
        SubmissionStatus.Confirmed => "confirmed",
        SubmissionStatus.Declined => "declined",
        SubmissionStatus.Scheduled => "scheduled",
        _ => status.ToString(),
    };
}
