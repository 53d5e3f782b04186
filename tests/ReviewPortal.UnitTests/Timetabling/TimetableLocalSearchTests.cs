using ReviewPortal.Planning.Timetabling;
using static ReviewPortal.UnitTests.Timetabling.Crafted;

namespace ReviewPortal.UnitTests.Timetabling;

/// <summary>
/// The local search between the quick placement and CP-SAT (ADR 0032): it must never break a rule, its cost must be the
/// model's objective (the chair sees that figure), and the same problem must give the same timetable.
/// </summary>
public sealed class TimetableLocalSearchTests
{
    [Fact]
    public void On_216_talks_the_local_search_lowers_the_quick_placements_penalty_keeps_every_rule_and_reports_the_true_penalty()
    {
        var problem = SyntheticTimetable.Build();
        var c = new TimetableCandidates(problem);
        var greedy = TimetableGreedy.Place(c);
        var search = new TimetableLocalSearch(c, greedy);
        var greedyCost = search.Cost;

        var (best, cost, steps) = search.Anneal(300_000, TimeSpan.FromMinutes(5), seed: 1, TestContext.Current.CancellationToken);

        Assert.Equal(300_000, steps);
        Assert.True(cost < greedyCost * 0.9, $"local search {cost} against the quick placement's {greedyCost}");
        var placements = Placements(c, best);
        Assert.Empty(TimetableChecks.Violations(problem, placements));
        Assert.Equal(TimetableChecks.SoftPenalty(problem, placements), cost / (double)TimetableModel.Scale, 6);
        Assert.Equal(cost, HintedObjective(c, best));
    }

    [Fact]
    public void The_same_problem_and_seed_give_the_same_timetable()
    {
        var problem = SyntheticTimetable.Build(talks: 60, rooms: 6);
        var c = new TimetableCandidates(problem);
        var greedy = TimetableGreedy.Place(c);

        var first = new TimetableLocalSearch(c, greedy).Anneal(100_000, TimeSpan.FromMinutes(5), seed: 7, TestContext.Current.CancellationToken);
        var second = new TimetableLocalSearch(c, greedy).Anneal(100_000, TimeSpan.FromMinutes(5), seed: 7, TestContext.Current.CancellationToken);

        Assert.Equal(first.Cost, second.Cost);
        Assert.Equal(first.Best, second.Best);
    }

    [Fact]
    public void Hour_long_talks_pinned_items_and_shared_speakers_stay_within_the_rules_and_the_cost_is_the_models()
    {
        // Three rooms, two blocks; a keynote pinned in room 1; talks of 30 and 60 minutes; speakers shared between talks
        // (one of them busy in the second block), topics shared, popularity spread: every kind of move and every term.
        var ana = Speaker("Ana");
        var ben = Speaker("Ben", new BusyInterval(240, 360, "away in the afternoon"));
        var cy = Speaker("Cy");
        var topics = new[] { "ebpf", "tcp", "xdp" };
        var talks = new List<TalkSpec> { new(Id("Keynote"), "Keynote", 60, [cy.Id], ["ebpf"], 1, Pinned: new Placement(0, 0)) };
        for (var i = 0; i < 14; i++)
        {
            var speakers = (i % 4) switch { 0 => new[] { ana.Id }, 1 => [ben.Id], 2 => [ana.Id, cy.Id], _ => [] };
            talks.Add(new TalkSpec(Id($"T{i}"), $"T{i}", i % 3 == 0 ? 60 : 30, speakers, [topics[i % 3]], Popularity: (i % 5) / 4.0));
        }

        var problem = new TimetableProblem
        {
            SlotMinutes = 30,
            Rooms = [new RoomSpec("Hall", 300), new RoomSpec("Middle", 150), new RoomSpec("Small", 50)],
            Blocks = [Block(0, 180, 0, 1, 2), Block(240, 360, 0, 1, 2)],
            Speakers = [ana, ben, cy],
            Talks = talks,
        };
        var c = new TimetableCandidates(problem);
        var greedy = TimetableGreedy.Place(c);
        Assert.All(c.Free, i => Assert.True(greedy[i] >= 0));

        var (best, cost, _) = new TimetableLocalSearch(c, greedy).Anneal(200_000, TimeSpan.FromMinutes(5), seed: 3, TestContext.Current.CancellationToken);

        var placements = Placements(c, best).Append(new PlacedTalk(Id("Keynote"), 0, 0)).ToList();
        Assert.Empty(TimetableChecks.Violations(problem, placements));
        Assert.Equal(cost, HintedObjective(c, best));
        var optimum = TimetableSolver.Solve(problem, Generous);
        Assert.Equal(TimetableOutcome.Optimal, optimum.Outcome);
        Assert.True(cost / (double)TimetableModel.Scale >= optimum.Objective, "no cost below the proven optimum");
    }

    private static List<PlacedTalk> Placements(TimetableCandidates c, int[] chosen) =>
        [.. c.Free.Select(i => new PlacedTalk(c.Talks[i].Id, c.ByTalk[i][chosen[i]].Room, c.ByTalk[i][chosen[i]].Start))];

    private static long? HintedObjective(TimetableCandidates c, int[] chosen)
    {
        var model = new TimetableModel(c, explain: false);
        model.Hint(chosen);
        return model.HintedObjective();
    }
}
