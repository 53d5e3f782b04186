namespace ReviewPortal.Planning.Timetabling;

// Times are whole minutes from an origin the caller chooses (the application uses the Unix epoch in UTC, divided by 60),
// so the solver knows nothing of zones or dates. Rooms and blocks are referred to by their index in the problem.

/// <summary>A room and how many people it seats.</summary>
public sealed record RoomSpec(string Name, int Capacity);

/// <summary>
/// A stretch of time in which talks may be placed, in the rooms listed. Talks start on the slot raster counted from
/// <see cref="Start"/>; a talk never crosses the block's end. <see cref="Label"/> names it for explanations
/// ("Mon 13 Nov 09:30–11:00").
/// </summary>
public sealed record BlockSpec(int Start, int End, IReadOnlyList<int> Rooms, string Label);

/// <summary>A time a speaker cannot speak in this track: unavailable, or speaking in another track then.</summary>
public sealed record BusyInterval(int Start, int End, string Reason);

public sealed record SpeakerSpec(Guid Id, string Name, IReadOnlyList<BusyInterval> Busy);

/// <summary>A room and a start minute.</summary>
public sealed record Placement(int Room, int Start);

/// <summary>
/// A talk (or organisers' item) to place. <see cref="Pinned"/>: it stays exactly there (even outside every block: the
/// chair decides). <see cref="Previous"/>: where it was in the version to stay close to (minimal change).
/// <see cref="Popularity"/> is 0…1 (bids and scores); popular talks go to larger rooms.
/// </summary>
public sealed record TalkSpec(
    Guid Id,
    string Title,
    int Minutes,
    IReadOnlyList<Guid> SpeakerIds,
    IReadOnlyList<string> Topics,
    double Popularity = 0,
    Placement? Pinned = null,
    Placement? Previous = null);

/// <summary>
/// Weights of the soft goals, as penalties (see docs/timetabling.md). Hard rules are never traded against them.
/// </summary>
public sealed record TimetableWeights(
    int TopicNotAdjacent = 10,
    int TopicInParallel = 20,
    int PopularInSmallRoom = 5,
    int MovedFromPrevious = 100)
{
    public static TimetableWeights Default { get; } = new();
}

public sealed record TimetableProblem
{
    public required int SlotMinutes { get; init; }
    public required IReadOnlyList<RoomSpec> Rooms { get; init; }
    public required IReadOnlyList<BlockSpec> Blocks { get; init; }
    public required IReadOnlyList<TalkSpec> Talks { get; init; }
    /// <summary>Every speaker named by a talk; a speaker missing here has no busy times.</summary>
    public IReadOnlyList<SpeakerSpec> Speakers { get; init; } = [];
    public TimetableWeights Weights { get; init; } = TimetableWeights.Default;
    /// <summary>Penalise every talk not at its <see cref="TalkSpec.Previous"/> placement.</summary>
    public bool MinimalChange { get; init; }
}

public sealed record TimetableOptions
{
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>CP-SAT workers; at least 2 (with 1 the large cases find nothing).</summary>
    public int Workers { get; init; } = 2;
    public int RandomSeed { get; init; } = 1;
}

public enum TimetableOutcome
{
    Optimal,
    Feasible,
    /// <summary>Proven: no timetable satisfies the hard rules; see the explanation.</summary>
    Infeasible,
    /// <summary>The time limit passed before anything was found or proven.</summary>
    Unknown,
}

public sealed record PlacedTalk(Guid TalkId, int Room, int Start);

/// <summary>
/// The result. <see cref="Objective"/> is the total penalty (lower is better) and <see cref="Bound"/> a proven lower
/// bound of it; <see cref="Explanation"/> says, in the chair's words, why no timetable exists.
/// </summary>
public sealed record TimetableSolution(
    TimetableOutcome Outcome,
    IReadOnlyList<PlacedTalk> Placements,
    double? Objective,
    double? Bound,
    IReadOnlyList<string> Explanation,
    TimeSpan Elapsed)
{
    /// <summary>
    /// When the first timetable existed: the complete greedy placement once checked against the model's rules, else
    /// CP-SAT's first solution; for progress and the bench.
    /// </summary>
    public TimeSpan? TimeToFirstSolution { get; init; }

    public int Moved(TimetableProblem problem)
    {
        var previous = problem.Talks.Where(t => t.Previous is not null).ToDictionary(t => t.Id, t => t.Previous!);
        return Placements.Count(p => previous.TryGetValue(p.TalkId, out var was) && (was.Room != p.Room || was.Start != p.Start));
    }
}

/// <summary>What the solver is doing, for the chair's progress bar.</summary>
public sealed record TimetableProgress(double Fraction, string Stage, double? Objective = null, double? Bound = null);
