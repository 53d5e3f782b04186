using ReviewPortal.Domain.Common;

namespace ReviewPortal.Domain.Conferences;

public enum BlindMode
{
    /// <summary>Reviewers see who the speakers are.</summary>
    None = 0,
    /// <summary>Speaker names and affiliations are hidden from reviewers.</summary>
    SpeakersHidden = 1,
}

/// <summary>When a committee member sees the other reviews of a proposal (chairs always do, unless conflicted).</summary>
public enum OthersReviewsVisibility
{
    /// <summary>Once they have submitted their own review of it (HotCRP's default): no anchoring on others' scores.</summary>
    AfterOwnReview = 0,
    Always = 1,
    Never = 2,
}

/// <summary>What happens to the waitlist when an accepted talk is given up.</summary>
public enum WaitlistPromotion
{
    /// <summary>The first waitlisted talk is offered the slot at once, and the chair is told.</summary>
    Automatic = 0,
    /// <summary>The chair is told and promotes with one click.</summary>
    ChairConfirms = 1,
}

/// <summary>A track of a conference: its own call for proposals, committee and timetable.</summary>
public class Track
{
    public const int DefaultSlotMinutes = 30;
    public const int DefaultReviewersPerSubmission = 3;
    public const int DefaultMaxSpeakers = 5;
    public const int DefaultConflictLookbackYears = 3;
    public static readonly IReadOnlyList<int> DefaultReminderDays = [7, 3, 1];
    public static readonly IReadOnlyList<int> DefaultConfirmationReminderDays = [7, 2];
    public static readonly IReadOnlyList<string> DefaultScoreLabels = ["strong reject", "weak reject", "borderline", "weak accept", "strong accept"];
    public static readonly IReadOnlyList<string> ConfidenceLabels = ["low", "medium", "high", "expert"];

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ConferenceId { get; set; }
    public Conference Conference { get; set; } = null!;
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    /// <summary>Markdown.</summary>
    public string Description { get; set; } = "";
    public int SlotMinutes { get; set; } = DefaultSlotMinutes;
    public DateTimeOffset CfpOpensUtc { get; set; }
    public DateTimeOffset CfpClosesUtc { get; set; }
    public DateTimeOffset ReviewDeadlineUtc { get; set; }
    public int ReviewersPerSubmission { get; set; } = DefaultReviewersPerSubmission;
    public int ScoreMin { get; set; } = 1;
    public int ScoreMax { get; set; } = 5;
    public List<string> Topics { get; set; } = [];
    public int MaxSpeakersPerProposal { get; set; } = DefaultMaxSpeakers;
    public BlindMode BlindMode { get; set; } = BlindMode.None;
    /// <summary>Set when the chair starts the review phase: the CfP is closed, submitted proposals are under review, bidding opens.</summary>
    public DateTimeOffset? ReviewPhaseStartedUtc { get; set; }
    /// <summary>How many years back a past affiliation still makes a conflict of interest.</summary>
    public int ConflictLookbackYears { get; set; } = DefaultConflictLookbackYears;
    /// <summary>When members see the other reviews of a proposal.</summary>
    public OthersReviewsVisibility OthersReviews { get; set; } = OthersReviewsVisibility.AfterOwnReview;
    /// <summary>A label per score from <see cref="ScoreMin"/> to <see cref="ScoreMax"/> ("strong reject" … "strong accept"); empty = numbers only.</summary>
    public List<string> ScoreLabels { get; set; } = [.. DefaultScoreLabels];
    /// <summary>Days before the review deadline at which members with unfinished reviews are reminded.</summary>
    public List<int> ReviewReminderDays { get; set; } = [.. DefaultReminderDays];
    /// <summary>Accepted speakers confirm by then (UTC); null: no deadline yet, no reminders.</summary>
    public DateTimeOffset? ConfirmationDeadlineUtc { get; set; }
    /// <summary>Days before the confirmation deadline at which speakers who have not answered are reminded.</summary>
    public List<int> ConfirmationReminderDays { get; set; } = [.. DefaultConfirmationReminderDays];
    /// <summary>Whether a declined talk's slot goes to the first waitlisted talk by itself or on the chair's click.</summary>
    public WaitlistPromotion WaitlistPromotion { get; set; } = WaitlistPromotion.Automatic;
    /// <summary>How many talks the programme has room for, until the timetable's grid says so; null: not set.</summary>
    public int? ProgrammeCapacity { get; set; }
    public List<CommitteeMember> Committee { get; set; } = [];
    public uint Version { get; set; }

    public bool IsInReviewPhase => ReviewPhaseStartedUtc is not null;

    /// <summary>"3 – weak accept", or the number alone when the track has no label for it.</summary>
    public string ScoreLabel(int score) =>
        score >= ScoreMin && score - ScoreMin < ScoreLabels.Count ? $"{score} – {ScoreLabels[score - ScoreMin]}" : score.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool IsCfpOpen(DateTimeOffset nowUtc) => nowUtc >= CfpOpensUtc && nowUtc < CfpClosesUtc;

    /// <summary>Refuses a change to proposals outside the call for proposals, saying when it opens or closed, in the conference's zone.</summary>
    public void EnsureCfpOpen(DateTimeOffset nowUtc)
    {
        if (nowUtc < CfpOpensUtc)
            throw new DeadlinePassedException(
                $"The call for proposals of {Name} opens on {Conference.Format(CfpOpensUtc)}.", CfpOpensUtc);
        if (nowUtc >= CfpClosesUtc)
            throw new DeadlinePassedException(
                $"The call for proposals of {Name} closed on {Conference.Format(CfpClosesUtc)}.", CfpClosesUtc);
    }

    /// <summary>Where the call for proposals stands, in the conference's zone: when it opens, until when it is open, or when it closed.</summary>
    public string DescribeCfp(DateTimeOffset nowUtc) =>
        nowUtc < CfpOpensUtc ? $"The call for proposals is not open yet: it opens on {Conference.Format(CfpOpensUtc)}."
        : nowUtc < CfpClosesUtc ? $"The call for proposals is open until {Conference.Format(CfpClosesUtc)}."
        : $"The call for proposals closed on {Conference.Format(CfpClosesUtc)}.";

    /// <summary>Sets a member's role; a track always keeps at least one chair.</summary>
    public void ChangeRole(CommitteeMember member, CommitteeRole role)
    {
        if (member.Role == CommitteeRole.Chair && role != CommitteeRole.Chair)
            EnsureAnotherChair(member, "made a reviewer");
        member.Role = role;
    }

    /// <summary>Takes a member off the committee. The row stays, marked removed, so work they did keeps its author.</summary>
    public void RemoveMember(CommitteeMember member, DateTimeOffset nowUtc)
    {
        if (member.Role == CommitteeRole.Chair)
            EnsureAnotherChair(member, "removed");
        // Not removed from Committee: EF would delete an orphaned row. Queries no longer load it (query filter).
        member.RemovedUtc = nowUtc;
    }

    private void EnsureAnotherChair(CommitteeMember member, string what)
    {
        if (!Committee.Any(m => m != member && m.RemovedUtc is null && m.Role == CommitteeRole.Chair))
            throw new InvalidStateException(
                $"{member.Person?.DisplayName ?? "This member"} is the track's only chair and cannot be {what}: make someone else a chair first.");
    }

    public bool IsChair(Guid personId) => Committee.Any(m => m.PersonId == personId && m.Role == CommitteeRole.Chair && m.RemovedUtc is null);
}
