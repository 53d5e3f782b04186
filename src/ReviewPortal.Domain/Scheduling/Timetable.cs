namespace ReviewPortal.Domain.Scheduling;

/// <summary>A room of a track's grid.</summary>
public sealed class GridRoom
{
    public string Name { get; set; } = "";
    public int Capacity { get; set; }
}

/// <summary>
/// A stretch of wall-clock time on one conference day (the conference's zone) in which talks of the track may be
/// placed, in the rooms named. Talks start on the slot raster from <see cref="Start"/>.
/// </summary>
public sealed class GridBlock
{
    public DateOnly Day { get; set; }
    public TimeOnly Start { get; set; }
    public TimeOnly End { get; set; }
    public List<string> Rooms { get; set; } = [];
}

/// <summary>A break shown on the schedule (coffee, lunch); nothing is placed in it.</summary>
public sealed class GridBreak
{
    public DateOnly Day { get; set; }
    public TimeOnly Start { get; set; }
    public TimeOnly End { get; set; }
    public string Title { get; set; } = "";
}

/// <summary>
/// A track's timetable: its grid (rooms, blocks, breaks, wall-clock in the conference's zone) and the working copy
/// of its slots (<see cref="TimetableSlot"/> rows). <see cref="Version"/> counts every change of either, so an editor
/// holding an older version gets 409 instead of overwriting a colleague's move.
/// Published versions are separate and immutable (<see cref="PublishedTimetable"/>).
/// </summary>
public class Timetable
{
    public const int MaxRooms = 50;
    public const int MaxBlocks = 500;
    public const int MaxBreaks = 200;
    public const int MaxRoomNameLength = 100;
    public const int MaxBreakTitleLength = 100;

    public Guid TrackId { get; set; }
    public List<GridRoom> Rooms { get; set; } = [];
    public List<GridBlock> Blocks { get; set; } = [];
    public List<GridBreak> Breaks { get; set; } = [];
    /// <summary>The working copy's version: 1 when created, one more at every change of the grid or a slot.</summary>
    public int Version { get; set; } = 1;
    /// <summary>The number of the latest published version; null until the first publish.</summary>
    public int? PublishedVersion { get; set; }
    public DateTimeOffset UpdatedUtc { get; set; }
    public Guid? UpdatedById { get; set; }

    /// <summary>Records a change of the working copy (grid or slots) by <paramref name="personId"/>.</summary>
    public void Touch(DateTimeOffset nowUtc, Guid? personId)
    {
        Version++;
        UpdatedUtc = nowUtc;
        UpdatedById = personId;
    }
}

/// <summary>
/// Where one talk (or organisers' item) of the working copy is: a room of the grid and a time (UTC). Pinned items are
/// kept where they are by the solver.
/// </summary>
public class TimetableSlot
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TrackId { get; set; }
    public Guid SubmissionId { get; set; }
    public string Room { get; set; } = "";
    public DateTimeOffset StartUtc { get; set; }
    public DateTimeOffset EndUtc { get; set; }
    public bool Pinned { get; set; }
}
