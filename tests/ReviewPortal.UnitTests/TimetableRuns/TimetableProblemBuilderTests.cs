using ReviewPortal.Application.Features.Timetabling;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Scheduling;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.UnitTests.TimetableRuns;

/// <summary>The pure part of the problem builder and the grid's counting: minutes, lengths, pins, previous placements, speakers, popularity.</summary>
public sealed class TimetableProblemBuilderTests
{
    private static readonly Conference Lpc = new()
    {
        Name = "LPC", Slug = "lpc", TimeZoneId = "America/New_York", StartDate = new DateOnly(2023, 11, 13), EndDate = new DateOnly(2023, 11, 15),
    };

    private static readonly Track Track = new() { Conference = Lpc, SlotMinutes = 30, ScoreMin = 1, ScoreMax = 5 };

    private static Timetable Grid() => new()
    {
        TrackId = Track.Id,
        Rooms = [new GridRoom { Name = "Main", Capacity = 200 }, new GridRoom { Name = "Side", Capacity = 20 }],
        Blocks = [new GridBlock { Day = new DateOnly(2023, 11, 13), Start = new TimeOnly(9, 30), End = new TimeOnly(11, 0), Rooms = ["Side", "Main"] }],
    };

    private static TimetableItemInput Item(string title, int minutes = 30, SubmissionKind kind = SubmissionKind.Talk, int eager = 0, int willing = 0,
        double? score = null, params TimetableSpeakerInput[] speakers) =>
        new(Guid.NewGuid(), title, kind, minutes, ["verifier"], speakers, [], eager, willing, score);

    [Fact]
    public void Blocks_are_unix_minutes_in_utc_of_the_wall_clock_in_the_conferences_zone_and_rooms_keep_the_grids_order()
    {
        var built = TimetableProblemBuilder.Build(new TimetableInputs(Track, Grid(), [Item("A")], [], null, []), minimalChange: false);
        var block = Assert.Single(built.Problem.Blocks);
        // 13 Nov 2023 09:30 in New York (EST, UTC−5) is 14:30 UTC.
        Assert.Equal(new DateTimeOffset(2023, 11, 13, 14, 30, 0, TimeSpan.Zero), BuiltTimetableProblem.Instant(block.Start));
        Assert.Equal(90, block.End - block.Start);
        Assert.Equal(["Main", "Side"], built.Problem.Rooms.Select(r => r.Name));
        Assert.Equal([1, 0], block.Rooms);
        Assert.Equal("Mon 13 Nov 09:30–11:00", block.Label);
    }

    [Fact]
    public void A_talk_is_rounded_up_to_whole_slots_and_an_organisers_item_keeps_its_minutes()
    {
        Assert.Equal(30, TimetableProblemBuilder.MinutesOf(Item("A", 25), 30));
        Assert.Equal(60, TimetableProblemBuilder.MinutesOf(Item("B", 45), 30));
        Assert.Equal(5, TimetableProblemBuilder.MinutesOf(Item("Opening", 5, SubmissionKind.Organisational), 30));
    }

    [Fact]
    public void Pinned_slots_stay_and_the_published_version_is_what_minimal_change_keeps_close_to()
    {
        var opening = Item("Opening", 5, SubmissionKind.Organisational);
        var talk = Item("Talk");
        var at = new DateTimeOffset(2023, 11, 13, 14, 25, 0, TimeSpan.Zero);
        var working = new List<TimetableSlot>
        {
            new() { SubmissionId = opening.Id, Room = "Main", StartUtc = at, EndUtc = at.AddMinutes(5), Pinned = true },
            new() { SubmissionId = talk.Id, Room = "Main", StartUtc = at.AddMinutes(5), EndUtc = at.AddMinutes(35) },
        };
        var published = new PublishedTimetable { Slots = [new PublishedSlot { ProposalId = talk.Id, Room = "Side", StartUtc = at.AddMinutes(35) }] };
        var built = TimetableProblemBuilder.Build(new TimetableInputs(Track, Grid(), [opening, talk], working, published, []), minimalChange: true);
        var o = built.Problem.Talks.Single(t => t.Id == opening.Id);
        Assert.Equal(BuiltTimetableProblem.Minutes(at), o.Pinned!.Start);
        var t = built.Problem.Talks.Single(x => x.Id == talk.Id);
        Assert.Null(t.Pinned);
        Assert.Equal(1, t.Previous!.Room);
        Assert.Equal(BuiltTimetableProblem.Minutes(at.AddMinutes(35)), t.Previous.Start);
        Assert.True(built.Problem.MinimalChange);
    }

    [Fact]
    public void A_person_is_one_speaker_across_talks_and_tracks_with_their_unavailability_and_other_talks_as_busy_times()
    {
        var person = Guid.NewGuid();
        var start = new DateTimeOffset(2023, 11, 13, 15, 0, 0, TimeSpan.Zero);
        var a = Item("A", speakers: new TimetableSpeakerInput(Guid.NewGuid(), person, "Pat")) with { Unavailable = [new UnavailableBlock(start, start.AddHours(1))] };
        var b = Item("B", speakers: new TimetableSpeakerInput(Guid.NewGuid(), person, "Pat"));
        var guestId = Guid.NewGuid();
        var c = Item("C", speakers: new TimetableSpeakerInput(guestId, null, "Guest"));
        var other = new OtherTrackTalk(person, "Kernel", "Elsewhere", start.AddHours(2), start.AddHours(2.5));
        var built = TimetableProblemBuilder.Build(new TimetableInputs(Track, Grid(), [a, b, c], [], null, [other]), minimalChange: false);
        Assert.Equal([person], built.Problem.Talks.Single(t => t.Id == b.Id).SpeakerIds);
        Assert.Equal([guestId], built.Problem.Talks.Single(t => t.Id == c.Id).SpeakerIds);
        var pat = built.Problem.Speakers.Single(s => s.Id == person);
        Assert.Equal(2, pat.Busy.Count);
        Assert.Contains(pat.Busy, x => x.Reason.StartsWith("speaking in Kernel at", StringComparison.Ordinal));
        Assert.Contains(pat.Busy, x => x.Reason.StartsWith("unavailable", StringComparison.Ordinal) && x.End - x.Start == 60);
    }

    [Fact]
    public void A_guest_speaker_without_an_account_is_one_person_across_talks_by_their_address_whatever_its_case()
    {
        var a = Item("A", speakers: new TimetableSpeakerInput(Guid.NewGuid(), null, "Guest", "Guest.Speaker@Example.org"));
        var b = Item("B", speakers: new TimetableSpeakerInput(Guid.NewGuid(), null, "Guest", " guest.speaker@example.org "));
        var c = Item("C", speakers: new TimetableSpeakerInput(Guid.NewGuid(), null, "Other guest", "other@example.org"));
        var built = TimetableProblemBuilder.Build(new TimetableInputs(Track, Grid(), [a, b, c], [], null, []), minimalChange: false);
        var ids = built.Problem.Talks.ToDictionary(t => t.Title, t => Assert.Single(t.SpeakerIds));
        Assert.Equal(ids["A"], ids["B"]);
        Assert.NotEqual(ids["A"], ids["C"]);
        Assert.Equal(2, built.Problem.Speakers.Count);
    }

    [Fact]
    public void Popularity_is_half_bids_half_calibrated_score_and_either_alone_when_the_other_is_missing()
    {
        Assert.Equal(0.5 * 1 + 0.5 * 0.5, TimetableProblemBuilder.Popularity(Item("A", eager: 2, score: 0.5), mostInterest: 4), 6);
        Assert.Equal(0.25, TimetableProblemBuilder.Popularity(Item("B", willing: 1), mostInterest: 4), 6);
        Assert.Equal(0.75, TimetableProblemBuilder.Popularity(Item("C", score: 0.75), mostInterest: 0), 6);
        Assert.Equal(0, TimetableProblemBuilder.Popularity(Item("D"), mostInterest: 0));
    }

    [Fact]
    public void The_grid_counts_slots_per_room_and_leaves_out_pinned_items_outside_every_block()
    {
        var grid = Grid();
        Assert.Equal(3 * 2, TimetableGrids.SlotCount(Lpc, grid.Blocks, 30));
        var before = new DateTimeOffset(2023, 11, 13, 14, 25, 0, TimeSpan.Zero);
        Assert.Equal(0, TimetableGrids.PinnedSlotCount(Lpc, grid.Blocks, 30, [new TimetableSlot { Room = "Main", StartUtc = before, EndUtc = before.AddMinutes(5), Pinned = true }]));
        Assert.Equal(1, TimetableGrids.PinnedSlotCount(Lpc, grid.Blocks, 30, [new TimetableSlot { Room = "Main", StartUtc = before.AddMinutes(5), EndUtc = before.AddMinutes(15), Pinned = true }]));
    }
}
