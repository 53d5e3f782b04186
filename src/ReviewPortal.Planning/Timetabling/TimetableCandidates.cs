namespace ReviewPortal.Planning.Timetabling;

/// <summary>One place a talk may go: a room, a start on its block's raster, and the elementary time segments it covers.</summary>
internal sealed record Candidate(int Talk, int Room, int Block, int Start, int End, int FirstSegment, int SegmentCount)
{
    public bool Covers(int segment) => segment >= FirstSegment && segment < FirstSegment + SegmentCount;
}

/// <summary>
/// The hard rules turned into data, before any search: for every free talk the (room, start) places that respect its
/// block, the raster, its speakers' busy times and the pinned items; time cut into elementary segments (between any two
/// consecutive starts or ends) so that two items overlap exactly when they share a segment. The CP model, the greedy
/// hint and the explanations all read this one structure, so they cannot disagree about what is allowed.
/// </summary>
internal sealed class TimetableCandidates
{
    public TimetableProblem Problem { get; }
    public IReadOnlyList<TalkSpec> Talks => Problem.Talks;
    /// <summary>Indices of the talks the solver places (not pinned).</summary>
    public int[] Free { get; }
    public int[] Pinned { get; }
    /// <summary>Per talk index: its candidates (empty for pinned talks).</summary>
    public List<Candidate>[] ByTalk { get; }
    public int[] Points { get; }
    public int SegmentCount => Points.Length - 1;
    /// <summary>Per talk: the speakers' busy intervals that removed at least one place (for explanations).</summary>
    public List<string>[] BlockedBy { get; }
    public Dictionary<Guid, SpeakerSpec> Speakers { get; }
    /// <summary>Hard conflicts among pinned items themselves (the solver cannot repair them).</summary>
    public List<string> PinnedConflicts { get; } = [];

    public TimetableCandidates(TimetableProblem problem)
    {
        Problem = problem;
        if (problem.SlotMinutes <= 0)
            throw new ArgumentException("The slot length must be positive.", nameof(problem));
        foreach (var block in problem.Blocks)
        {
            if (block.Rooms.Any(r => r < 0 || r >= problem.Rooms.Count))
                throw new ArgumentException($"Block {block.Label} names a room that is not in the problem.", nameof(problem));
        }

        foreach (var talk in problem.Talks.Where(t => t.Pinned is not null))
        {
            if (talk.Pinned!.Room < 0 || talk.Pinned.Room >= problem.Rooms.Count)
                throw new ArgumentException($"\"{talk.Title}\" is pinned to a room that is not in the problem.", nameof(problem));
        }

        Speakers = problem.Speakers.GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First());
        Free = [.. Enumerable.Range(0, problem.Talks.Count).Where(i => problem.Talks[i].Pinned is null)];
        Pinned = [.. Enumerable.Range(0, problem.Talks.Count).Where(i => problem.Talks[i].Pinned is not null)];
        ByTalk = [.. problem.Talks.Select(_ => new List<Candidate>())];
        BlockedBy = [.. problem.Talks.Select(_ => new List<string>())];

        FindPinnedConflicts();

        var raw = new List<(int Talk, int Room, int Block, int Start, int End)>();
        foreach (var i in Free)
        {
            var talk = problem.Talks[i];
            var blocked = new HashSet<string>();
            for (var b = 0; b < problem.Blocks.Count; b++)
            {
                var block = problem.Blocks[b];
                for (var start = block.Start; start + talk.Minutes <= block.End; start += problem.SlotMinutes)
                {
                    var end = start + talk.Minutes;
                    var why = SpeakerConflict(talk, start, end);
                    if (why is not null)
                    {
                        blocked.Add(why);
                        continue;
                    }

                    foreach (var room in block.Rooms)
                    {
                        if (!RoomTakenByPinned(room, start, end))
                            raw.Add((i, room, b, start, end));
                    }
                }
            }

            BlockedBy[i].AddRange(blocked.Order(StringComparer.Ordinal));
        }

        Points = [.. raw.SelectMany(c => new[] { c.Start, c.End }).Distinct().Order()];
        foreach (var c in raw)
        {
            var first = Array.BinarySearch(Points, c.Start);
            var last = Array.BinarySearch(Points, c.End);
            ByTalk[c.Talk].Add(new Candidate(c.Talk, c.Room, c.Block, c.Start, c.End, first, last - first));
        }
    }

    public int SlotsOf(TalkSpec talk) => (talk.Minutes + Problem.SlotMinutes - 1) / Problem.SlotMinutes;

    public string SpeakerName(Guid id) => Speakers.TryGetValue(id, out var s) && !string.IsNullOrWhiteSpace(s.Name) ? s.Name : "a speaker";

    private static bool Overlaps(int start1, int end1, int start2, int end2) => start1 < end2 && start2 < end1;

    /// <summary>Why a talk cannot be at [start, end): a speaker busy then, or speaking in a pinned item then; null if free.</summary>
    private string? SpeakerConflict(TalkSpec talk, int start, int end)
    {
        foreach (var speaker in talk.SpeakerIds)
        {
            if (Speakers.TryGetValue(speaker, out var spec) && spec.Busy.FirstOrDefault(b => Overlaps(b.Start, b.End, start, end)) is { } busy)
                return $"{SpeakerName(speaker)}: {busy.Reason}";
            foreach (var p in Pinned)
            {
                var pinned = Problem.Talks[p];
                if (pinned.SpeakerIds.Contains(speaker) && Overlaps(pinned.Pinned!.Start, pinned.Pinned.Start + pinned.Minutes, start, end))
                    return $"{SpeakerName(speaker)}: speaks in \"{pinned.Title}\" (pinned)";
            }
        }

        return null;
    }

    private bool RoomTakenByPinned(int room, int start, int end) =>
        Pinned.Any(p => Problem.Talks[p].Pinned!.Room == room && Overlaps(Problem.Talks[p].Pinned!.Start, Problem.Talks[p].Pinned!.Start + Problem.Talks[p].Minutes, start, end));

    private void FindPinnedConflicts()
    {
        for (var x = 0; x < Pinned.Length; x++)
        {
            var a = Problem.Talks[Pinned[x]];
            foreach (var speaker in a.SpeakerIds)
            {
                if (Speakers.TryGetValue(speaker, out var spec) && spec.Busy.FirstOrDefault(b => Overlaps(b.Start, b.End, a.Pinned!.Start, a.Pinned.Start + a.Minutes)) is { } busy)
                    PinnedConflicts.Add($"\"{a.Title}\" is pinned at a time {SpeakerName(speaker)} cannot make ({busy.Reason}).");
            }

            for (var y = x + 1; y < Pinned.Length; y++)
            {
                var b = Problem.Talks[Pinned[y]];
                if (!Overlaps(a.Pinned!.Start, a.Pinned.Start + a.Minutes, b.Pinned!.Start, b.Pinned.Start + b.Minutes))
                    continue;
                if (a.Pinned.Room == b.Pinned.Room)
                    PinnedConflicts.Add($"\"{a.Title}\" and \"{b.Title}\" are both pinned in {Problem.Rooms[a.Pinned.Room].Name} at the same time.");
                foreach (var speaker in a.SpeakerIds.Intersect(b.SpeakerIds))
                    PinnedConflicts.Add($"\"{a.Title}\" and \"{b.Title}\" are pinned at the same time and {SpeakerName(speaker)} speaks in both.");
            }
        }
    }
}
