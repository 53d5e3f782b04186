using System.Diagnostics;

namespace ReviewPortal.Planning.Timetabling;

/// <summary>
/// Simulated annealing over complete timetables, before CP-SAT (docs/timetabling.md, "The solver"; ADR 0032). A move
/// takes one talk to another of its places; when a talk of the same length holds that place and may take the first
/// one's, the two swap. Every move keeps the hard rules (rooms, speakers, blocks: only candidates are used), and its
/// cost is exact: the same terms as <see cref="TimetableModel"/>'s objective, in the same units, updated from the few
/// talks a move touches. On large tracks CP-SAT's own search improves a hint slowly; this walk does millions of moves
/// a second, and CP-SAT then starts from the best timetable it found and proves the bound.
/// </summary>
internal sealed class TimetableLocalSearch
{
    private readonly TimetableCandidates _c;
    private readonly int _segments;
    private readonly int[] _occupant;      // room × segment → talk, or -1
    private readonly int[] _speakerLoad;   // speaker × segment → talks
    private readonly int[] _topicLoad;     // topic × segment → talks
    private readonly int[][] _speakers;
    private readonly int[][] _topics;
    private readonly long[][] _own;        // per talk and candidate: popularity and, with minimal change, the move
    private readonly Dictionary<int, int>[] _placeOf; // per talk: room × segment of a start → candidate
    private readonly int[] _position;
    private readonly int[] _movable;
    private readonly long _adjacent, _parallel;
    private long _cost;

    public TimetableLocalSearch(TimetableCandidates c, int[] start)
    {
        _c = c;
        var problem = c.Problem;
        _segments = c.SegmentCount;
        _occupant = Enumerable.Repeat(-1, problem.Rooms.Count * _segments).ToArray();
        var speakerIndex = new Dictionary<Guid, int>();
        _speakers = new int[problem.Talks.Count][];
        _topics = new int[problem.Talks.Count][];
        _own = new long[problem.Talks.Count][];
        _placeOf = new Dictionary<int, int>[problem.Talks.Count];
        var shared = TimetableModel.SharedTopics(c);
        var topicIndex = shared.Values.SelectMany(t => t).Distinct().Select((t, k) => (t, k)).ToDictionary(x => x.t, x => x.k);
        var ranks = TimetableModel.RoomRanks(problem);
        foreach (var i in c.Free)
        {
            var talk = problem.Talks[i];
            _speakers[i] = [.. talk.SpeakerIds.Distinct().Select(s => speakerIndex.TryGetValue(s, out var k) ? k : speakerIndex[s] = speakerIndex.Count)];
            _topics[i] = [.. shared[i].Select(t => topicIndex[t])];
            // With minimal change, every place but the previous one costs the move (all of them when it is no longer allowed: -1).
            int? previous = problem.MinimalChange && talk.Previous is { } was ? c.ByTalk[i].FindIndex(x => x.Room == was.Room && x.Start == was.Start) : null;
            _own[i] = [.. c.ByTalk[i].Select((x, k) => TimetableModel.PopularityCost(problem, talk, ranks[x.Room])
                + (previous is { } stay && k != stay ? (long)TimetableModel.Scale * problem.Weights.MovedFromPrevious : 0))];
            _placeOf[i] = c.ByTalk[i].Select((x, k) => (Key: x.Room * _segments + x.FirstSegment, k)).ToDictionary(x => x.Key, x => x.k);
        }

        _speakerLoad = new int[speakerIndex.Count * _segments];
        _topicLoad = new int[topicIndex.Count * _segments];
        _adjacent = (long)TimetableModel.Scale * problem.Weights.TopicNotAdjacent;
        _parallel = (long)TimetableModel.Scale * problem.Weights.TopicInParallel;
        _position = Enumerable.Repeat(-1, problem.Talks.Count).ToArray();
        _movable = [.. c.Free.Where(i => c.ByTalk[i].Count > 1)];
        foreach (var i in c.Free)
        {
            if (start[i] < 0 || !CanInsert(i, start[i]))
                throw new ArgumentException("The start must place every free talk, each within the rules.", nameof(start));
            _cost += Insert(i, start[i]) + _own[i][start[i]];
        }

        foreach (var i in c.Free)
            _cost += Alone(i);
    }

    /// <summary>The objective of the current timetable, in <see cref="TimetableModel"/> units (as its hinted objective).</summary>
    public long Cost => _cost;

    /// <summary>
    /// Anneals for <paramref name="steps"/> moves (fewer when <paramref name="deadline"/> passes first or the search is
    /// cancelled) and returns the best timetable seen, per talk its candidate index, with its cost. The cooling follows
    /// the step count, so the same problem and seed give the same timetable on any machine, unless the deadline is the
    /// nearer end: then it follows the clock, so a short walk still ends cold. <paramref name="improved"/> hears each new best.
    /// </summary>
    public (int[] Best, long Cost, long Steps) Anneal(long steps, TimeSpan deadline, int seed, CancellationToken cancellationToken, Action<long>? improved = null)
    {
        var best = (int[])_position.Clone();
        var bestCost = _cost;
        if (_movable.Length == 0 || steps <= 0)
            return (best, bestCost, 0);
        var random = new Random(seed);
        var watch = Stopwatch.StartNew();
        // From twice the largest single-term change down to a twentieth of the smallest, geometric in the steps.
        double hot = 2.0 * Math.Max(_parallel, _adjacent), cold = 0.05 * Math.Max(1, Math.Min(_parallel, _adjacent));
        var temperature = hot;
        long step;
        for (step = 0; step < steps; step++)
        {
            if ((step & 255) == 0)
            {
                // Cooling follows the steps, or the clock when the deadline comes sooner: a walk cut short still cools.
                var progress = Math.Max((double)step / steps, deadline > TimeSpan.Zero ? watch.Elapsed / deadline : 1);
                if (progress >= 1 || cancellationToken.IsCancellationRequested)
                    break;
                temperature = hot * Math.Pow(cold / hot, progress);
            }

            var delta = TryMove(random, temperature);
            if (delta is null)
                continue;
            _cost += delta.Value;
            if (_cost < bestCost)
            {
                bestCost = _cost;
                Array.Copy(_position, best, best.Length);
                improved?.Invoke(bestCost);
            }
        }

        return (best, bestCost, step);
    }

    /// <summary>One random move, applied when accepted (returns its cost change) and undone otherwise (null).</summary>
    private long? TryMove(Random random, double temperature)
    {
        var a = _movable[random.Next(_movable.Length)];
        var from = _position[a];
        var to = random.Next(_c.ByTalk[a].Count - 1);
        if (to >= from)
            to++;
        var target = _c.ByTalk[a][to];
        var here = _c.ByTalk[a][from];

        // Who holds the target place: nobody, one talk covering exactly it (a swap), or something else (no move).
        var b = -1;
        for (var g = target.FirstSegment; g < target.FirstSegment + target.SegmentCount; g++)
        {
            var o = _occupant[target.Room * _segments + g];
            if (o < 0 || o == a)
                continue;
            if (b >= 0 && o != b)
                return null;
            b = o;
        }

        var bTo = -1;
        if (b >= 0)
        {
            var there = _c.ByTalk[b][_position[b]];
            if (there.FirstSegment != target.FirstSegment || there.SegmentCount != target.SegmentCount
                || !_placeOf[b].TryGetValue(here.Room * _segments + here.FirstSegment, out bTo)
                || _c.ByTalk[b][bTo].SegmentCount != here.SegmentCount)
                return null;
        }

        // The talks whose "no same-topic neighbour" penalty may change: the movers and their neighbours, each once.
        Span<int> touched = stackalloc int[6];
        var count = 0;
        foreach (var t in (ReadOnlySpan<int>)[a, b, Before(here), After(here), Before(target), After(target)])
        {
            if (t >= 0 && !touched[..count].Contains(t))
                touched[count++] = t;
        }

        long before = 0;
        foreach (var t in touched[..count])
            before += Alone(t);

        long delta = Remove(a) - _own[a][from];
        _position[a] = -1;
        var bFrom = -1;
        if (b >= 0)
        {
            bFrom = _position[b];
            delta += Remove(b) - _own[b][bFrom];
            _position[b] = -1;
        }

        var fits = CanInsert(a, to);
        if (fits)
        {
            delta += Insert(a, to) + _own[a][to];
            if (b >= 0)
            {
                fits = CanInsert(b, bTo);
                if (fits)
                    delta += Insert(b, bTo) + _own[b][bTo];
                else
                    Remove(a);
            }
        }

        if (fits)
        {
            long after = 0;
            foreach (var t in touched[..count])
                after += Alone(t);
            delta += after - before;
            if (delta <= 0 || random.NextDouble() < Math.Exp(-delta / temperature))
                return delta;

            // Rejected: undo.
            Remove(a);
            if (b >= 0)
                Remove(b);
        }

        Insert(a, from);
        if (b >= 0)
            Insert(b, bFrom);
        return null;
    }

    /// <summary>The talk ending right where <paramref name="x"/> starts in its room and block, or -1.</summary>
    private int Before(Candidate x)
    {
        if (x.FirstSegment == 0)
            return -1;
        var o = _occupant[x.Room * _segments + x.FirstSegment - 1];
        return o >= 0 && _c.ByTalk[o][_position[o]] is var y && y.End == x.Start && y.Block == x.Block ? o : -1;
    }

    /// <summary>The talk starting right where <paramref name="x"/> ends in its room and block, or -1.</summary>
    private int After(Candidate x)
    {
        var next = x.FirstSegment + x.SegmentCount;
        if (next >= _segments)
            return -1;
        var o = _occupant[x.Room * _segments + next];
        return o >= 0 && _c.ByTalk[o][_position[o]] is var y && y.Start == x.End && y.Block == x.Block ? o : -1;
    }

    /// <summary>The "no same-topic neighbour" penalty of a placed talk (0 when it has no shared topic or is unplaced).</summary>
    private long Alone(int i)
    {
        if (_position[i] < 0 || _topics[i].Length == 0)
            return 0;
        var x = _c.ByTalk[i][_position[i]];
        var before = Before(x);
        if (before >= 0 && Shares(i, before))
            return 0;
        var after = After(x);
        return after >= 0 && Shares(i, after) ? 0 : _adjacent;
    }

    private bool Shares(int i, int j)
    {
        foreach (var t in _topics[i])
        {
            if (Array.IndexOf(_topics[j], t) >= 0)
                return true;
        }

        return false;
    }

    private bool CanInsert(int i, int k)
    {
        var x = _c.ByTalk[i][k];
        for (var g = x.FirstSegment; g < x.FirstSegment + x.SegmentCount; g++)
        {
            if (_occupant[x.Room * _segments + g] >= 0)
                return false;
            foreach (var s in _speakers[i])
            {
                if (_speakerLoad[s * _segments + g] > 0)
                    return false;
            }
        }

        return true;
    }

    /// <summary>Places talk i at candidate k; returns the change of the same-topic-in-parallel cost.</summary>
    private long Insert(int i, int k)
    {
        var x = _c.ByTalk[i][k];
        _position[i] = k;
        long parallel = 0;
        for (var g = x.FirstSegment; g < x.FirstSegment + x.SegmentCount; g++)
        {
            _occupant[x.Room * _segments + g] = i;
            foreach (var s in _speakers[i])
                _speakerLoad[s * _segments + g]++;
            foreach (var t in _topics[i])
            {
                if (_topicLoad[t * _segments + g]++ > 0)
                    parallel += _parallel;
            }
        }

        return parallel;
    }

    /// <summary>Takes talk i off its place (its position is left for the caller); returns the change of the parallel cost.</summary>
    private long Remove(int i)
    {
        var x = _c.ByTalk[i][_position[i]];
        long parallel = 0;
        for (var g = x.FirstSegment; g < x.FirstSegment + x.SegmentCount; g++)
        {
            _occupant[x.Room * _segments + g] = -1;
            foreach (var s in _speakers[i])
                _speakerLoad[s * _segments + g]--;
            foreach (var t in _topics[i])
            {
                if (--_topicLoad[t * _segments + g] > 0)
                    parallel -= _parallel;
            }
        }

        return parallel;
    }
}
