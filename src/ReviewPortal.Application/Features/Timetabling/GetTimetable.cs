using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Scheduling;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>The working copy of a track's timetable for its editor: grid, placed and unplaced items, the hard-rule warnings and what a publish would change. Chairs only.</summary>
public sealed record GetTimetable(Guid TrackId) : IQuery<TimetableView>;

public sealed record TimetableView(
    Guid TrackId, string Track, string Conference, string TimeZone, int SlotMinutes, int Version, int? PublishedVersion,
    IReadOnlyList<GridRoom> Rooms, IReadOnlyList<TimetableBlockView> Blocks, IReadOnlyList<TimetableBreakView> Breaks, IReadOnlyList<DateOnly> Days,
    IReadOnlyList<TimetableSlotView> Slots, IReadOnlyList<UnplacedItemView> Unplaced, IReadOnlyList<TimetableWarning> Warnings,
    ChangeCounts Changes, IReadOnlyList<TimetableChange> ChangeLines);

/// <summary>A block with its UTC bounds (what the editor lays out) beside the wall-clock times it was entered in.</summary>
public sealed record TimetableBlockView(DateOnly Day, TimeOnly Start, TimeOnly End, DateTimeOffset StartUtc, DateTimeOffset EndUtc, IReadOnlyList<string> Rooms);

public sealed record TimetableBreakView(DateOnly Day, TimeOnly Start, TimeOnly End, DateTimeOffset StartUtc, DateTimeOffset EndUtc, string Title);

/// <summary>A placed item: <see cref="Start"/>/<see cref="End"/> are UTC instants; its warnings are the messages of the rules it breaks.</summary>
public sealed record TimetableSlotView(
    Guid ProposalId, string Room, DateTimeOffset Start, DateTimeOffset End, string Title, SubmissionKind Kind, int Minutes,
    IReadOnlyList<string> Speakers, bool Pinned, bool OnProgramme, IReadOnlyList<string> Warnings);

public sealed record UnplacedItemView(Guid ProposalId, string Title, SubmissionKind Kind, int Minutes, IReadOnlyList<string> Speakers);

public sealed class GetTimetableHandler(IApplicationDbContext db, TrackAccess tracks) : IQueryHandler<GetTimetable, TimetableView>
{
    public async ValueTask<TimetableView> Handle(GetTimetable query, CancellationToken cancellationToken)
    {
        var track = await tracks.ReadTrackForChairAsync(query.TrackId, cancellationToken);
        var facts = await TimetableFacts.LoadAsync(db, track, tracked: false, cancellationToken);
        var latest = await TimetableViews.LatestPublishedAsync(db, track.Id, cancellationToken);
        return TimetableViews.Of(facts, facts.Warnings(), latest);
    }
}

public static class TimetableViews
{
    public static Task<PublishedTimetable?> LatestPublishedAsync(IApplicationDbContext db, Guid trackId, CancellationToken cancellationToken) =>
        db.PublishedTimetables.AsNoTracking().Where(p => p.TrackId == trackId).OrderByDescending(p => p.Number).FirstOrDefaultAsync(cancellationToken);

    public static IReadOnlyList<PlacedItem> Placed(TimetableFacts facts) =>
        [.. facts.Slots.Where(s => facts.Items.ContainsKey(s.SubmissionId))
            .Select(s => new PlacedItem(s.SubmissionId, facts.Items[s.SubmissionId].Title, s.Room, s.StartUtc))];

    public static TimetableView Of(TimetableFacts facts, IReadOnlyList<TimetableWarning> warnings, PublishedTimetable? latest)
    {
        var conference = facts.Conference;
        var grid = facts.Timetable;
        var byItem = warnings.SelectMany(w => w.ProposalIds.Select(id => (id, w.Message))).ToLookup(x => x.id, x => x.Message);
        static IReadOnlyList<string> Names(Submission s) => [.. s.Speakers.OrderBy(sp => sp.Order).Select(sp => sp.Name)];
        var slots = facts.Slots.Where(s => facts.Items.ContainsKey(s.SubmissionId)).OrderBy(s => s.StartUtc).ThenBy(s => s.Room, StringComparer.Ordinal)
            .Select(s =>
            {
                var item = facts.Items[s.SubmissionId];
                return new TimetableSlotView(s.SubmissionId, s.Room, s.StartUtc, s.EndUtc, item.Title, item.Kind, item.DurationMinutes, Names(item),
                    s.Pinned, TimetableItems.IsOnProgramme(item), [.. byItem[s.SubmissionId].Distinct()]);
            }).ToList();
        var placed = facts.Slots.Select(s => s.SubmissionId).ToHashSet();
        var unplaced = facts.Items.Values.Where(i => !placed.Contains(i.Id) && TimetableItems.IsOnProgramme(i))
            .OrderBy(i => i.Kind).ThenBy(i => i.Title, StringComparer.Ordinal)
            .Select(i => new UnplacedItemView(i.Id, i.Title, i.Kind, i.DurationMinutes, Names(i))).ToList();
        var blocks = grid.Blocks.OrderBy(b => b.Day).ThenBy(b => b.Start)
            .Select(b => new TimetableBlockView(b.Day, b.Start, b.End, conference.FromLocal(b.Day.ToDateTime(b.Start)), conference.FromLocal(b.Day.ToDateTime(b.End)), b.Rooms))
            .ToList();
        var breaks = grid.Breaks.OrderBy(b => b.Day).ThenBy(b => b.Start)
            .Select(b => new TimetableBreakView(b.Day, b.Start, b.End, conference.FromLocal(b.Day.ToDateTime(b.Start)), conference.FromLocal(b.Day.ToDateTime(b.End)), b.Title))
            .ToList();
        var days = blocks.Select(b => b.Day).Concat(breaks.Select(b => b.Day))
            .Concat(slots.Select(s => DateOnly.FromDateTime(conference.ToLocal(s.Start).DateTime)))
            .Distinct().Order().ToList();
        var changes = TimetableChanges.Between(latest, Placed(facts));
        return new TimetableView(facts.Track.Id, facts.Track.Name, conference.Name, conference.TimeZoneId, facts.Track.SlotMinutes, grid.Version,
            grid.PublishedVersion, grid.Rooms, blocks, breaks, days, slots, unplaced, warnings, ChangeCounts.Of(changes), changes);
    }
}
