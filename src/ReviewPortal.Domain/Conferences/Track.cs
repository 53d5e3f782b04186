using ReviewPortal.Domain.Common;

namespace ReviewPortal.Domain.Conferences;

public enum BlindMode
{
    /// <summary>Reviewers see who the speakers are.</summary>
    None = 0,
    /// <summary>Speaker names and affiliations are hidden from reviewers.</summary>
    SpeakersHidden = 1,
}

/// <summary>A track of a conference: its own call for proposals, committee and timetable.</summary>
public class Track
{
    public const int DefaultSlotMinutes = 30;
    public const int DefaultReviewersPerSubmission = 3;
    public const int DefaultMaxSpeakers = 5;

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
    public List<CommitteeMember> Committee { get; set; } = [];
    public uint Version { get; set; }

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

    public bool IsChair(Guid personId) => Committee.Any(m => m.PersonId == personId && m.Role == CommitteeRole.Chair);
}
