using ReviewPortal.Planning.Timetabling;

namespace ReviewPortal.UnitTests.Timetabling;

/// <summary>The real LPC 2023 eBPF &amp; Networking track: 38 talks and the pinned opening on its real grid.</summary>
public sealed class LpcTimetableTests
{
    private static readonly TimetableOptions Options = new() { TimeLimit = TimeSpan.FromSeconds(30), Workers = 2 };

    [Fact]
    public void The_instance_is_the_real_track_38_talks_the_opening_and_40_slots()
    {
        var problem = LpcTimetable.Build();

        Assert.Equal(39, problem.Talks.Count);
        Assert.Equal(12, problem.Blocks.Count);
        Assert.Equal(40, problem.Blocks.Sum(b => (b.End - b.Start) / 30));
        var opening = Assert.Single(problem.Talks, t => t.Pinned is not null);
        Assert.Equal(5, opening.Minutes);
        Assert.Equal(LpcTimetable.Minute(new DateTime(2023, 11, 13, 9, 25, 0)), opening.Pinned!.Start);
    }

    [Fact]
    public void The_solver_places_every_LPC_talk_with_no_hard_rule_broken()
    {
        var problem = LpcTimetable.Build();

        var solution = TimetableSolver.Solve(problem, Options);

        Assert.True(solution.Outcome is TimetableOutcome.Optimal or TimetableOutcome.Feasible, string.Join(" ", solution.Explanation));
        Assert.Empty(TimetableChecks.Violations(problem, solution.Placements));
        Assert.Equal(39, solution.Placements.Count);
        Assert.True(solution.Bound <= solution.Objective);
    }

    [Fact]
    public void Talks_of_a_topic_sit_next_to_each_other_more_often_than_in_a_random_timetable()
    {
        var problem = LpcTimetable.Build();
        var solution = TimetableSolver.Solve(problem, Options);
        var solved = TimetableChecks.AdjacentSameTopicPairs(problem, solution.Placements);

        // Random feasible timetables: the free talks shuffled over the 40 slots (one room, nobody speaks twice at once
        // in this track, so every shuffle is feasible; checked).
        var random = new Random(2023);
        var places = problem.Blocks.SelectMany(b => Enumerable.Range(0, (b.End - b.Start) / 30).Select(k => b.Start + 30 * k)).ToArray();
        var free = problem.Talks.Where(t => t.Pinned is null).ToList();
        var counts = new List<int>();
        for (var run = 0; run < 200; run++)
        {
            var shuffled = places.OrderBy(_ => random.Next()).ToArray();
            var placements = free.Select((t, i) => new PlacedTalk(t.Id, 0, shuffled[i]))
                .Append(new PlacedTalk(problem.Talks.Single(t => t.Pinned is not null).Id, 0, problem.Talks.Single(t => t.Pinned is not null).Pinned!.Start)).ToList();
            Assert.Empty(TimetableChecks.Violations(problem, placements));
            counts.Add(TimetableChecks.AdjacentSameTopicPairs(problem, placements));
        }

        Assert.True(solved > counts.Max(), $"solver {solved} adjacent same-topic pairs, random at most {counts.Max()} (mean {counts.Average():0.0})");
    }
}
