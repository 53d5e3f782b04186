using System.Globalization;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Scheduling;

namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>The hard rules a working copy can break; publishing is refused while any is broken.</summary>
public enum TimetableRule
{
    SpeakerDoubleBooked,
    SpeakerUnavailable,
    RoomOverlap,
    OutsideBlock,
    OffRaster,
    CrossesBlockEnd,
    UnknownRoom,
    NotPlaced,
    NoLongerOnProgramme,
}

/// <summary>One broken hard rule, in a sentence a chair can act on; <see cref="ProposalIds"/> are the items involved.</summary>
public sealed record TimetableWarning(TimetableRule Rule, IReadOnlyList<Guid> ProposalIds, string Message);

/// <summary>A speaker as the rules see them: <see cref="Key"/> is the person's id where they have an account (one person in two tracks is one speaker), else the speaker row's id.</summary>
public sealed record RuleSpeaker(Guid Key, string Name);

/// <summary>
/// One item of the track as the rules see it: whether it is on the programme now, where it is placed (null: not
/// placed), its attending speakers and the times they cannot make.
/// </summary>
public sealed record RuleItem(
    Guid ProposalId, string Title, bool OnProgramme, RulePlacement? Placement, IReadOnlyList<RuleSpeaker> Speakers,
    IReadOnlyList<(DateTimeOffset StartUtc, DateTimeOffset EndUtc)> Unavailable);

public sealed record RulePlacement(string Room, DateTimeOffset StartUtc, DateTimeOffset EndUtc, bool Pinned);

/// <summary>An item placed in another track of the same conference (its working copy), for double-booked speakers.</summary>
public sealed record OtherTrackItem(Guid ProposalId, string Title, string Track, DateTimeOffset StartUtc, DateTimeOffset EndUtc, IReadOnlyList<RuleSpeaker> Speakers);

/// <summary>
/// The hard-rule checker of the working copy: pure, so the editor's warnings, the PUT's answer and the publish
/// refusal are one computation over the same facts (<see cref="TimetableFacts"/> loads them).
/// </summary>
public static class TimetableRules
{
    public static IReadOnlyList<TimetableWarning> Check(Conference conference, int slotMinutes, Timetable grid, IReadOnlyList<RuleItem> items,
        IReadOnlyList<OtherTrackItem> otherTracks)
    {
        var warnings = new List<TimetableWarning>();
        var rooms = grid.Rooms.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var blocks = grid.Blocks.Select(b => (Block: b,
            Start: conference.FromLocal(b.Day.ToDateTime(b.Start)), End: conference.FromLocal(b.Day.ToDateTime(b.End)))).ToList();
        string When(DateTimeOffset utc) => conference.Format(utc);

        foreach (var item in items.OrderBy(i => i.Placement?.StartUtc).ThenBy(i => i.Title, StringComparer.Ordinal))
        {
            if (item.Placement is not { } at)
            {
                if (item.OnProgramme)
                    warnings.Add(new(TimetableRule.NotPlaced, [item.ProposalId], $"\"{item.Title}\" is on the programme but not placed."));
                continue;
            }

            if (!item.OnProgramme)
                warnings.Add(new(TimetableRule.NoLongerOnProgramme, [item.ProposalId],
                    $"\"{item.Title}\" is placed at {When(at.StartUtc)} but is no longer on the programme (declined or withdrawn): unschedule it."));
            if (!rooms.Contains(at.Room))
            {
                warnings.Add(new(TimetableRule.UnknownRoom, [item.ProposalId], $"\"{item.Title}\" is in the room \"{at.Room}\", which is not in the grid."));
            }
            else if (!at.Pinned)
            {
                // The block rule: pinned items (the opening just before the first block) are exempt.
                var inRoom = blocks.Where(b => b.Block.Rooms.Contains(at.Room, StringComparer.Ordinal)).ToList();
                var starting = inRoom.FirstOrDefault(b => at.StartUtc >= b.Start && at.StartUtc < b.End);
                if (starting.Block is null)
                    warnings.Add(new(TimetableRule.OutsideBlock, [item.ProposalId],
                        $"\"{item.Title}\" starts at {When(at.StartUtc)} in {at.Room}, outside every block of that room."));
                else if (at.EndUtc > starting.End)
                    warnings.Add(new(TimetableRule.CrossesBlockEnd, [item.ProposalId],
                        $"\"{item.Title}\" runs until {When(at.EndUtc)}, past the end of its block ({When(starting.End)})."));
                if (starting.Block is not null && (at.StartUtc - starting.Start).TotalMinutes % slotMinutes != 0)
                    warnings.Add(new(TimetableRule.OffRaster, [item.ProposalId], string.Create(CultureInfo.InvariantCulture,
                        $"\"{item.Title}\" starts at {When(at.StartUtc)}, off the {slotMinutes}-minute slots of its block (from {When(starting.Start)}).")));
            }

            foreach (var busy in item.Unavailable.Where(u => u.StartUtc < at.EndUtc && at.StartUtc < u.EndUtc))
                warnings.Add(new(TimetableRule.SpeakerUnavailable, [item.ProposalId],
                    $"The speakers of \"{item.Title}\" cannot make {When(busy.StartUtc)} – {When(busy.EndUtc)}, and it is placed at {When(at.StartUtc)}."));
        }

        var placed = items.Where(i => i.Placement is not null).OrderBy(i => i.Placement!.StartUtc).ThenBy(i => i.ProposalId).ToList();
        for (var a = 0; a < placed.Count; a++)
        {
            for (var b = a + 1; b < placed.Count; b++)
            {
                var (x, y) = (placed[a], placed[b]);
                if (y.Placement!.StartUtc >= x.Placement!.EndUtc)
                    break; // sorted by start: nothing later overlaps x
                if (string.Equals(x.Placement.Room, y.Placement.Room, StringComparison.Ordinal))
                    warnings.Add(new(TimetableRule.RoomOverlap, [x.ProposalId, y.ProposalId],
                        $"\"{x.Title}\" and \"{y.Title}\" overlap in {x.Placement.Room} at {When(y.Placement.StartUtc)}."));
                foreach (var speaker in Shared(x.Speakers, y.Speakers))
                    warnings.Add(new(TimetableRule.SpeakerDoubleBooked, [x.ProposalId, y.ProposalId],
                        $"{speaker.Name} speaks in \"{x.Title}\" and \"{y.Title}\" at the same time ({When(y.Placement.StartUtc)})."));
            }

            foreach (var other in otherTracks.Where(o => o.StartUtc < placed[a].Placement!.EndUtc && placed[a].Placement!.StartUtc < o.EndUtc))
            foreach (var speaker in Shared(placed[a].Speakers, other.Speakers))
                warnings.Add(new(TimetableRule.SpeakerDoubleBooked, [placed[a].ProposalId, other.ProposalId],
                    $"{speaker.Name} speaks in \"{placed[a].Title}\" and, in the {other.Track}, \"{other.Title}\" at the same time ({When(placed[a].Placement!.StartUtc)})."));
        }

        return warnings;
    }

    private static IEnumerable<RuleSpeaker> Shared(IReadOnlyList<RuleSpeaker> a, IReadOnlyList<RuleSpeaker> b) =>
        a.Where(s => b.Any(t => t.Key == s.Key)).DistinctBy(s => s.Key);
}
