using ReviewPortal.Planning.Timetabling;

namespace ReviewPortal.UnitTests.Timetabling;

/// <summary>Small hand-made instances: times in minutes from 0, slots of 30 minutes.</summary>
internal static class Crafted
{
    public static readonly TimetableOptions Generous = new() { TimeLimit = TimeSpan.FromSeconds(30), Workers = 2 };

    public static TalkSpec Talk(string title, params Guid[] speakers) => new(Id(title), title, 30, speakers, []);

    public static TalkSpec Talk(string title, string[] topics, params Guid[] speakers) => new(Id(title), title, 30, speakers, topics);

    public static Guid Id(string name) => LpcTimetable.IdOf(name);

    public static BlockSpec Block(int start, int end, params int[] rooms) => new(start, end, rooms.Length == 0 ? [0] : rooms, $"block {start}–{end}");

    public static RoomSpec[] Rooms(int n, int capacity = 100) => [.. Enumerable.Range(0, n).Select(r => new RoomSpec($"Room {r + 1}", capacity))];

    public static SpeakerSpec Speaker(string name, params BusyInterval[] busy) => new(Id(name), name, busy);

    public static PlacedTalk At(TimetableSolution solution, TalkSpec talk) => solution.Placements.Single(p => p.TalkId == talk.Id);

    public static TimetableSolution SolveChecked(TimetableProblem problem)
    {
        var solution = TimetableSolver.Solve(problem, Generous);
        Assert.True(solution.Outcome is TimetableOutcome.Optimal or TimetableOutcome.Feasible, string.Join(" ", solution.Explanation));
        Assert.Empty(TimetableChecks.Violations(problem, solution.Placements));
        return solution;
    }
}
