using ReviewPortal.Application.Features.Timetabling;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Scheduling;

namespace ReviewPortal.UnitTests.TimetableEditor;

/// <summary>The hard-rule checker on crafted working copies: each rule alone, and what it leaves alone.</summary>
public sealed class TimetableRulesTests
{
    private static readonly Conference Lpc = new() { Name = "LPC", TimeZoneId = "America/New_York", StartDate = new(2023, 11, 13), EndDate = new(2023, 11, 15) };
    private static readonly DateOnly Day = new(2023, 11, 13);

    private static readonly Timetable Grid = new()
    {
        Rooms = [new GridRoom { Name = "Main", Capacity = 100 }],
        Blocks = [new GridBlock { Day = Day, Start = new(9, 30), End = new(11, 0), Rooms = ["Main"] }],
    };

    private static DateTimeOffset At(int hour, int minute = 0) => Lpc.FromLocal(Day.ToDateTime(new TimeOnly(hour, minute)));

    private static RuleItem Talk(string title, DateTimeOffset? start, int minutes = 30, bool pinned = false, Guid? speaker = null, string room = "Main",
        bool onProgramme = true, params (DateTimeOffset, DateTimeOffset)[] unavailable) =>
        new(Guid.NewGuid(), title, onProgramme, start is { } s ? new RulePlacement(room, s, s.AddMinutes(minutes), pinned) : null,
            [new RuleSpeaker(speaker ?? Guid.NewGuid(), "Speaker of " + title)], unavailable);

    private static IReadOnlyList<TimetableRule> Rules(params RuleItem[] items) =>
        [.. TimetableRules.Check(Lpc, 30, Grid, items, []).Select(w => w.Rule)];

    [Fact]
    public void Talks_on_the_slots_of_a_block_break_no_rule() =>
        Assert.Empty(Rules(Talk("A", At(9, 30)), Talk("B", At(10)), Talk("C", At(10, 30))));

    [Fact]
    public void A_pinned_opening_before_the_first_block_is_exempt_from_the_block_rule_only()
    {
        Assert.Empty(Rules(Talk("Opening", At(9, 25), minutes: 5, pinned: true)));
        Assert.Equal([TimetableRule.OutsideBlock], Rules(Talk("Opening", At(9, 25), minutes: 5)));
        Assert.Equal([TimetableRule.UnknownRoom], Rules(Talk("Opening", At(9, 25), minutes: 5, pinned: true, room: "Hall")));
    }

    [Fact]
    public void Off_the_raster_and_crossing_the_blocks_end_are_named()
    {
        Assert.Equal([TimetableRule.OffRaster], Rules(Talk("A", At(9, 45))));
        var crossing = TimetableRules.Check(Lpc, 30, Grid, [Talk("Long", At(10, 30), minutes: 60)], []);
        Assert.Equal(TimetableRule.CrossesBlockEnd, Assert.Single(crossing).Rule);
        Assert.Contains("past the end of its block (Mon 13 Nov 2023, 11:00 UTC-05:00 (America/New_York))", crossing[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlap_in_a_room_and_a_double_booked_speaker_are_each_one_warning_naming_both_items()
    {
        var person = Guid.NewGuid();
        var warnings = TimetableRules.Check(Lpc, 30, Grid, [Talk("A", At(10), speaker: person), Talk("B", At(10), speaker: person)], []);
        Assert.Equal([TimetableRule.SpeakerDoubleBooked, TimetableRule.RoomOverlap], warnings.Select(w => w.Rule).Order());
        Assert.All(warnings, w => Assert.Equal(2, w.ProposalIds.Count));
        // Back to back is no overlap.
        Assert.Empty(Rules(Talk("A", At(10), speaker: person), Talk("B", At(10, 30), speaker: person)));
    }

    [Fact]
    public void A_speaker_in_another_track_at_the_same_time_is_double_booked()
    {
        var person = Guid.NewGuid();
        var other = new OtherTrackItem(Guid.NewGuid(), "Elsewhere", "Kernel track", At(10, 15), At(10, 45), [new RuleSpeaker(person, "Pat")]);
        var warning = Assert.Single(TimetableRules.Check(Lpc, 30, Grid, [Talk("Here", At(10), speaker: person)], [other]));
        Assert.Equal(TimetableRule.SpeakerDoubleBooked, warning.Rule);
        Assert.Contains("in the Kernel track, \"Elsewhere\"", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unavailable_speakers_unplaced_items_and_items_no_longer_on_the_programme_are_named()
    {
        Assert.Equal([TimetableRule.SpeakerUnavailable], Rules(Talk("A", At(10), unavailable: (At(10, 15), At(12)))));
        Assert.Empty(Rules(Talk("A", At(10), unavailable: (At(10, 30), At(12)))));
        Assert.Equal([TimetableRule.NotPlaced], Rules(Talk("A", null)));
        Assert.Empty(Rules(Talk("Declined, not placed", null, onProgramme: false)));
        Assert.Equal([TimetableRule.NoLongerOnProgramme], Rules(Talk("Declined", At(10), onProgramme: false)));
    }
}
