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
}
