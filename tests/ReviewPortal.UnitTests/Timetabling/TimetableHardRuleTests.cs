using ReviewPortal.Planning.Timetabling;
using static ReviewPortal.UnitTests.Timetabling.Crafted;

namespace ReviewPortal.UnitTests.Timetabling;

public sealed class TimetableHardRuleTests
{
    [Fact]
    public void Every_talk_is_placed_once_inside_a_block_on_the_raster_counted_from_the_blocks_start()
    {
        // The block starts at an odd minute: starts must be 545, 575, 605, 635, not multiples of 30.
        var talks = new[] { Talk("A"), Talk("B"), Talk("C"), Talk("D") };
        var problem = new TimetableProblem { SlotMinutes = 30, Rooms = Rooms(1), Blocks = [Block(545, 665)], Talks = talks };

        var solution = SolveChecked(problem);

        Assert.Equal([545, 575, 605, 635], solution.Placements.Select(p => p.Start).Order());
    }

    [Fact]
    public void A_talk_of_two_slots_stays_inside_one_block_even_when_the_next_block_follows_directly()
    {
        // Blocks 0–90 and 90–180 in one room. The long talk's speaker is busy 0–30 and 120–180, so the only places are
        // 30–90 (inside the first block) and 60–120 (across the boundary, forbidden).
        var speaker = Speaker("Long speaker", new BusyInterval(0, 30, "unavailable early"), new BusyInterval(120, 180, "unavailable late"));
        var longTalk = new TalkSpec(Id("Long"), "Long", 60, [speaker.Id], []);
        var problem = new TimetableProblem
        {
            SlotMinutes = 30, Rooms = Rooms(1), Blocks = [Block(0, 90), Block(90, 180)], Speakers = [speaker],
            Talks = [longTalk, Talk("S1"), Talk("S2"), Talk("S3")],
        };

        var solution = SolveChecked(problem);

        Assert.Equal(30, At(solution, longTalk).Start);
    }

    [Fact]
    public void A_pinned_item_partly_outside_every_block_still_blocks_its_room()
    {
        // Like the LPC opening at 09:25–09:30 before the 09:30 block, but overlapping the first slot here.
        var opening = new TalkSpec(Id("Opening"), "Opening", 40, [], [], Pinned: new Placement(0, -10));
        var talks = new[] { Talk("A"), Talk("B"), Talk("C") };
        var problem = new TimetableProblem { SlotMinutes = 30, Rooms = Rooms(1), Blocks = [Block(0, 120)], Talks = [opening, .. talks] };

        var solution = SolveChecked(problem);

        Assert.DoesNotContain(talks, t => At(solution, t).Start == 0);
        Assert.Equal(new PlacedTalk(opening.Id, 0, -10), At(solution, opening));
    }

    [Fact]
    public void A_talk_is_never_placed_when_one_of_its_speakers_is_busy()
    {
        var busy = Speaker("Busy", new BusyInterval(0, 60, "unavailable Mon 09:00–10:00"));
        var talk = Talk("Busy talk", busy.Id);
        var problem = new TimetableProblem
        {
            SlotMinutes = 30, Rooms = Rooms(2), Blocks = [Block(0, 120, 0, 1)], Speakers = [busy],
            Talks = [talk, Talk("X"), Talk("Y"), Talk("Z")],
        };

        var solution = SolveChecked(problem);

        Assert.True(At(solution, talk).Start >= 60);
    }

    [Fact]
    public void A_speaker_is_never_in_two_places_at_once_pinned_items_included()
    {
        // Two rooms, two slots. Ann speaks in the pinned keynote at 0 (room 2) and in two more talks: they must take
        // slot 30 and ... there is only one more slot, so one of them goes to a third slot at 60.
        var ann = Speaker("Ann");
        var keynote = new TalkSpec(Id("Keynote"), "Keynote", 30, [ann.Id], [], Pinned: new Placement(1, 0));
        var first = Talk("Ann 1", ann.Id);
        var second = Talk("Ann 2", ann.Id);
        var problem = new TimetableProblem
        {
            SlotMinutes = 30, Rooms = Rooms(2), Blocks = [Block(0, 90, 0, 1)], Speakers = [ann],
            Talks = [keynote, first, second, Talk("Other")],
        };

        var solution = SolveChecked(problem);

        Assert.Equal([30, 60], new[] { At(solution, first).Start, At(solution, second).Start }.Order());
    }

    [Fact]
    public void Pinned_items_stay_exactly_where_the_chair_put_them()
    {
        var pinned = new TalkSpec(Id("Pinned"), "Pinned", 30, [], [], Pinned: new Placement(1, 60));
        var problem = new TimetableProblem
        {
            SlotMinutes = 30, Rooms = Rooms(2), Blocks = [Block(0, 90, 0, 1)],
            Talks = [pinned, Talk("A"), Talk("B"), Talk("C"), Talk("D"), Talk("E")],
        };

        var solution = SolveChecked(problem);

        Assert.Equal(new PlacedTalk(pinned.Id, 1, 60), At(solution, pinned));
        Assert.Equal(6, solution.Placements.Count);
    }
}
