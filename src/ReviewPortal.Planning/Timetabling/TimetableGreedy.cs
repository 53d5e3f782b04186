namespace ReviewPortal.Planning.Timetabling;

/// <summary>
/// A fast feasible placement for CP-SAT's hint (and the answer if CP-SAT finds nothing in time): talks with the fewest
/// places first (with minimal change, those that can stay go first, where they were); each takes the allowed place
/// that costs least given those already placed (popularity × room rank, parallel same-topic talks, a same-topic
/// neighbour as a bonus). It never breaks a hard rule; it may leave a talk out when it paints itself into a corner.
/// </summary>
internal static class TimetableGreedy
{
    /// <summary>Per talk index the index of its chosen candidate, or -1 (pinned or left out).</summary>
    public static int[] Place(TimetableCandidates c)
    {
        var problem = c.Problem;
        var weights = problem.Weights;
        var ranks = TimetableModel.RoomRanks(problem);
        var topics = TimetableModel.SharedTopics(c);
        var chosen = Enumerable.Repeat(-1, problem.Talks.Count).ToArray();
        var roomTaken = new HashSet<(int Room, int Segment)>();
        var speakerTaken = new HashSet<(Guid Speaker, int Segment)>();
        // What is placed, indexed so that a candidate's cost is a few look-ups: talks of a topic per segment, and the
        // talk that starts or ends at a time in a room of a block.
        var topicRunning = new Dictionary<(string Topic, int Segment), int>();
        var startsAt = new Dictionary<(int Block, int Room, int Time), int>();
        var endsAt = new Dictionary<(int Block, int Room, int Time), int>();

        bool Allowed(Candidate x)
        {
            for (var g = x.FirstSegment; g < x.FirstSegment + x.SegmentCount; g++)
            {
                if (roomTaken.Contains((x.Room, g)) || problem.Talks[x.Talk].SpeakerIds.Any(s => speakerTaken.Contains((s, g))))
                    return false;
            }

            return true;
        }

        void Take(int talk, int k)
        {
            var x = c.ByTalk[talk][k];
            chosen[talk] = k;
            startsAt[(x.Block, x.Room, x.Start)] = talk;
            endsAt[(x.Block, x.Room, x.End)] = talk;
            for (var g = x.FirstSegment; g < x.FirstSegment + x.SegmentCount; g++)
            {
                roomTaken.Add((x.Room, g));
                foreach (var s in problem.Talks[talk].SpeakerIds)
                    speakerTaken.Add((s, g));
                foreach (var topic in topics[talk])
                    topicRunning[(topic, g)] = topicRunning.GetValueOrDefault((topic, g)) + 1;
            }
        }

        bool SharesTopic(int a, int b) => topics[a].Any(topics[b].Contains);

        if (problem.MinimalChange)
        {
            foreach (var i in c.Free.Where(i => c.Talks[i].Previous is not null))
            {
                var was = c.Talks[i].Previous!;
                var k = c.ByTalk[i].FindIndex(x => x.Room == was.Room && x.Start == was.Start);
                if (k >= 0 && Allowed(c.ByTalk[i][k]))
                    Take(i, k);
            }
        }

        var order = c.Free.Where(i => chosen[i] < 0)
            .OrderBy(i => c.ByTalk[i].Count)
            .ThenByDescending(i => c.Talks[i].Minutes)
            .ThenBy(i => topics[i].FirstOrDefault() ?? "\uffff", StringComparer.Ordinal)
            .ToList();
        foreach (var i in order)
        {
            var best = -1;
            var bestCost = double.MaxValue;
            for (var k = 0; k < c.ByTalk[i].Count; k++)
            {
                var x = c.ByTalk[i][k];
                if (!Allowed(x))
                    continue;
                double cost = TimetableModel.PopularityCost(problem, c.Talks[i], ranks[x.Room]);
                if (problem.MinimalChange && c.Talks[i].Previous is not null)
                    cost += TimetableModel.Scale * weights.MovedFromPrevious;
                for (var g = x.FirstSegment; g < x.FirstSegment + x.SegmentCount; g++)
                {
                    foreach (var topic in topics[i])
                        cost += TimetableModel.Scale * weights.TopicInParallel * topicRunning.GetValueOrDefault((topic, g));
                }

                if ((endsAt.TryGetValue((x.Block, x.Room, x.Start), out var before) && SharesTopic(before, i))
                    || (startsAt.TryGetValue((x.Block, x.Room, x.End), out var after) && SharesTopic(after, i)))
                    cost -= TimetableModel.Scale * weights.TopicNotAdjacent;

                if (cost < bestCost)
                {
                    bestCost = cost;
                    best = k;
                }
            }

            if (best >= 0)
                Take(i, best);
        }

        return chosen;
    }
}
