using System.Globalization;
using FluentValidation.Results;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Scheduling;

namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>A room as the API and the grid page send it; <see cref="Capacity"/> is the number of seats.</summary>
public sealed record GridRoomInput(string? Name, int? Capacity);

/// <summary>A block as sent: <see cref="Day"/> "2023-11-13", times "09:30", wall clock in the conference's zone.</summary>
public sealed record GridBlockInput(string? Day, string? Start, string? End, IReadOnlyList<string>? Rooms);

public sealed record GridBreakInput(string? Day, string? Start, string? End, string? Title);

public sealed record GridRoomView(string Name, int Capacity);

public sealed record GridBlockView(string Day, string Start, string End, IReadOnlyList<string> Rooms, int Slots);

public sealed record GridBreakView(string Day, string Start, string End, string Title);

/// <summary>
/// A track's grid as the API returns it (the same shape the PUT takes, plus what follows from it).
/// <see cref="Slots"/>: talk slots of <see cref="SlotMinutes"/> over blocks × rooms; <see cref="PinnedSlots"/>: those
/// taken by pinned items (the opening); <see cref="SlotsOutsideGrid"/>: working-copy slots no longer in a block of
/// their room (the grid changed under them). <see cref="Exists"/> is false before the first save (an empty grid).
/// </summary>
public sealed record TimetableGridView(
    Guid TrackId,
    bool Exists,
    string TimeZoneId,
    string FirstDay,
    string LastDay,
    int SlotMinutes,
    int Version,
    int? PublishedVersion,
    IReadOnlyList<GridRoomView> Rooms,
    IReadOnlyList<GridBlockView> Blocks,
    IReadOnlyList<GridBreakView> Breaks,
    int Slots,
    int PinnedSlots,
    int PlacedSlots,
    int SlotsOutsideGrid);

/// <summary>
/// The grid's one set of rules: parsing and checking what a chair sends (field-named messages), counting its slots,
/// and finding working-copy slots outside it. Pure: the conference and the track's slot length are passed in.
/// </summary>
public static class TimetableGrids
{
    public const string DayFormat = "yyyy-MM-dd";
    public const string TimeFormat = "HH:mm";
    private static readonly string[] TimeFormats = ["HH:mm", "HH:mm:ss", "H:mm"];

    /// <summary>
    /// Checks the grid and returns its failures (empty: valid) and, when valid, the domain's grid. Without
    /// <paramref name="conference"/> only what needs no track is checked (the validator's part); the handler checks all.
    /// </summary>
    public static List<ValidationFailure> Check(
        IReadOnlyList<GridRoomInput> rooms, IReadOnlyList<GridBlockInput> blocks, IReadOnlyList<GridBreakInput> breaks,
        Conference? conference, int slotMinutes,
        out (List<GridRoom> Rooms, List<GridBlock> Blocks, List<GridBreak> Breaks) grid)
    {
        var failures = new List<ValidationFailure>();
        void Fail(string field, string message) => failures.Add(new ValidationFailure(field, message));
        grid = ([], [], []);

        if (rooms.Count > Timetable.MaxRooms)
            Fail("Rooms", $"A grid has at most {Timetable.MaxRooms} rooms.");
        if (blocks.Count > Timetable.MaxBlocks)
            Fail("Blocks", $"A grid has at most {Timetable.MaxBlocks} blocks.");
        if (breaks.Count > Timetable.MaxBreaks)
            Fail("Breaks", $"A grid has at most {Timetable.MaxBreaks} breaks.");
        if (failures.Count > 0)
            return failures;

        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < rooms.Count; i++)
        {
            var field = $"Rooms[{i}]";
            var name = rooms[i].Name?.Trim() ?? "";
            if (name.Length == 0)
                Fail($"{field}.Name", "Give the room a name.");
            else if (name.Length > Timetable.MaxRoomNameLength)
                Fail($"{field}.Name", $"A room's name has at most {Timetable.MaxRoomNameLength} characters.");
            else if (!names.TryAdd(name, name))
                Fail($"{field}.Name", $"There is already a room called \"{names[name]}\" (names are compared without case and spaces around them).");
            if (rooms[i].Capacity is not { } capacity)
                Fail($"{field}.Capacity", "Give the room's capacity (seats), at least 1.");
            else if (capacity is < 1 or > 1_000_000)
                Fail($"{field}.Capacity", "A room's capacity is a number of seats from 1 to 1,000,000.");
            else if (name.Length is > 0 and <= Timetable.MaxRoomNameLength)
                grid.Rooms.Add(new GridRoom { Name = name, Capacity = capacity });
        }

        var parsedBlocks = new List<(int Index, DateOnly Day, TimeOnly Start, TimeOnly End, List<string> Rooms)>();
        for (var i = 0; i < blocks.Count; i++)
        {
            var field = $"Blocks[{i}]";
            var b = blocks[i];
            var ok = TryTimes(b.Day, b.Start, b.End, field, "block", conference, slotMinutes, Fail, out var day, out var start, out var end);
            var blockRooms = new List<string>();
            if (b.Rooms is null || b.Rooms.Count == 0)
            {
                Fail($"{field}.Rooms", "Choose at least one room for the block.");
                ok = false;
            }
            else
            {
                foreach (var raw in b.Rooms)
                {
                    var room = raw?.Trim() ?? "";
                    if (!names.TryGetValue(room, out var canonical))
                    {
                        Fail($"{field}.Rooms", room.Length == 0 ? "A block's room needs a name." : $"The block names a room \"{Shorten(room)}\" that the grid does not have; add the room first.");
                        ok = false;
                    }
                    else if (blockRooms.Contains(canonical, StringComparer.Ordinal))
                    {
                        Fail($"{field}.Rooms", $"The block names the room \"{canonical}\" twice.");
                        ok = false;
                    }
                    else
                        blockRooms.Add(canonical);
                }
            }

            if (ok)
                parsedBlocks.Add((i, day, start, end, blockRooms));
        }

        // No room may have two blocks at once: a talk would have two places to be.
        foreach (var group in parsedBlocks.SelectMany(b => b.Rooms.Select(r => (Room: r, Block: b))).GroupBy(x => (x.Room, x.Block.Day)))
        {
            var ordered = group.OrderBy(x => x.Block.Start).ToList();
            for (var k = 1; k < ordered.Count; k++)
            {
                var (before, after) = (ordered[k - 1].Block, ordered[k].Block);
                if (after.Start < before.End)
                    Fail($"Blocks[{after.Index}].Start",
                        $"This block overlaps another block of the room \"{group.Key.Room}\" on {Day(group.Key.Day)} ({Time(before.Start)}–{Time(before.End)}); blocks of one room must not overlap.");
            }
        }

        for (var i = 0; i < breaks.Count; i++)
        {
            var field = $"Breaks[{i}]";
            var b = breaks[i];
            var ok = TryTimes(b.Day, b.Start, b.End, field, "break", conference, 0, Fail, out var day, out var start, out var end);
            var title = b.Title?.Trim() ?? "";
            if (title.Length == 0)
            {
                Fail($"{field}.Title", "Give the break a title, such as Coffee or Lunch.");
                ok = false;
            }
            else if (title.Length > Timetable.MaxBreakTitleLength)
            {
                Fail($"{field}.Title", $"A break's title has at most {Timetable.MaxBreakTitleLength} characters.");
                ok = false;
            }

            if (ok)
                grid.Breaks.Add(new GridBreak { Day = day, Start = start, End = end, Title = title });
        }

        grid.Blocks.AddRange(parsedBlocks.OrderBy(b => b.Day).ThenBy(b => b.Start).ThenBy(b => b.Index)
            .Select(b => new GridBlock { Day = b.Day, Start = b.Start, End = b.End, Rooms = b.Rooms }));
        grid.Breaks.Sort((x, y) => (x.Day, x.Start).CompareTo((y.Day, y.Start)));
        return failures;
    }

    private static bool TryTimes(string? dayText, string? startText, string? endText, string field, string what, Conference? conference,
        int slotMinutes, Action<string, string> fail, out DateOnly day, out TimeOnly start, out TimeOnly end)
    {
        var ok = true;
        start = end = default;
        if (!DateOnly.TryParseExact(dayText?.Trim(), DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            fail($"{field}.Day", $"Give the {what}'s day as a date such as 2023-11-13.");
            ok = false;
        }
        else if (conference is not null && (day < conference.StartDate || day > conference.EndDate))
        {
            fail($"{field}.Day", $"{Day(day)} is not a day of the conference ({Day(conference.StartDate)} to {Day(conference.EndDate)}).");
            ok = false;
        }

        if (!TimeOnly.TryParseExact(startText?.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
        {
            fail($"{field}.Start", $"Give the {what}'s start as a time such as 09:30.");
            ok = false;
        }

        if (!TimeOnly.TryParseExact(endText?.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out end))
        {
            fail($"{field}.End", $"Give the {what}'s end as a time such as 11:00.");
            ok = false;
        }

        if (!ok)
            return false;
        if (start >= end)
        {
            fail($"{field}.End", $"The {what} must end after it starts ({Time(start)}).");
            return false;
        }

        if (conference is null)
            return true;
        foreach (var (part, time) in new[] { ("Start", start), ("End", end) })
        {
            if (conference.ExplainUnclearLocalTime(day.ToDateTime(time)) is { } unclear)
            {
                fail($"{field}.{part}", unclear);
                ok = false;
            }
        }

        if (ok && slotMinutes > 0 && Minutes(conference, day, start, end) < slotMinutes)
        {
            fail($"{field}.End", $"A block must be at least one slot long ({slotMinutes} minutes); this one is {Minutes(conference, day, start, end)}.");
            ok = false;
        }

        return ok;
    }

    /// <summary>Real minutes between two wall-clock times of one day (a DST change inside the block counts).</summary>
    private static int Minutes(Conference conference, DateOnly day, TimeOnly start, TimeOnly end) =>
        (int)(conference.FromLocal(day.ToDateTime(end)) - conference.FromLocal(day.ToDateTime(start))).TotalMinutes;

    public static DateTimeOffset StartUtc(Conference conference, GridBlock block) => conference.FromLocal(block.Day.ToDateTime(block.Start));

    public static DateTimeOffset EndUtc(Conference conference, GridBlock block) => conference.FromLocal(block.Day.ToDateTime(block.End));

    /// <summary>Talk slots of one slot length in a block (per room): a remainder shorter than a slot holds no talk.</summary>
    public static int SlotsPerRoom(Conference conference, GridBlock block, int slotMinutes) =>
        slotMinutes <= 0 ? 0 : (int)((EndUtc(conference, block) - StartUtc(conference, block)).TotalMinutes / slotMinutes);

    /// <summary>Talk slots of the grid: Σ over blocks of (slots per room × rooms).</summary>
    public static int SlotCount(Conference conference, IEnumerable<GridBlock> blocks, int slotMinutes) =>
        blocks.Sum(b => SlotsPerRoom(conference, b, slotMinutes) * b.Rooms.Count);

    /// <summary>
    /// Slot cells (one slot long, on a block's raster) that the pinned items cover: pinned items outside every block
    /// (the opening before the first talk) take none.
    /// </summary>
    public static int PinnedSlotCount(Conference conference, IEnumerable<GridBlock> blocks, int slotMinutes, IEnumerable<TimetableSlot> slots)
    {
        var pinned = slots.Where(s => s.Pinned).ToList();
        if (pinned.Count == 0 || slotMinutes <= 0)
            return 0;
        var taken = 0;
        foreach (var block in blocks)
        {
            var start = StartUtc(conference, block);
            for (var k = 0; k < SlotsPerRoom(conference, block, slotMinutes); k++)
            {
                var cellStart = start.AddMinutes(k * slotMinutes);
                var cellEnd = cellStart.AddMinutes(slotMinutes);
                taken += block.Rooms.Count(room => pinned.Any(p =>
                    string.Equals(p.Room, room, StringComparison.Ordinal) && p.StartUtc < cellEnd && p.EndUtc > cellStart));
            }
        }

        return taken;
    }

    /// <summary>
    /// Working-copy slots the grid no longer holds: in a room the grid lacks, or (not pinned) outside every block of
    /// their room. Pinned items may sit outside the blocks (the chair put them there).
    /// </summary>
    public static int OutsideCount(Conference conference, IReadOnlyList<GridRoom> rooms, IReadOnlyList<GridBlock> blocks, IEnumerable<TimetableSlot> slots)
    {
        var roomNames = rooms.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var spans = blocks.Select(b => (b.Rooms, Start: StartUtc(conference, b), End: EndUtc(conference, b))).ToList();
        return slots.Count(s => !roomNames.Contains(s.Room)
            || (!s.Pinned && !spans.Any(b => b.Rooms.Contains(s.Room, StringComparer.Ordinal) && s.StartUtc >= b.Start && s.EndUtc <= b.End)));
    }

    public static TimetableGridView View(Track track, Timetable? timetable, IReadOnlyList<TimetableSlot> slots)
    {
        var conference = track.Conference;
        var rooms = timetable?.Rooms ?? [];
        var blocks = timetable?.Blocks ?? [];
        var breaks = timetable?.Breaks ?? [];
        return new TimetableGridView(
            track.Id,
            timetable is not null,
            conference.TimeZoneId,
            Day(conference.StartDate),
            Day(conference.EndDate),
            track.SlotMinutes,
            timetable?.Version ?? 0,
            timetable?.PublishedVersion,
            rooms.Select(r => new GridRoomView(r.Name, r.Capacity)).ToList(),
            blocks.Select(b => new GridBlockView(Day(b.Day), Time(b.Start), Time(b.End), [.. b.Rooms], SlotsPerRoom(conference, b, track.SlotMinutes))).ToList(),
            breaks.Select(b => new GridBreakView(Day(b.Day), Time(b.Start), Time(b.End), b.Title)).ToList(),
            SlotCount(conference, blocks, track.SlotMinutes),
            PinnedSlotCount(conference, blocks, track.SlotMinutes, slots),
            slots.Count,
            OutsideCount(conference, rooms, blocks, slots));
    }

    public static string Day(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);

    public static string Time(TimeOnly time) => time.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
