using ReviewPortal.Planning.Timetabling;

namespace ReviewPortal.UnitTests.Timetabling;

/// <summary>
/// An independent check of a timetable against the hard rules, written from the rules and not from the solver's
/// model, so a test does not take the solver's word for it. Each violation is a sentence.
/// </summary>
public static class TimetableChecks
{
    public static List<string> Violations(TimetableProblem problem, IReadOnlyList<PlacedTalk> placements)
    {
        var found = new List<string>();
        var byId = problem.Talks.ToDictionary(t => t.Id);
        foreach (var talk in problem.Talks)
        {
            var count = placements.Count(p => p.TalkId == talk.Id);
            if (count != 1)
                found.Add($"\"{talk.Title}\" is placed {count} times.");
        }

        foreach (var p in placements)
        {
            var talk = byId[p.TalkId];
            if (talk.Pinned is not null)
            {
                if (talk.Pinned.Room != p.Room || talk.Pinned.Start != p.Start)
                    found.Add($"\"{talk.Title}\" left its pinned place.");
                continue;
            }

            var inside = problem.Blocks.Any(b => b.Rooms.Contains(p.Room) && p.Start >= b.Start && p.Start + talk.Minutes <= b.End
                && (p.Start - b.Start) % problem.SlotMinutes == 0);
            if (!inside)
                found.Add($"\"{talk.Title}\" is not inside a block on its raster.");
            foreach (var s in talk.SpeakerIds)
            {
                var busy = problem.Speakers.FirstOrDefault(x => x.Id == s)?.Busy ?? [];
                if (busy.Any(b => b.Start < p.Start + talk.Minutes && p.Start < b.End))
                    found.Add($"\"{talk.Title}\" is at a time its speaker is busy.");
            }
        }

        for (var i = 0; i < placements.Count; i++)
        {
            for (var j = i + 1; j < placements.Count; j++)
            {
                var (a, b) = (placements[i], placements[j]);
                var (ta, tb) = (byId[a.TalkId], byId[b.TalkId]);
                if (!(a.Start < b.Start + tb.Minutes && b.Start < a.Start + ta.Minutes))
                    continue;
                if (a.Room == b.Room)
                    found.Add($"\"{ta.Title}\" and \"{tb.Title}\" overlap in one room.");
                if (ta.SpeakerIds.Intersect(tb.SpeakerIds).Any())
                    found.Add($"\"{ta.Title}\" and \"{tb.Title}\" share a speaker at the same time.");
            }
        }

        return found;
    }

    /// <summary>Pairs of talks sharing a topic that follow each other directly in one room and block.</summary>
    public static int AdjacentSameTopicPairs(TimetableProblem problem, IReadOnlyList<PlacedTalk> placements)
    {
        var byId = problem.Talks.ToDictionary(t => t.Id);
        var pairs = 0;
        foreach (var a in placements)
        {
            foreach (var b in placements)
            {
                var (ta, tb) = (byId[a.TalkId], byId[b.TalkId]);
                if (a.Room == b.Room && a.Start + ta.Minutes == b.Start && ta.Topics.Intersect(tb.Topics, StringComparer.OrdinalIgnoreCase).Any()
                    && problem.Blocks.Any(k => a.Start >= k.Start && b.Start + tb.Minutes <= k.End))
                    pairs++;
            }
        }

        return pairs;
    }

    /// <summary>
    /// The soft penalty of a timetable from docs/timetabling.md's table, for problems whose talks are all one slot long
    /// and not pinned (so every elementary segment is one slot): popularity × room rank (each talk's term rounded to a
    /// tenth, as the solver's integral objective does), 10 per talk sharing a topic with no same-topic neighbour in its
    /// room and block, 20 per topic and slot for every talk of the topic beyond the first.
    /// </summary>
    public static double SoftPenalty(TimetableProblem problem, IReadOnlyList<PlacedTalk> placements)
    {
        var w = problem.Weights;
        var byId = problem.Talks.ToDictionary(t => t.Id);
        if (problem.Talks.Any(t => t.Minutes != problem.SlotMinutes || t.Pinned is not null) || problem.MinimalChange)
            throw new ArgumentException("SoftPenalty counts one-slot, unpinned talks without minimal change only.", nameof(problem));
        static string Norm(string topic) => topic.Trim().ToUpperInvariant();
        var shared = problem.Talks.SelectMany(t => t.Topics.Select(Norm).Distinct()).GroupBy(t => t).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        List<string> TopicsOf(PlacedTalk p) => [.. byId[p.TalkId].Topics.Select(Norm).Distinct().Where(shared.Contains)];
        var capacities = problem.Rooms.Select(r => r.Capacity).Distinct().OrderDescending().ToList();
        var penalty = 0.0;
        foreach (var p in placements)
        {
            var talk = byId[p.TalkId];
            penalty += Math.Round(10 * w.PopularInSmallRoom * Math.Clamp(talk.Popularity, 0, 1) * capacities.IndexOf(problem.Rooms[p.Room].Capacity)) / 10;
            var topics = TopicsOf(p);
            if (topics.Count == 0)
                continue;
            var block = problem.Blocks.Single(b => b.Rooms.Contains(p.Room) && p.Start >= b.Start && p.Start + talk.Minutes <= b.End);
            var neighbour = placements.Any(q => q.Room == p.Room && (q.Start == p.Start + talk.Minutes || q.Start + byId[q.TalkId].Minutes == p.Start)
                && q.Start >= block.Start && q.Start + byId[q.TalkId].Minutes <= block.End && TopicsOf(q).Intersect(topics).Any());
            if (!neighbour)
                penalty += w.TopicNotAdjacent;
        }

        foreach (var running in placements.SelectMany(p => TopicsOf(p).Select(t => (Topic: t, p.Start))).GroupBy(x => x))
            penalty += w.TopicInParallel * Math.Max(0, running.Count() - 1);
        return penalty;
    }
}
