using System.Globalization;

namespace ReviewPortal.Planning.Timetabling;

/// <summary>
/// Why no timetable exists, in the chair's words. The counting checks are exact necessary conditions (each sentence is
/// a proof on its own) and cost nothing, so they run before any search; what they cannot see is left to CP-SAT's
/// assumptions (<see cref="TimetableSolver"/>).
/// </summary>
internal static class TimetableExplanations
{
    public static List<string> Counting(TimetableCandidates c)
    {
        var problem = c.Problem;
        var why = new List<string>(c.PinnedConflicts);

        // Per talk: no place at all.
        foreach (var i in c.Free.Where(i => c.ByTalk[i].Count == 0))
        {
            var talk = problem.Talks[i];
            if (!problem.Blocks.Any(b => b.End - b.Start >= talk.Minutes))
                why.Add($"\"{talk.Title}\" takes {talk.Minutes} minutes, longer than every block.");
            else if (c.BlockedBy[i].Count > 0)
                why.Add($"\"{talk.Title}\" fits in no block at a time all its speakers can make ({string.Join("; ", c.BlockedBy[i])}).");
            else
                why.Add($"\"{talk.Title}\" fits in no block: every place long enough is taken by a pinned item.");
        }

        if (why.Count > 0)
            return why;

        // The whole grid: slots needed against slots there are (pinned items inside blocks take theirs).
        var slot = problem.SlotMinutes;
        var cells = new List<int>(); // free raster cells per (block, room)
        var cellsOfBlock = new int[problem.Blocks.Count];
        for (var b = 0; b < problem.Blocks.Count; b++)
        {
            var block = problem.Blocks[b];
            var length = (block.End - block.Start) / slot;
            foreach (var room in block.Rooms)
            {
                var free = 0;
                for (var k = 0; k < length; k++)
                {
                    var s = block.Start + k * slot;
                    if (!c.Pinned.Any(p => problem.Talks[p].Pinned!.Room == room && problem.Talks[p].Pinned!.Start < s + slot && s < problem.Talks[p].Pinned!.Start + problem.Talks[p].Minutes))
                        free++;
                }

                cells.Add(free);
                cellsOfBlock[b] += free;
            }
        }

        var needed = c.Free.Sum(i => c.SlotsOf(problem.Talks[i]));
        var have = cells.Sum();
        if (needed > have)
        {
            why.Add($"{Count(c.Free.Length, "talk")} need {Count(needed, "slot")} of {slot} minutes; the grid has {have}. Add {needed - have} slots (a block or a room) or unschedule talks.");
            return why;
        }

        // Talks that can only go in some blocks (their speakers' times): per such set of blocks, the talks confined to
        // it need more slots than it has (Hall's condition over the sets the talks themselves define).
        var blocksOf = c.Free.ToDictionary(i => i, i => c.ByTalk[i].Select(x => x.Block).ToHashSet());
        foreach (var set in blocksOf.Values.Where(b => b.Count < problem.Blocks.Count).DistinctBy(b => string.Join(',', b.Order())).OrderBy(b => b.Count))
        {
            var confined = c.Free.Where(i => blocksOf[i].IsSubsetOf(set)).ToList();
            var need = confined.Sum(i => c.SlotsOf(problem.Talks[i]));
            var room = set.Sum(b => cellsOfBlock[b]);
            if (need > room)
            {
                var titles = confined.Count <= 8 ? ": " + string.Join(", ", confined.Select(i => $"\"{problem.Talks[i].Title}\"")) : "";
                why.Add($"{Count(confined.Count, "talk")} can only go in {string.Join(", ", set.Order().Select(b => problem.Blocks[b].Label))} " +
                    $"(the times their speakers can make){titles}; they need {need} slots and those blocks have {room}.");
                return why;
            }
        }

        // Talks of several slots need that many consecutive slots of one block.
        foreach (var k in c.Free.Select(i => c.SlotsOf(problem.Talks[i])).Where(k => k > 1).Distinct().Order())
        {
            var longTalks = c.Free.Count(i => c.SlotsOf(problem.Talks[i]) >= k);
            var fit = cells.Sum(n => n / k);
            if (longTalks > fit)
                why.Add($"{Count(longTalks, "talk")} of {k * slot} minutes or more need {k} consecutive slots in one block; the blocks hold only {fit} such.");
        }

        // Per speaker: their talks need more distinct times than they are free in.
        foreach (var group in c.Free.SelectMany(i => problem.Talks[i].SpeakerIds.Distinct().Select(s => (Speaker: s, Talk: i))).GroupBy(x => x.Speaker))
        {
            var talks = group.Select(x => x.Talk).ToList();
            if (talks.Count < 2)
                continue;
            var segments = talks.SelectMany(t => c.ByTalk[t]).SelectMany(x => Enumerable.Range(x.FirstSegment, x.SegmentCount)).Distinct().ToList();
            var freeMinutes = segments.Sum(s => c.Points[s + 1] - c.Points[s]);
            var neededMinutes = talks.Sum(t => problem.Talks[t].Minutes);
            if (neededMinutes > freeMinutes)
            {
                var busy = c.Speakers.TryGetValue(group.Key, out var spec) && spec.Busy.Count > 0
                    ? $" ({string.Join("; ", spec.Busy.Select(b => b.Reason))})"
                    : "";
                why.Add($"{c.SpeakerName(group.Key)} has {Count(talks.Count, "talk")} ({neededMinutes} minutes) but is free in only {freeMinutes / slot} slots of the grid{busy}.");
            }
        }

        return why;
    }

    /// <summary>A core of CP-SAT assumptions (talks, speakers, blocks that cannot all hold) as sentences.</summary>
    public static List<string> FromCore(TimetableCandidates c, IReadOnlyList<int> talks, IReadOnlyList<Guid> speakers, IReadOnlyList<int> blocks)
    {
        var problem = c.Problem;
        var why = new List<string>();
        var titles = string.Join(", ", talks.Select(t => $"\"{problem.Talks[t].Title}\""));
        var usable = talks.SelectMany(t => c.ByTalk[t]).Select(x => x.Block).Distinct().Order().Select(b => problem.Blocks[b].Label).ToList();
        var sentence = $"These {Count(talks.Count, "talk")} cannot all be placed: {titles}.";
        if (blocks.Count > 0)
            sentence += $" At the times their speakers can make, they only fit in {string.Join(", ", blocks.Select(b => problem.Blocks[b].Label))}, which have too few slots for them.";
        else if (usable.Count > 0)
            sentence += $" At the times their speakers can make, they only fit in {string.Join(", ", usable)}.";
        why.Add(sentence);
        if (speakers.Count > 0)
        {
            why.Add($"{string.Join(", ", speakers.Select(c.SpeakerName))} cannot be in two places at once: " +
                $"{(speakers.Count == 1 ? "their" : "these speakers'")} talks compete for the same few times.");
        }

        foreach (var s in speakers)
        {
            if (c.Speakers.TryGetValue(s, out var spec) && spec.Busy.Count > 0)
                why.Add($"{c.SpeakerName(s)}: {string.Join("; ", spec.Busy.Select(b => b.Reason))}.");
        }

        why.Add("Add a block or a room at a time these speakers can make, ask a speaker for more availability, or unschedule one of these talks.");
        return why;
    }

    private static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? noun : noun + "s");
}
