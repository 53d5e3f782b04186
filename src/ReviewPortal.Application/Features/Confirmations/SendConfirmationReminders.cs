using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Domain.Decisions;

namespace ReviewPortal.Application.Features.Confirmations;

/// <summary>
/// Run hourly by a recurring job. For each open offer with a deadline (the chair's extension, else the track's), at
/// each point d of the track's <see cref="Domain.Conferences.Track.ConfirmationReminderDays"/> that is due
/// (due − d days ≤ now &lt; due), each speaker with an address gets one mail with their own confirm link. A
/// <see cref="ConfirmationReminder"/> row per (talk, point), written in the mail's transaction and unique, makes a second
/// run send nothing; when several points are due at once (the job was down) only the latest is mailed and the earlier
/// ones are recorded as passed. An answered offer gets none.
/// </summary>
[SystemCommand]
public sealed record SendConfirmationReminders : ICommand<int>;

public sealed class SendConfirmationRemindersHandler(IApplicationDbContext db, IEmailOutbox outbox, ILinkBuilder links, IConfirmationTokens tokens,
    TimeProvider clock) : ICommandHandler<SendConfirmationReminders, int>
{
    public async ValueTask<int> Handle(SendConfirmationReminders command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var waiting = await db.SpeakerConfirmations.AsNoTracking().Where(c => c.Answer == ConfirmationAnswer.Waiting).ToListAsync(cancellationToken);
        var trackIds = waiting.Select(c => c.TrackId).Distinct().ToList();
        var tracks = await db.Tracks.AsNoTracking().Include(t => t.Conference).Where(t => trackIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, cancellationToken);
        var open = waiting.Select(c => new { Offer = c, Track = tracks[c.TrackId] })
            .Where(x => x.Offer.DueUtc(x.Track) is { } due && due > now)
            .ToList();
        if (open.Count == 0)
            return 0;
        var ids = open.Select(o => o.Offer.SubmissionId).ToList();
        var sent = (await db.ConfirmationReminders.AsNoTracking().Where(r => ids.Contains(r.SubmissionId))
                .Select(r => new { r.SubmissionId, r.DaysBefore }).ToListAsync(cancellationToken))
            .ToHashSet();
        var submissions = await db.Submissions.AsNoTracking().Include(s => s.Speakers)
            .Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);

        var mails = 0;
        foreach (var (offer, track) in open.Select(o => (o.Offer, o.Track)))
        {
            var due = offer.DueUtc(track)!.Value;
            // The points due now, nearest the deadline first.
            var points = track.ConfirmationReminderDays.Where(d => d > 0 && now >= due.AddDays(-d)).Distinct().Order().ToList();
            var unsent = points.Where(d => !sent.Contains(new { SubmissionId = offer.SubmissionId, DaysBefore = d })).ToList();
            if (unsent.Count == 0 || unsent[0] != points[0])
                continue; // the latest point is mailed already; earlier ones never are
            var submission = submissions[offer.SubmissionId];
            var conference = track.Conference;
            foreach (var speaker in submission.Speakers.Where(s => !string.IsNullOrWhiteSpace(s.Email)).OrderBy(s => s.Order))
            {
                await outbox.EnqueueAsync("confirmation.reminder", speaker.Email!, speaker.Name, new
                {
                    speaker.Name,
                    submission.Title,
                    Track = track.Name,
                    Conference = conference.Name,
                    Deadline = conference.Format(due),
                    TimeLeft = Reminders.SendReviewRemindersHandler.TimeLeft(due - now),
                    Link = links.ConfirmTalk(tokens.Issue(new ConfirmationTicket(offer.Id, submission.Id, speaker.Id))),
                }, cancellationToken);
                mails++;
            }

            foreach (var days in unsent)
                db.ConfirmationReminders.Add(new ConfirmationReminder { SubmissionId = offer.SubmissionId, DaysBefore = days, SentUtc = now });
        }

        return mails;
    }
}
