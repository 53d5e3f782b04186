using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Reviews;

namespace ReviewPortal.Application.Features.Reminders;

/// <summary>
/// Run hourly by a recurring job. For each track in the review phase and each point d of
/// <see cref="Track.ReviewReminderDays"/> that is due (deadline − d days ≤ now &lt; deadline), every member with
/// unfinished reviews (assigned proposals the policy still lets them review, <see cref="ProposalView.WriteReview"/>,
/// without a submitted review) gets one mail, and each chair one summary of who has how many unfinished. After the
/// deadline (within <see cref="LateSummaryWithin"/>) each chair gets, once, the summary of who is late (point 0).
/// A <see cref="ReviewReminder"/> row per (track, person, point, kind), written in the mail's transaction and unique,
/// makes a second run send nothing. When several points are due at once (the job was down), only the latest
/// (nearest the deadline) is mailed and the earlier ones are recorded as passed, so nobody gets a burst of mails.
/// </summary>
[SystemCommand]
public sealed record SendReviewReminders : ICommand<int>
{
    /// <summary>How long after the deadline the chair's "late" summary is still sent (a track long closed gets none).</summary>
    public static readonly TimeSpan LateSummaryWithin = TimeSpan.FromDays(7);

    public const string MyReviewsPath = "/Reviews";
}

public sealed class SendReviewRemindersHandler(
    IApplicationDbContext db, PeopleViews views, IEmailOutbox outbox, ILinkBuilder links, TimeProvider clock)
    : ICommandHandler<SendReviewReminders, int>
{
    public async ValueTask<int> Handle(SendReviewReminders command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var lateFrom = now - SendReviewReminders.LateSummaryWithin;
        var tracks = await db.Tracks.AsNoTracking().Include(t => t.Conference)
            .Where(t => t.ReviewPhaseStartedUtc != null && t.ReviewDeadlineUtc > lateFrom)
            .ToListAsync(cancellationToken);
        var mails = 0;
        foreach (var track in tracks)
            mails += await RemindAsync(track, now, cancellationToken);
        return mails;
    }

    private async Task<int> RemindAsync(Track track, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deadline = track.ReviewDeadlineUtc;
        var late = now >= deadline;
        // The points due now, nearest the deadline first; after the deadline only point 0 (the late summary).
        var due = late
            ? [0]
            : track.ReviewReminderDays.Where(d => d > 0 && now >= deadline.AddDays(-d)).Distinct().Order().ToList();
        if (due.Count == 0)
            return 0;
        var point = due[0];

        var sent = await db.ReviewReminders.AsNoTracking().Where(r => r.TrackId == track.Id)
            .Select(r => new { r.PersonId, r.DaysBefore, r.Kind }).ToListAsync(cancellationToken);
        bool Sent(Guid person, int days, ReminderKind kind) => sent.Any(r => r.PersonId == person && r.DaysBefore == days && r.Kind == kind);

        var assignments = await (
                from a in db.ReviewAssignments.AsNoTracking()
                where a.TrackId == track.Id
                join s in db.Submissions on a.SubmissionId equals s.Id
                select new { a.SubmissionId, a.PersonId, s.Title })
            .ToListAsync(cancellationToken);
        var reviews = (await db.Reviews.AsNoTracking().Where(r => r.TrackId == track.Id)
                .Select(r => new { r.SubmissionId, r.PersonId, r.State }).ToListAsync(cancellationToken))
            .ToDictionary(r => (r.SubmissionId, r.PersonId), r => r.State);
        var committee = await db.CommitteeMembers.AsNoTracking().Where(m => m.TrackId == track.Id)
            .Join(db.People, m => m.PersonId, p => p.Id, (m, p) => new { p.Id, p.DisplayName, p.Email, m.Role })
            .ToListAsync(cancellationToken);
        var chairs = committee.Where(m => m.Role == CommitteeRole.Chair).ToList();
        var pairs = assignments.Select(a => (a.SubmissionId, a.PersonId))
            .Concat(chairs.SelectMany(c => assignments.Select(a => (a.SubmissionId, c.Id)))).Distinct().ToList();
        var view = await views.GetAsync(pairs, cancellationToken);

        // A review counts when the policy still lets its reviewer write it (assigned, seated, unconflicted, not a speaker).
        var counted = assignments.Where(a => view[(a.SubmissionId, a.PersonId)].WriteReview).Select(a => new
        {
            a.SubmissionId,
            a.PersonId,
            a.Title,
            State = reviews.TryGetValue((a.SubmissionId, a.PersonId), out var state) ? state : (ReviewState?)null,
        }).ToList();
        var mails = 0;
        var conference = track.Conference;
        var deadlineText = conference.Format(deadline);
        var timeLeft = TimeLeft(deadline - now);

        if (!late)
        {
            foreach (var member in committee.OrderBy(m => m.DisplayName, StringComparer.Ordinal))
            {
                var unfinished = counted.Where(c => c.PersonId == member.Id && c.State != ReviewState.Submitted)
                    .OrderBy(c => c.Title, StringComparer.Ordinal).ToList();
                if (unfinished.Count == 0 || Sent(member.Id, point, ReminderKind.Member))
                    continue;
                await outbox.EnqueueAsync("review.reminder", member.Email, member.DisplayName, new
                {
                    Name = member.DisplayName,
                    Track = track.Name,
                    Conference = conference.Name,
                    Deadline = deadlineText,
                    TimeLeft = timeLeft,
                    Count = unfinished.Count,
                    Proposals = unfinished.Select(u => new
                    {
                        u.Title,
                        Draft = u.State == ReviewState.Draft,
                        Link = links.Page($"/Proposals/{u.SubmissionId}/Review"),
                    }).ToList(),
                    MyReviews = links.Page(SendReviewReminders.MyReviewsPath),
                }, cancellationToken);
                Record(track.Id, member.Id, ReminderKind.Member, due, d => Sent(member.Id, d, ReminderKind.Member), now);
                mails++;
            }
        }

        foreach (var chair in chairs.OrderBy(c => c.DisplayName, StringComparer.Ordinal))
        {
            if (Sent(chair.Id, point, ReminderKind.ChairSummary))
                continue;
            // Each chair's summary counts only the proposals whose assignments that chair may see (not their conflicts).
            var theirs = counted.Where(c => view[(c.SubmissionId, chair.Id)].Assignments).ToList();
            var members = theirs.GroupBy(c => c.PersonId)
                .Select(g => new
                {
                    Name = committee.First(m => m.Id == g.Key).DisplayName,
                    Assigned = g.Count(),
                    Unfinished = g.Count(c => c.State != ReviewState.Submitted),
                })
                .Where(m => m.Unfinished > 0)
                .OrderByDescending(m => m.Unfinished).ThenBy(m => m.Name, StringComparer.Ordinal).ToList();
            await outbox.EnqueueAsync("review.chair-summary", chair.Email, chair.DisplayName, new
            {
                Name = chair.DisplayName,
                Track = track.Name,
                Conference = conference.Name,
                Deadline = deadlineText,
                TimeLeft = timeLeft,
                Late = late,
                Assigned = theirs.Count,
                Submitted = theirs.Count(c => c.State == ReviewState.Submitted),
                Unfinished = theirs.Count(c => c.State != ReviewState.Submitted),
                Members = members,
                Link = links.Page($"/Chair/Assignments?trackId={track.Id}"),
            }, cancellationToken);
            Record(track.Id, chair.Id, ReminderKind.ChairSummary, due, d => Sent(chair.Id, d, ReminderKind.ChairSummary), now);
            mails++;
        }

        return mails;
    }

    /// <summary>The point mailed and the earlier points that passed unmailed (the job was down): none of them is sent later.</summary>
    private void Record(Guid trackId, Guid personId, ReminderKind kind, IReadOnlyList<int> due, Func<int, bool> sent, DateTimeOffset now)
    {
        foreach (var days in due.Where(d => !sent(d)))
            db.ReviewReminders.Add(new ReviewReminder { TrackId = trackId, PersonId = personId, DaysBefore = days, Kind = kind, SentUtc = now });
    }

    /// <summary>"6 days 23 hours", "5 hours 10 minutes".</summary>
    internal static string TimeLeft(TimeSpan left)
    {
        static string Of(int n, string unit) => string.Create(CultureInfo.InvariantCulture, $"{n} {unit}{(n == 1 ? "" : "s")}");
        if (left < TimeSpan.Zero)
            left = TimeSpan.Zero;
        if (left.TotalDays >= 1)
            return left.Hours == 0 ? Of(left.Days, "day") : $"{Of(left.Days, "day")} {Of(left.Hours, "hour")}";
        if (left.TotalHours >= 1)
            return left.Minutes == 0 ? Of(left.Hours, "hour") : $"{Of(left.Hours, "hour")} {Of(left.Minutes, "minute")}";
        return Of(Math.Max(1, left.Minutes), "minute");
    }
}
