using ReviewPortal.Planning.Timetabling;
using static ReviewPortal.UnitTests.Timetabling.Crafted;

namespace ReviewPortal.UnitTests.Timetabling;

/// <summary>When no timetable exists the chair reads why, in terms of talks, speakers and blocks.</summary>
public sealed class TimetableExplanationTests
{
    private static TimetableSolution Infeasible(TimetableProblem problem)
    {
        var solution = TimetableSolver.Solve(problem, Generous);
        Assert.Equal(TimetableOutcome.Infeasible, solution.Outcome);
        Assert.Empty(solution.Placements);
        return solution;
    }

    [Fact]
    public void More_talks_than_slots_is_told_as_the_two_counts()
    {
        var problem = new TimetableProblem
        {
            SlotMinutes = 30, Rooms = Rooms(1), Blocks = [Block(0, 60), Block(120, 180)],
            Talks = [.. Enumerable.Range(1, 5).Select(i => Talk($"T{i}"))],
        };

        var why = Assert.Single(Infeasible(problem).Explanation);

        Assert.Contains("5 talks need 5 slots of 30 minutes; the grid has 4", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_talks_that_fit_no_block_as_a_whole_are_counted_by_length()
    {
        // Six slots for six slots' worth of talks, but three blocks of... two blocks of three slots hold one hour each.
        var problem = new TimetableProblem
        {
            SlotMinutes = 30, Rooms = Rooms(1), Blocks = [Block(0, 90), Block(120, 210)],
            Talks = [.. Enumerable.Range(1, 3).Select(i => new TalkSpec(Id($"L{i}"), $"L{i}", 60, [], []))],
        };

        var why = Assert.Single(Infeasible(problem).Explanation);

        Assert.Contains("3 talks of 60 minutes or more need 2 consecutive slots in one block; the blocks hold only 2 such", why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_talk_whose_speaker_is_busy_in_every_block_is_named_with_the_speaker_and_the_reason()
    {
        var bob = Speaker("Bob Busy", new BusyInterval(0, 200, "unavailable Tue 09:00–18:30"));
        var problem = new TimetableProblem
        {
            SlotMinutes = 30, Rooms = Rooms(2), Blocks = [Block(0, 60, 0, 1), Block(120, 180, 0, 1)], Speakers = [bob],
            Talks = [Talk("Bob's talk", bob.Id), Talk("Other")],
        };

        var why = Assert.Single(Infeasible(problem).Explanation);

        Assert.Equal("\"Bob's talk\" fits in no block at a time all its speakers can make (Bob Busy: unavailable Tue 09:00–18:30).", why);
    }

    [Fact]
    public void A_speaker_with_more_talks_than_free_slots_is_named()
    {
        // Three rooms in one two-slot block: plenty of room, but Carol can give only two talks at once... in two times.
        var carol = Speaker("Carol");
        var problem = new TimetableProblem
        {
            SlotMinutes = 30, Rooms = Rooms(3), Blocks = [Block(0, 60, 0, 1, 2)], Speakers = [carol],
            Talks = [Talk("C1", carol.Id), Talk("C2", carol.Id), Talk("C3", carol.Id)],
        };

        var why = Assert.Single(Infeasible(problem).Explanation);

        Assert.Equal("Carol has 3 talks (90 minutes) but is free in only 2 slots of the grid.", why);
    }

    [Fact]
    public void Two_items_pinned_in_one_room_at_once_are_named()
    {
        var problem = new TimetableProblem
        {
            SlotMinutes = 30, Rooms = Rooms(1), Blocks = [Block(0, 60)],
            Talks = [new TalkSpec(Id("P1"), "P1", 30, [], [], Pinned: new Placement(0, 0)), new TalkSpec(Id("P2"), "P2", 30, [], [], Pinned: new Placement(0, 15))],
        };

        var why = Assert.Single(Infeasible(problem).Explanation);

        Assert.Equal("\"P1\" and \"P2\" are both pinned in Room 1 at the same time.", why);
    }

    [Fact]
    public void Talks_confined_to_some_blocks_by_their_speakers_times_are_counted_against_those_blocks()
    {
        // Two blocks of two slots, four talks: 4 ≤ 4, everyone has a place, nobody speaks twice. But the speakers of
        // A, B and C are all away in the afternoon block, so three talks compete for two morning slots.
        BusyInterval[] away = [new BusyInterval(100, 160, "unavailable in the afternoon")];
        var speakers = new[] { Speaker("Sa", away), Speaker("Sb", away), Speaker("Sc", away) };
        var problem = new TimetableProblem
        {
            SlotMinutes = 30, Rooms = Rooms(1), Blocks = [new BlockSpec(0, 60, [0], "Mon 09:00–10:00"), new BlockSpec(100, 160, [0], "Mon 14:00–15:00")],
            Speakers = speakers,
            Talks = [Talk("Alpha", speakers[0].Id), Talk("Beta", speakers[1].Id), Talk("Gamma", speakers[2].Id), Talk("Delta")],
        };

        var why = Assert.Single(Infeasible(problem).Explanation);

        Assert.Equal("3 talks can only go in Mon 09:00–10:00 (the times their speakers can make): \"Alpha\", \"Beta\", \"Gamma\"; they need 3 slots and those blocks have 2.", why);
    }

    [Fact]
    public void A_conflict_no_count_sees_is_explained_from_the_models_assumptions_naming_only_the_talks_and_speakers_involved()
    {
        // Two rooms, two slots: room for four talks. X (Ann, Bob), Y (Ann, Cid), Z (Bob, Cid) pairwise share a speaker,
        // so they need three different times; every count passes (each speaker has two talks and two free slots).
        var ann = Speaker("Ann");
        var bob = Speaker("Bob");
        var cid = Speaker("Cid");
        var problem = new TimetableProblem
        {
            SlotMinutes = 30, Rooms = Rooms(2), Blocks = [new BlockSpec(0, 60, [0, 1], "Mon 09:00–10:00")], Speakers = [ann, bob, cid],
            Talks = [Talk("X", ann.Id, bob.Id), Talk("Y", ann.Id, cid.Id), Talk("Z", bob.Id, cid.Id), Talk("Free")],
        };

        var why = string.Join(" ", Infeasible(problem).Explanation);

        Assert.Contains("These 3 talks cannot all be placed: \"X\", \"Y\", \"Z\".", why, StringComparison.Ordinal);
        Assert.Contains("Ann, Bob, Cid cannot be in two places at once", why, StringComparison.Ordinal);
        Assert.DoesNotContain("Free", why, StringComparison.Ordinal);
    }
}
