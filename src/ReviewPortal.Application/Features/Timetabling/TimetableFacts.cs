using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Scheduling;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>
/// What the editor, the rules and publishing read about a track's working copy, loaded in a fixed number of
/// statements: the grid, the slots, every item on the programme or placed (with speakers and confirmation), and the
/// placed items of the conference's other tracks (for double-booked speakers).
/// </summary>
public sealed record TimetableFacts(
    Track Track, Timetable Timetable, IReadOnlyList<TimetableSlot> Slots, IReadOnlyDictionary<Guid, Submission> Items,
    IReadOnlyDictionary<Guid, SpeakerConfirmation> Confirmations, IReadOnlyList<OtherTrackItem> OtherTracks)
{
    public const string NoGrid = "This track has no timetable grid yet: set up its rooms and blocks first.";

    public Conference Conference => Track.Conference;

    /// <summary>The facts as the rules see them, one <see cref="RuleItem"/> per item on the programme or placed.</summary>
    public IReadOnlyList<RuleItem> RuleItems()
    {
        var slots = Slots.ToDictionary(s => s.SubmissionId);
        return [.. Items.Values.Select(s =>
        {
            Confirmations.TryGetValue(s.Id, out var confirmation);
            var placement = slots.TryGetValue(s.Id, out var slot) ? new RulePlacement(slot.Room, slot.StartUtc, slot.EndUtc, slot.Pinned) : null;
            return new RuleItem(s.Id, s.Title, TimetableItems.IsOnProgramme(s), placement, AttendingSpeakers(s, confirmation),
                confirmation?.Unavailable.Select(u => (u.StartUtc, u.EndUtc)).ToList() ?? []);
        })];
    }

    public IReadOnlyList<TimetableWarning> Warnings() =>
        TimetableRules.Check(Conference, Track.SlotMinutes, Timetable, RuleItems(), OtherTracks);

    /// <summary>Speakers who will come (co-speakers the confirmation names as absent are not double-booked anywhere).</summary>
    public static IReadOnlyList<RuleSpeaker> AttendingSpeakers(Submission submission, SpeakerConfirmation? confirmation) =>
        [.. submission.Speakers.Where(sp => confirmation is null || !confirmation.AbsentSpeakerIds.Contains(sp.Id))
            .OrderBy(sp => sp.Order).Select(sp => new RuleSpeaker(SpeakerIdentity.Of(sp.PersonId, sp.Email, sp.Id), sp.Name))];

    /// <param name="track">The track, read with its conference (the caller checked the chair's rights).</param>
    /// <param name="tracked">Tracked timetable, slots and items (to change them), or read-only.</param>
    public static async Task<TimetableFacts> LoadAsync(IApplicationDbContext db, Track track, bool tracked, CancellationToken cancellationToken)
    {
        var timetables = tracked ? db.Timetables : db.Timetables.AsNoTracking();
        var timetable = await timetables.SingleOrDefaultAsync(t => t.TrackId == track.Id, cancellationToken)
            ?? throw new NotFoundException(NoGrid);
        var slotQuery = tracked ? db.TimetableSlots : db.TimetableSlots.AsNoTracking();
        var slots = await slotQuery.Where(s => s.TrackId == track.Id).ToListAsync(cancellationToken);
        var placedIds = slots.Select(s => s.SubmissionId).ToList();
        var submissions = tracked ? db.Submissions : db.Submissions.AsNoTracking();
        var items = await submissions.Include(s => s.Speakers).AsSplitQuery()
            .Where(s => s.TrackId == track.Id)
            .Where(TimetableItems.OnProgramme)
            .ToListAsync(cancellationToken);
        var missing = placedIds.Except(items.Select(i => i.Id)).ToList();
        if (missing.Count > 0)
            items.AddRange(await submissions.Include(s => s.Speakers).AsSplitQuery().Where(s => missing.Contains(s.Id)).ToListAsync(cancellationToken));
        var ids = items.Select(i => i.Id).ToList();
        var confirmations = await db.SpeakerConfirmations.AsNoTracking().Where(c => ids.Contains(c.SubmissionId)).ToListAsync(cancellationToken);

        var others = await (from slot in db.TimetableSlots.AsNoTracking()
                            join other in db.Tracks.AsNoTracking() on slot.TrackId equals other.Id
                            where other.ConferenceId == track.ConferenceId && other.Id != track.Id
                            select new { slot.SubmissionId, slot.StartUtc, slot.EndUtc, Track = other.Name }).ToListAsync(cancellationToken);
        var otherItems = new List<OtherTrackItem>();
        if (others.Count > 0)
        {
            var otherIds = others.Select(o => o.SubmissionId).ToList();
            var otherSubmissions = await db.Submissions.AsNoTracking().Include(s => s.Speakers).AsSplitQuery()
                .Where(s => otherIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
            var otherConfirmations = await db.SpeakerConfirmations.AsNoTracking().Where(c => otherIds.Contains(c.SubmissionId))
                .ToDictionaryAsync(c => c.SubmissionId, cancellationToken);
            foreach (var o in others)
            {
                var s = otherSubmissions[o.SubmissionId];
                otherItems.Add(new OtherTrackItem(s.Id, s.Title, o.Track, o.StartUtc, o.EndUtc,
                    AttendingSpeakers(s, otherConfirmations.GetValueOrDefault(s.Id))));
            }
        }

        return new TimetableFacts(track, timetable, slots, items.ToDictionary(i => i.Id),
            confirmations.GroupBy(c => c.SubmissionId).ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.OfferedUtc).First()), otherItems);
    }
}
