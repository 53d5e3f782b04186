using ReviewPortal.Planning.Timetabling;
using static ReviewPortal.UnitTests.Timetabling.Crafted;

namespace ReviewPortal.UnitTests.Timetabling;

public sealed class TimetableSoftGoalTests
{
    [Fact]
    public void Talks_of_one_topic_follow_each_other_in_one_block_and_the_optimum_is_proven()
    {
        var talks = new[] { Talk("A1", ["ebpf"]), Talk("B1", ["tcp"]), Talk("A2", ["ebpf"]), Talk("B2", ["tcp"]) };
        var problem = new TimetableProblem { SlotMinutes = 30, Rooms = Rooms(1), Blocks = [Block(0, 120)], Talks = talks };

        var solution = SolveChecked(problem);

        Assert.Equal(TimetableOutcome.Optimal, solution.Outcome);
        Assert.Equal(0, solution.Objective);
        Assert.Equal(solution.Objective, solution.Bound);
        Assert.Equal(30, Math.Abs(At(solution, talks[0]).Start - At(solution, talks[2]).Start));
        Assert.Equal(30, Math.Abs(At(solution, talks[1]).Start - At(solution, talks[3]).Start));
    }

    [Fact]
    public void Two_talks_of_one_topic_are_not_in_parallel()
    {
        var talks = new[] { Talk("A1", ["ebpf"]), Talk("A2", ["ebpf"]), Talk("B1", ["tcp"]), Talk("B2", ["tcp"]) };
        var problem = new TimetableProblem { SlotMinutes = 30, Rooms = Rooms(2), Blocks = [Block(0, 60, 0, 1)], Talks = talks };

        var solution = SolveChecked(problem);

        Assert.NotEqual(At(solution, talks[0]).Start, At(solution, talks[1]).Start);
        Assert.NotEqual(At(solution, talks[2]).Start, At(solution, talks[3]).Start);
        Assert.Equal(TimetableOutcome.Optimal, solution.Outcome);
    }

    [Fact]
    public void The_popular_talk_gets_the_larger_room()
    {
        var popular = new TalkSpec(Id("Popular"), "Popular", 30, [], [], Popularity: 0.9);
        var niche = new TalkSpec(Id("Niche"), "Niche", 30, [], [], Popularity: 0.1);
        var problem = new TimetableProblem
        {
            SlotMinutes = 30, Rooms = [new RoomSpec("Small", 20), new RoomSpec("Hall", 400)], Blocks = [Block(0, 30, 0, 1)],
            Talks = [niche, popular],
        };

        var solution = SolveChecked(problem);

        Assert.Equal(1, At(solution, popular).Room);
        Assert.Equal(0.5, solution.Objective); // 5 × 0.1 × rank 1: the niche talk in the small room
    }

    [Fact]
    public void The_bound_of_a_many_room_instance_counts_the_unavoidable_parallel_talks()
    {
        // Six talks of one topic, three rooms, two slots: at least four of them run beside another one of the topic
        // (per slot three run, two beyond the first), which only the counting cut proves at once.
        var talks = Enumerable.Range(1, 6).Select(i => Talk($"E{i}", ["ebpf"])).ToArray();
        var problem = new TimetableProblem
        {
            SlotMinutes = 30, Rooms = Rooms(3), Blocks = [Block(0, 60, 0, 1, 2)], Talks = talks,
            Weights = TimetableWeights.Default with { TopicNotAdjacent = 0 },
        };

        var solution = SolveChecked(problem);

        Assert.Equal(TimetableOutcome.Optimal, solution.Outcome);
        Assert.Equal(80, solution.Objective); // 4 × 20
        Assert.Equal(80, solution.Bound);
    }

    [Fact]
    public void The_quick_placement_is_the_first_timetable_and_the_answer_has_its_true_penalty_when_CP_SAT_has_no_time()
    {
        // 216 talks: CP-SAT needs more than a second to load this model, so with 0.1 s it finds nothing itself; the
        // greedy placement (checked against the model's rules) is the first solution, and what the local search made of
        // it in its quarter of the time (25 ms: perhaps nothing) comes back, with its true penalty.
        var problem = SyntheticTimetable.Build();
        var reported = new List<TimetableProgress>();

        var solution = TimetableSolver.Solve(problem, new TimetableOptions { TimeLimit = TimeSpan.FromSeconds(0.1) }, new Recorder(reported));

        Assert.Equal(TimetableOutcome.Feasible, solution.Outcome);
        Assert.Empty(TimetableChecks.Violations(problem, solution.Placements));
        Assert.NotNull(solution.TimeToFirstSolution);
        Assert.True(solution.TimeToFirstSolution <= solution.Elapsed);
        Assert.NotNull(solution.Objective);
        Assert.Equal(TimetableChecks.SoftPenalty(problem, solution.Placements), solution.Objective!.Value, 6);
        var first = reported.First(p => p.Objective is not null);
        Assert.True(first.Objective >= solution.Objective, $"first {first.Objective}, answer {solution.Objective}");
        Assert.True(first.Fraction < 1, "reported before the search, not only at the end");
        Assert.Contains("local search", solution.Explanation.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_solvers_objective_is_the_documented_penalty()
    {
        // The same independent penalty for CP-SAT's own answer on a small many-room instance with popularity and topics.
        var topics = new[] { "ebpf", "tcp", "xdp" };
        var talks = Enumerable.Range(0, 9).Select(i => new TalkSpec(Id($"T{i}"), $"T{i}", 30, [], [topics[i % 3]], Popularity: i / 10.0)).ToArray();
        var problem = new TimetableProblem
        {
            SlotMinutes = 30, Rooms = [new RoomSpec("A", 300), new RoomSpec("B", 200), new RoomSpec("C", 100)],
            Blocks = [Block(0, 90, 0, 1, 2), Block(120, 180, 0, 1, 2)], Talks = talks,
        };

        var solution = SolveChecked(problem);

        Assert.Equal(TimetableChecks.SoftPenalty(problem, solution.Placements), solution.Objective!.Value, 6);
    }

    private sealed class Recorder(List<TimetableProgress> into) : IProgress<TimetableProgress>
    {
        public void Report(TimetableProgress value)
        {
            lock (into)
                into.Add(value);
        }
    }
}
