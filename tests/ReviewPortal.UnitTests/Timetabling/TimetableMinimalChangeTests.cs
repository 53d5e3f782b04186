using ReviewPortal.Planning.Timetabling;

namespace ReviewPortal.UnitTests.Timetabling;

/// <summary>A re-solve after the programme changed moves only the talks that must move (the LPC track, its real grid).</summary>
public sealed class TimetableMinimalChangeTests
{
    private static readonly TimetableOptions Options = new() { TimeLimit = TimeSpan.FromSeconds(30), Workers = 2 };

    private static (TimetableProblem Problem, TimetableSolution Solution) Published()
    {
        var problem = LpcTimetable.Build();
        var solution = TimetableSolver.Solve(problem, Options);
        Assert.Empty(TimetableChecks.Violations(problem, solution.Placements));
        return (problem, solution);
    }

    private static TimetableProblem WithPrevious(TimetableProblem problem, TimetableSolution published) => problem with
    {
        MinimalChange = true,
        Talks = [.. problem.Talks.Select(t => t with
        {
            Previous = published.Placements.Where(p => p.TalkId == t.Id).Select(p => new Placement(p.Room, p.Start)).SingleOrDefault(),
        })],
    };

    [Fact]
    public void After_a_talk_is_declined_the_re_solve_moves_no_other_talk()
    {
        var (problem, published) = Published();
        var declined = problem.Talks.First(t => t.Pinned is null);
        var next = WithPrevious(problem, published) is var p ? p with { Talks = [.. p.Talks.Where(t => t.Id != declined.Id)] } : null!;

        var solution = TimetableSolver.Solve(next, Options);

        Assert.Empty(TimetableChecks.Violations(next, solution.Placements));
        Assert.Equal(0, solution.Moved(next));
        Assert.Equal(next.Talks.Count, solution.Placements.Count);
    }

    [Fact]
    public void When_a_speaker_becomes_unavailable_only_their_talk_moves()
    {
        var (problem, published) = Published();
        var talk = problem.Talks.First(t => t.Pinned is null && t.SpeakerIds.Count == 1
            && problem.Talks.Count(o => o.SpeakerIds.Contains(t.SpeakerIds[0])) == 1);
        var at = published.Placements.Single(p => p.TalkId == talk.Id);
        var speaker = talk.SpeakerIds[0];
        var next = WithPrevious(problem, published) with
        {
            Speakers = [.. problem.Speakers.Select(s => s.Id == speaker ? s with { Busy = [new BusyInterval(at.Start, at.Start + 30, "unavailable then")] } : s)],
        };

        var solution = TimetableSolver.Solve(next, Options);

        Assert.Empty(TimetableChecks.Violations(next, solution.Placements));
        Assert.Equal(1, solution.Moved(next));
        Assert.NotEqual(at.Start, solution.Placements.Single(p => p.TalkId == talk.Id).Start);
    }
}
