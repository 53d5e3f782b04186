using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Domain.Scheduling;

public enum TimetableChangeKind
{
    New = 0,
    Moved = 1,
    Removed = 2,
}

/// <summary>A speaker as published (name and affiliation as they were at publishing).</summary>
public sealed class PublishedSpeaker
{
    /// <summary>The <see cref="SubmissionSpeaker"/> id.</summary>
    public Guid SpeakerId { get; set; }
    public Guid? PersonId { get; set; }
    public string Name { get; set; } = "";
    public string? Affiliation { get; set; }
}

/// <summary>One item of a published version, self-contained: later edits of the proposal do not change it.</summary>
public sealed class PublishedSlot
{
    public Guid ProposalId { get; set; }
    public string Title { get; set; } = "";
    /// <summary>Markdown, as the proposal's page renders it.</summary>
    public string Abstract { get; set; } = "";
    public SubmissionKind Kind { get; set; }
    public List<string> Topics { get; set; } = [];
    public string Room { get; set; } = "";
    public DateTimeOffset StartUtc { get; set; }
    public DateTimeOffset EndUtc { get; set; }
    public List<PublishedSpeaker> Speakers { get; set; } = [];
}

/// <summary>One line of a version's changelog against the version before it.</summary>
public sealed class TimetableChange
{
    public Guid ProposalId { get; set; }
    public string Title { get; set; } = "";
    public TimetableChangeKind Kind { get; set; }
    public string? FromRoom { get; set; }
    public DateTimeOffset? FromStartUtc { get; set; }
    public string? ToRoom { get; set; }
    public DateTimeOffset? ToStartUtc { get; set; }
}

/// <summary>
/// A published version of a track's timetable: immutable once written (the public pages and exports are cached per
/// version), numbered 1, 2, … per track, with its changelog against the previous version.
/// </summary>
public class PublishedTimetable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TrackId { get; set; }
    public int Number { get; set; }
    public DateTimeOffset PublishedUtc { get; set; }
    public Guid PublishedById { get; set; }
    /// <summary>Rooms in the grid's order, as published (the schedule's columns).</summary>
    public List<GridRoom> Rooms { get; set; } = [];
    public List<GridBreak> Breaks { get; set; } = [];
    public List<PublishedSlot> Slots { get; set; } = [];
    public List<TimetableChange> Changes { get; set; } = [];
}
