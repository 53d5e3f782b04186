using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Scheduling;

namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>
/// The mails of a publish, through the outbox (they commit with the version): each speaker with an address of a new
/// or moved talk gets one mail with the new time in the conference's zone and the talk's iCal event; speakers of a
/// removed talk get a short notice with the event's cancellation (iCal CANCEL); everyone else nothing.
/// </summary>
public sealed class PublishMails(IApplicationDbContext db, IEmailOutbox outbox, ILinkBuilder links)
{
    public async Task SendAsync(Track track, PublishedTimetable version, IReadOnlyList<TimetableChange> changes, CancellationToken cancellationToken)
    {
        var conference = track.Conference;
        var ids = changes.Select(c => c.ProposalId).ToList();
        var speakers = (await db.SubmissionSpeakers.AsNoTracking().Where(s => ids.Contains(s.SubmissionId)).ToListAsync(cancellationToken))
            .Where(s => !string.IsNullOrWhiteSpace(s.Email)).ToLookup(s => s.SubmissionId);
        var slots = version.Slots.ToDictionary(s => s.ProposalId);
        foreach (var change in changes)
        {
            var link = links.Submission(change.ProposalId);
            foreach (var speaker in speakers[change.ProposalId].OrderBy(s => s.Order).DistinctBy(s => s.Email!.Trim().ToUpperInvariant()))
            {
                if (change.Kind == TimetableChangeKind.Removed)
                {
                    var cancellation = TalkCalendar.Cancellation(change, conference.Name, track.Name, version.Number, version.PublishedUtc, link);
                    await outbox.EnqueueAsync("timetable.removed", speaker.Email!, speaker.Name, new
                    {
                        speaker.Name, change.Title, Track = track.Name, Conference = conference.Name, version.Number,
                        Version = version.Number, FromWhen = conference.Format(change.FromStartUtc!.Value), change.FromRoom, Link = link,
                        cancellation.FileName,
                    }, [cancellation], cancellationToken);
                    continue;
                }

                var slot = slots[change.ProposalId];
                var attachment = TalkCalendar.Attachment(slot, conference.Name, track.Name, version.Number, version.PublishedUtc, link);
                await outbox.EnqueueAsync("timetable.scheduled", speaker.Email!, speaker.Name, new
                {
                    speaker.Name, change.Title, Track = track.Name, Conference = conference.Name, Version = version.Number,
                    Moved = change.Kind == TimetableChangeKind.Moved,
                    When = conference.Format(slot.StartUtc),
                    EndTime = conference.ToLocal(slot.EndUtc).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                    slot.Room,
                    FromWhen = change.FromStartUtc is { } from ? conference.Format(from) : null,
                    change.FromRoom,
                    attachment.FileName,
                    Link = link,
                }, [attachment], cancellationToken);
            }
        }
    }
}
