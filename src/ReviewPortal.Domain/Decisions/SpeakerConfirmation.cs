using ReviewPortal.Domain.Common;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Domain.Decisions;

public enum ConfirmationAnswer
{
    /// <summary>Offered, no answer yet.</summary>
    Waiting = 0,
    Confirmed = 1,
    Declined = 2,
    /// <summary>The speakers did not answer by the deadline and the chair gave the slot up.</summary>
    SlotReleased = 3,
}

/// <summary>A speaker's unavailable block (UTC), given on confirming so the timetable avoids it.</summary>
public sealed record UnavailableBlock(DateTimeOffset StartUtc, DateTimeOffset EndUtc);

/// <summary>
/// The offer of a slot to an accepted talk and its speakers' answer: created when the acceptance is released (or a
/// waitlisted talk is promoted), answered by confirming (with what the timetable needs) or declining (with a reason).
/// The submission's status follows the answer; this row keeps the details and the deadline.
/// </summary>
public class SpeakerConfirmation
{
    public const int MaxReasonLength = 2_000;
    public const int MaxUnavailableBlocks = 50;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TrackId { get; set; }
    public Guid SubmissionId { get; set; }
    public DateTimeOffset OfferedUtc { get; set; }
    /// <summary>Whether the offer came from the waitlist (a declined talk's slot).</summary>
    public bool PromotedFromWaitlist { get; set; }
    /// <summary>The chair's extension for this talk; null: the track's confirmation deadline applies.</summary>
    public DateTimeOffset? ExtendedUntilUtc { get; set; }
    public ConfirmationAnswer Answer { get; private set; } = ConfirmationAnswer.Waiting;
    public DateTimeOffset? AnsweredUtc { get; private set; }
    /// <summary>The account that answered (a speaker signed in, or the chair for a released slot); null when a speaker answered from the mail's link.</summary>
    public Guid? AnsweredById { get; private set; }
    /// <summary>The speaker (<see cref="Submissions.SubmissionSpeaker"/> id) who answered, signed in or from the link.</summary>
    public Guid? AnsweredBySpeakerId { get; private set; }
    public string? DeclineReason { get; private set; }
    /// <summary>Blocks the speakers cannot make (UTC); the timetable solver treats them as hard.</summary>
    public List<UnavailableBlock> Unavailable { get; private set; } = [];
    /// <summary>Co-speakers (<see cref="Submissions.SubmissionSpeaker"/> ids) who will not attend.</summary>
    public List<Guid> AbsentSpeakerIds { get; private set; } = [];
    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; set; }

    public bool IsOpen => Answer == ConfirmationAnswer.Waiting;

    /// <summary>When the answer is due: the chair's extension, else the track's deadline (null: no deadline set).</summary>
    public DateTimeOffset? DueUtc(Track track) => ExtendedUntilUtc ?? track.ConfirmationDeadlineUtc;

    public bool IsOverdue(Track track, DateTimeOffset nowUtc) => IsOpen && DueUtc(track) is { } due && nowUtc >= due;

    /// <summary>The speakers confirm; refused after the deadline (the chair can extend it).</summary>
    public void Confirm(Track track, Guid speakerId, Guid? accountId, IEnumerable<UnavailableBlock> unavailable, IEnumerable<Guid> absentSpeakerIds,
        DateTimeOffset nowUtc)
    {
        EnsureAnswerable(track, nowUtc);
        Answer = ConfirmationAnswer.Confirmed;
        AnsweredUtc = nowUtc;
        AnsweredBySpeakerId = speakerId;
        AnsweredById = accountId;
        Unavailable = [.. unavailable.OrderBy(b => b.StartUtc)];
        AbsentSpeakerIds = [.. absentSpeakerIds.Distinct()];
    }

    /// <summary>The speakers decline, before or after confirming (a confirmed speaker may still drop out).</summary>
    public void Decline(Track track, Guid speakerId, Guid? accountId, string reason, DateTimeOffset nowUtc)
    {
        if (Answer is ConfirmationAnswer.Declined or ConfirmationAnswer.SlotReleased)
            throw new InvalidStateException("This talk has already been given up.");
        if (Answer == ConfirmationAnswer.Waiting)
            EnsureAnswerable(track, nowUtc);
        Answer = ConfirmationAnswer.Declined;
        AnsweredUtc = nowUtc;
        AnsweredBySpeakerId = speakerId;
        AnsweredById = accountId;
        DeclineReason = reason;
    }

    /// <summary>The chair gives up the slot of a talk whose speakers did not answer in time.</summary>
    public void ReleaseSlot(Track track, Guid chairId, DateTimeOffset nowUtc)
    {
        if (!IsOverdue(track, nowUtc))
            throw new InvalidStateException("Only a talk whose confirmation is overdue can have its slot released.");
        Answer = ConfirmationAnswer.SlotReleased;
        AnsweredUtc = nowUtc;
        AnsweredById = chairId;
        DeclineReason = "Not confirmed by the deadline.";
    }

    /// <summary>Gives the speakers until <paramref name="untilUtc"/> to answer.</summary>
    public void Extend(DateTimeOffset untilUtc, DateTimeOffset nowUtc)
    {
        if (!IsOpen)
            throw new InvalidStateException("The speakers have already answered.");
        if (untilUtc <= nowUtc)
            throw new InvalidStateException("An extension must end in the future.");
        ExtendedUntilUtc = untilUtc;
    }

    private void EnsureAnswerable(Track track, DateTimeOffset nowUtc)
    {
        if (!IsOpen)
            throw new InvalidStateException(Answer == ConfirmationAnswer.Confirmed
                ? "This talk is already confirmed."
                : "This talk has already been given up.");
        if (DueUtc(track) is { } due && nowUtc >= due)
            throw new DeadlinePassedException(
                $"The confirmation deadline ({track.Conference.Format(due)}) has passed; ask the chair to extend it.", due);
    }
}

/// <summary>
/// One decision mail to one speaker of one proposal for one outcome. The unique index makes release idempotent:
/// pressing release twice, or a retried job, finds the letter already written and sends nothing more.
/// </summary>
public class DecisionLetter
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TrackId { get; set; }
    public Guid SubmissionId { get; set; }
    /// <summary>The <see cref="Submissions.SubmissionSpeaker"/> written to (speakers need no account to be told).</summary>
    public Guid SpeakerId { get; set; }
    public DecisionOutcome Outcome { get; set; }
    public Guid OutboxMessageId { get; set; }
    public DateTimeOffset CreatedUtc { get; set; }
}

/// <summary>A reminder to confirm, sent at most once per talk and point before the deadline.</summary>
public class ConfirmationReminder
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SubmissionId { get; set; }
    public int DaysBefore { get; set; }
    public DateTimeOffset SentUtc { get; set; }
}
