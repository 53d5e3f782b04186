using Google.OrTools.Sat;

namespace ReviewPortal.Planning.Timetabling;

/// <summary>
/// The CP-SAT model over <see cref="TimetableCandidates"/>: one boolean per candidate (talk, room, start); "exactly one
/// per talk"; "at most one per room and elementary segment"; "at most one per speaker and segment". These clique
/// constraints are linear, so the LP relaxation (and with it the bound) sees them, unlike NoOverlap on optional
/// intervals. With <c>explain</c> the rules are enforced by assumption literals (one per talk, speaker, block) and there
/// is no objective: CP-SAT then names a subset of them that cannot all hold.
/// </summary>
internal sealed class TimetableModel
{
    /// <summary>Objective units per weight unit: popularity is a fraction, CP-SAT's objective is integral.</summary>
    public const int Scale = 10;

    public CpModel Model { get; } = new();
    public TimetableCandidates Candidates { get; }
    /// <summary>Per talk index, parallel to <see cref="TimetableCandidates.ByTalk"/>.</summary>
    public BoolVar[][] Chosen { get; }
    public Dictionary<int, int> TalkOfLiteral { get; } = [];
    public Dictionary<int, Guid> SpeakerOfLiteral { get; } = [];
    public Dictionary<int, int> BlockOfLiteral { get; } = [];
    public List<BoolVar> Assumptions { get; } = [];

    // The auxiliary variables of the objective and how each follows from the candidates, so a hint can be complete:
    // CP-SAT takes a complete feasible hint as its first solution instead of repairing a partial one.
    private readonly List<(BoolVar Literal, List<BoolVar> Sum)> _sums = [];
    private readonly List<(IntVar Excess, List<BoolVar> Running)> _excesses = [];
    private readonly List<(BoolVar HasNeighbour, int Talk, List<BoolVar>[] Neighbours)> _neighbours = [];

    // The hard rules and the objective as data as well, so that a complete hint can be checked against the very rules
    // CP-SAT gets and its objective computed before the search starts (the greedy is then the first solution).
    private readonly List<IReadOnlyList<BoolVar>> _exactlyOne = [];
    private readonly List<IReadOnlyList<BoolVar>> _atMostOne = [];
    private readonly List<(List<IntVar> Excess, int Least)> _cuts = [];
    private readonly List<(IntVar Var, long Coefficient)> _objectiveTerms = [];
    private long _objectiveConstant;
    private Dictionary<int, long>? _hinted;

    public TimetableModel(TimetableCandidates c, bool explain)
    {
        Candidates = c;
        var problem = c.Problem;
        Chosen = new BoolVar[problem.Talks.Count][];
        for (var i = 0; i < problem.Talks.Count; i++)
        {
            Chosen[i] = [.. c.ByTalk[i].Select(x => Model.NewBoolVar($"t{i} r{x.Room} @{x.Start}"))];
        }

        var blockLiterals = new Dictionary<int, BoolVar>();
        BoolVar BlockLiteral(int b)
        {
            if (!blockLiterals.TryGetValue(b, out var literal))
            {
                blockLiterals[b] = literal = Model.NewBoolVar($"block {b}");
                BlockOfLiteral[literal.GetIndex()] = b;
                Assumptions.Add(literal);
            }

            return literal;
        }

        // Every free talk exactly once.
        foreach (var i in c.Free)
        {
            if (explain)
            {
                var literal = Model.NewBoolVar($"place {i}");
                TalkOfLiteral[literal.GetIndex()] = i;
                Assumptions.Add(literal);
                Model.AddAtMostOne(Chosen[i]);
                Model.Add(LinearExpr.Sum(Chosen[i]) == 1).OnlyEnforceIf(literal);
            }
            else
            {
                Model.AddExactlyOne(Chosen[i]);
                _exactlyOne.Add(Chosen[i]);
            }
        }

        // One item per room and segment (pinned items are already excluded from the candidates).
        foreach (var group in All().SelectMany(x => Enumerable.Range(x.Cand.FirstSegment, x.Cand.SegmentCount).Select(g => (x.Cand.Room, Segment: g, x.Cand.Block, x.Var)))
                     .GroupBy(x => (x.Room, x.Segment)))
        {
            var vars = group.Select(x => x.Var).ToList();
            if (vars.Count < 2)
                continue;
            if (explain)
                Model.Add(LinearExpr.Sum(vars) <= 1).OnlyEnforceIf([.. group.Select(x => x.Block).Distinct().Select(BlockLiteral)]);
            else
            {
                Model.AddAtMostOne(vars);
                _atMostOne.Add(vars);
            }
        }

        // One item per speaker and segment, across rooms.
        foreach (var speaker in c.Free.SelectMany(i => problem.Talks[i].SpeakerIds.Distinct().Select(s => (Speaker: s, Talk: i))).GroupBy(x => x.Speaker))
        {
            var talks = speaker.Select(x => x.Talk).ToList();
            if (talks.Count < 2)
                continue;
            BoolVar? literal = null;
            if (explain)
            {
                literal = Model.NewBoolVar($"speaker {speaker.Key}");
                SpeakerOfLiteral[literal.GetIndex()] = speaker.Key;
                Assumptions.Add(literal);
            }

            foreach (var segment in talks.SelectMany(t => c.ByTalk[t].Select((x, k) => (x, Var: Chosen[t][k])))
                         .SelectMany(v => Enumerable.Range(v.x.FirstSegment, v.x.SegmentCount).Select(g => (Segment: g, v.Var, v.x.Talk)))
                         .GroupBy(v => v.Segment))
            {
                if (segment.Select(v => v.Talk).Distinct().Count() < 2)
                    continue;
                var vars = segment.Select(v => v.Var).ToList();
                var sum = LinearExpr.Sum(vars);
                if (literal is null)
                {
                    Model.Add(sum <= 1);
                    _atMostOne.Add(vars);
                }
                else
                    Model.Add(sum <= 1).OnlyEnforceIf(literal);
            }
        }

        if (!explain)
            Model.Minimize(Objective());
    }

    /// <summary>Hints the placement (per talk its candidate index, or -1) and, when it is complete, every auxiliary variable.</summary>
    public void Hint(int[] chosen)
    {
        Model.ClearHints(); // a later hint replaces an earlier one
        var value = new Dictionary<int, long>();
        foreach (var i in Candidates.Free.Where(i => chosen[i] >= 0))
        {
            for (var k = 0; k < Chosen[i].Length; k++)
            {
                Model.AddHint(Chosen[i][k], k == chosen[i]);
                value[Chosen[i][k].GetIndex()] = k == chosen[i] ? 1 : 0;
            }
        }

        _hinted = null;
        if (Candidates.Free.Any(i => chosen[i] < 0))
            return;
        bool Value(BoolVar x) => value.GetValueOrDefault(x.GetIndex()) != 0;
        foreach (var (literal, sum) in _sums)
        {
            var on = sum.Any(Value);
            value[literal.GetIndex()] = on ? 1 : 0;
            Model.AddHint(literal, on);
        }

        foreach (var (excess, running) in _excesses)
        {
            var extra = Math.Max(0, running.Count(Value) - 1);
            value[excess.GetIndex()] = extra;
            Model.AddHint(excess, extra);
        }

        foreach (var (hasNeighbour, talk, neighbours) in _neighbours)
        {
            var on = neighbours[chosen[talk]].Any(Value);
            value[hasNeighbour.GetIndex()] = on ? 1 : 0;
            Model.AddHint(hasNeighbour, on);
        }

        _hinted = value;
    }

    /// <summary>
    /// The objective of the last complete hint (in model units, × <see cref="Scale"/>) when it satisfies every hard rule
    /// and cut of the model as built (exactly one place per talk, at most one per room and segment and per speaker and
    /// segment, the counting cuts); null when the hint was partial or breaks one. Not available for explain models.
    /// </summary>
    public long? HintedObjective()
    {
        if (_hinted is not { } value)
            return null;
        long Of(IntVar x) => value.GetValueOrDefault(x.GetIndex());
        if (_exactlyOne.Any(vars => vars.Sum(Of) != 1) || _atMostOne.Any(vars => vars.Sum(Of) > 1)
            || _cuts.Any(cut => cut.Excess.Sum(Of) < cut.Least)
            || _sums.Any(s => s.Sum.Sum(Of) != Of(s.Literal)) || _excesses.Any(e => Of(e.Excess) < e.Running.Sum(Of) - 1))
            return null;
        return _objectiveConstant + _objectiveTerms.Sum(t => t.Coefficient * Of(t.Var));
    }

    public IEnumerable<(Candidate Cand, BoolVar Var)> All()
    {
        foreach (var i in Candidates.Free)
        {
            for (var k = 0; k < Candidates.ByTalk[i].Count; k++)
                yield return (Candidates.ByTalk[i][k], Chosen[i][k]);
        }
    }

    /// <summary>Rank of each room by capacity: 0 for the largest (equal capacities share a rank).</summary>
    public static int[] RoomRanks(TimetableProblem problem)
    {
        var capacities = problem.Rooms.Select(r => r.Capacity).Distinct().OrderDescending().ToList();
        return [.. problem.Rooms.Select(r => capacities.IndexOf(r.Capacity))];
    }

    /// <summary>Topics that at least two free talks share (case-insensitive); only they can be adjacent or parallel.</summary>
    public static Dictionary<int, List<string>> SharedTopics(TimetableCandidates c)
    {
        var counts = c.Free.SelectMany(i => c.Talks[i].Topics.Select(t => t.Trim().ToUpperInvariant()).Distinct())
            .GroupBy(t => t).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return c.Free.ToDictionary(i => i, i => c.Talks[i].Topics.Select(t => t.Trim().ToUpperInvariant()).Distinct().Where(counts.Contains).ToList());
    }

    public static long PopularityCost(TimetableProblem problem, TalkSpec talk, int rank) =>
        (long)Math.Round(Scale * problem.Weights.PopularInSmallRoom * Math.Clamp(talk.Popularity, 0, 1) * rank);

    private LinearExprBuilder Objective()
    {
        var c = Candidates;
        var problem = c.Problem;
        var weights = problem.Weights;
        var objective = LinearExpr.NewBuilder();
        void Term(IntVar x, long coefficient)
        {
            objective.AddTerm(x, coefficient);
            _objectiveTerms.Add((x, coefficient));
        }

        void Constant(long value)
        {
            objective.Add(value);
            _objectiveConstant += value;
        }

        // Popular talks in larger rooms.
        var ranks = RoomRanks(problem);
        foreach (var (cand, x) in All())
        {
            var cost = PopularityCost(problem, c.Talks[cand.Talk], ranks[cand.Room]);
            if (cost > 0)
                Term(x, cost);
        }

        // Minimal change: each talk not at its previous place. A previous place no longer allowed costs the move anyway.
        if (problem.MinimalChange)
        {
            foreach (var i in c.Free.Where(i => c.Talks[i].Previous is not null))
            {
                var was = c.Talks[i].Previous!;
                long cost = (long)Scale * weights.MovedFromPrevious;
                Constant(cost);
                var k = c.ByTalk[i].FindIndex(x => x.Room == was.Room && x.Start == was.Start);
                if (k >= 0)
                    Term(Chosen[i][k], -cost);
            }
        }

        var topics = SharedTopics(c);

        // Same-topic neighbours: a talk whose topics someone shares is penalised unless a talk of one of its topics
        // directly precedes or follows it in the same room and block. StartsAt/EndsAt are "some talk of topic T starts
        // (ends) at t in room r of block b" (≤ 1 by the room rule).
        if (weights.TopicNotAdjacent > 0)
        {
            var starts = new Dictionary<(int Block, int Room, int Time, string Topic), List<BoolVar>>();
            var ends = new Dictionary<(int Block, int Room, int Time, string Topic), List<BoolVar>>();
            foreach (var (cand, x) in All())
            {
                foreach (var topic in topics[cand.Talk])
                {
                    Add(starts, (cand.Block, cand.Room, cand.Start, topic), x);
                    Add(ends, (cand.Block, cand.Room, cand.End, topic), x);
                }
            }

            var startsAt = new Dictionary<(int, int, int, string), BoolVar>();
            var endsAt = new Dictionary<(int, int, int, string), BoolVar>();
            foreach (var i in c.Free.Where(i => topics[i].Count > 0))
            {
                var hasNeighbour = Model.NewBoolVar($"neighbour {i}");
                var perCandidate = new List<BoolVar>[c.ByTalk[i].Count];
                _neighbours.Add((hasNeighbour, i, perCandidate));
                long cost = (long)Scale * weights.TopicNotAdjacent;
                Constant(cost);
                Term(hasNeighbour, -cost);
                for (var k = 0; k < c.ByTalk[i].Count; k++)
                {
                    var cand = c.ByTalk[i][k];
                    var neighbours = new List<BoolVar>();
                    perCandidate[k] = neighbours;
                    foreach (var topic in topics[i])
                    {
                        if (Literal(starts, startsAt, (cand.Block, cand.Room, cand.End, topic)) is { } after)
                            neighbours.Add(after);
                        if (Literal(ends, endsAt, (cand.Block, cand.Room, cand.Start, topic)) is { } before)
                            neighbours.Add(before);
                    }

                    if (neighbours.Count == 0)
                        Model.AddBoolOr([Chosen[i][k].Not(), hasNeighbour.Not()]);
                    else
                        Model.AddBoolOr(neighbours.Cast<ILiteral>()).OnlyEnforceIf([Chosen[i][k], hasNeighbour]);
                }
            }
        }

        // Same topic in parallel: per topic and segment, every talk beyond the first running then costs.
        if (weights.TopicInParallel > 0)
        {
            foreach (var topic in topics.Values.SelectMany(t => t).Distinct())
            {
                var running = All().Where(v => topics[v.Cand.Talk].Contains(topic))
                    .SelectMany(v => Enumerable.Range(v.Cand.FirstSegment, v.Cand.SegmentCount).Select(g => (Segment: g, v.Cand, v.Var)))
                    .GroupBy(v => v.Segment).ToList();
                var excess = new List<IntVar>();
                foreach (var segment in running)
                {
                    var talks = segment.Select(v => v.Cand.Talk).Distinct().Count();
                    if (talks < 2 || segment.Select(v => v.Cand.Room).Distinct().Count() < 2)
                        continue;
                    var extra = Model.NewIntVar(0, talks - 1, $"parallel {topic} {segment.Key}");
                    var vars = segment.Select(v => v.Var).ToList();
                    Model.Add(extra >= LinearExpr.Sum(vars) - 1);
                    _excesses.Add((extra, vars));
                    excess.Add(extra);
                    Term(extra, (long)Scale * weights.TopicInParallel);
                }

                // Counting cut: the topic's talks cover a fixed number of segments; the segments where it can run
                // hold one each without cost, so at least the rest is excess. (Valid only when every talk of the topic
                // covers the same number of segments wherever it goes.)
                var talksOfTopic = c.Free.Where(i => topics[i].Contains(topic)).ToList();
                if (excess.Count > 0 && talksOfTopic.All(i => c.ByTalk[i].Select(x => x.SegmentCount).Distinct().Count() == 1))
                {
                    var covered = talksOfTopic.Sum(i => c.ByTalk[i][0].SegmentCount);
                    var room = covered - running.Count;
                    if (room > 0)
                    {
                        Model.Add(LinearExpr.Sum(excess) >= room);
                        _cuts.Add((excess, room));
                    }
                }
            }
        }

        return objective;

        static void Add(Dictionary<(int, int, int, string), List<BoolVar>> map, (int, int, int, string) key, BoolVar x)
        {
            if (!map.TryGetValue(key, out var list))
                map[key] = list = [];
            list.Add(x);
        }

        BoolVar? Literal(Dictionary<(int, int, int, string), List<BoolVar>> sums, Dictionary<(int, int, int, string), BoolVar> made, (int, int, int, string) key)
        {
            if (made.TryGetValue(key, out var literal))
                return literal;
            if (!sums.TryGetValue(key, out var vars))
                return null;
            literal = Model.NewBoolVar($"at {key}");
            Model.Add(LinearExpr.Sum(vars) == literal);
            _sums.Add((literal, vars));
            made[key] = literal;
            return literal;
        }
    }
}
