using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Features.Proposals;

namespace ReviewPortal.Application.Features.Discussion;

/// <summary>
/// Run every few minutes by a recurring job. Each person with unsent <see cref="Domain.Reviews.DiscussionNotice"/>s
/// whose previous digest went out at least <see cref="MinimumGap"/> ago (or never) gets ONE mail listing every pending
/// comment, and those notices are marked sent in the same transaction: at most one digest per person per hour, and a
/// retried or overlapping run sends nothing twice (a notice is claimed by an update that only takes unsent rows).
/// At send time the policy is asked again: a notice about a proposal the recipient may no longer discuss (a conflict
/// declared since, a seat removed) is dropped unsent. The digest names the comments' authors (committee members) and
/// never the speakers, so it is the same in blind review.
/// </summary>
[SystemCommand]
public sealed record SendDiscussionDigests : ICommand<int>
{
    public static readonly TimeSpan MinimumGap = TimeSpan.FromHours(1);

    /// <summary>How much of a comment the mail quotes.</summary>
    public const int ExcerptLength = 600;

    /// <summary>Recipients per run: a backlog drains over the next runs, each transaction stays short.</summary>
    public const int MaxRecipientsPerRun = 200;
}

public sealed class SendDiscussionDigestsHandler(
    IApplicationDbContext db, PeopleViews views, IEmailOutbox outbox, ILinkBuilder links, TimeProvider clock)
    : ICommandHandler<SendDiscussionDigests, int>
{
    public async ValueTask<int> Handle(SendDiscussionDigests command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var quietSince = now - SendDiscussionDigests.MinimumGap;
        // Whoever has something pending and got no digest within the hour (the last one is the newest SentUtc of theirs).
        var due = await db.DiscussionNotices.AsNoTracking()
            .Where(n => n.SentUtc == null)
            .Select(n => n.RecipientId).Distinct()
            .Where(r => !db.DiscussionNotices.Any(s => s.RecipientId == r && s.SentUtc != null && s.SentUtc > quietSince))
            .OrderBy(r => r)
            .Take(SendDiscussionDigests.MaxRecipientsPerRun)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
            return 0;

        var pending = await (
                from n in db.DiscussionNotices.AsNoTracking()
                where n.SentUtc == null && due.Contains(n.RecipientId)
                join c in db.DiscussionComments on n.CommentId equals c.Id
                join a in db.People on c.AuthorId equals a.Id
                join s in db.Submissions on c.SubmissionId equals s.Id
                select new
                {
                    n.Id,
                    n.RecipientId,
                    c.SubmissionId,
                    c.CreatedUtc,
                    c.Body,
                    Author = a.DisplayName,
                    s.Title,
                    Track = s.Track.Name,
                    Conference = s.Track.Conference.Name,
                    Zone = s.Track.Conference.TimeZoneId,
                })
            .ToListAsync(cancellationToken);
        var may = await views.GetAsync(pending.Select(p => (p.SubmissionId, p.RecipientId)).Distinct().ToList(), cancellationToken);
        var people = await db.People.AsNoTracking().Where(p => due.Contains(p.Id))
            .Select(p => new { p.Id, p.DisplayName, p.Email }).ToDictionaryAsync(p => p.Id, cancellationToken);

        var mailed = 0;
        foreach (var group in pending.GroupBy(p => p.RecipientId))
        {
            var allowed = group.Where(n => may[(n.SubmissionId, n.RecipientId)].Discussion).ToList();
            var dropped = group.Where(n => !may[(n.SubmissionId, n.RecipientId)].Discussion).Select(n => n.Id).ToList();
            if (dropped.Count > 0)
                await db.DiscussionNotices.Where(n => dropped.Contains(n.Id)).ExecuteDeleteAsync(cancellationToken);
            if (allowed.Count == 0 || !people.TryGetValue(group.Key, out var person))
                continue;

            // Claim the notices: a run that took them first (and has committed, or holds their row locks until it does)
            // leaves this update fewer rows than expected, and this run backs off instead of mailing them again.
            var ids = allowed.Select(n => n.Id).ToList();
            var claimed = await db.DiscussionNotices.Where(n => ids.Contains(n.Id) && n.SentUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.SentUtc, now), cancellationToken);
            if (claimed != ids.Count)
                throw new ConcurrencyConflictException("Another digest run is sending the same discussion notices; this run stops and the next one goes on.");

            var proposals = allowed.GroupBy(n => n.SubmissionId)
                .Select(g => new
                {
                    g.First().Title,
                    g.First().Track,
                    g.First().Conference,
                    Link = links.Submission(g.Key) + "#discussion",
                    Comments = g.OrderBy(n => n.CreatedUtc).Select(n => new
                    {
                        n.Author,
                        When = Format(n.CreatedUtc, n.Zone),
                        Text = Excerpt(n.Body),
                    }).ToList(),
                })
                .OrderBy(p => p.Title, StringComparer.Ordinal).ToList();
            await outbox.EnqueueAsync("discussion.digest", person.Email, person.DisplayName, new
            {
                Name = person.DisplayName,
                Count = allowed.Count,
                ProposalCount = proposals.Count,
                Proposals = proposals,
            }, cancellationToken);
            mailed++;
        }

        return mailed;
    }

    private static string Format(DateTimeOffset utc, string zone) =>
        new Domain.Conferences.Conference { TimeZoneId = zone }.Format(utc);

    /// <summary>The comment's start, on whole words, with "…" when cut.</summary>
    internal static string Excerpt(string body)
    {
        var text = body.ReplaceLineEndings("\n").Trim();
        if (text.Length <= SendDiscussionDigests.ExcerptLength)
            return text;
        var cut = text.LastIndexOf(' ', SendDiscussionDigests.ExcerptLength);
        return text[..(cut > SendDiscussionDigests.ExcerptLength / 2 ? cut : SendDiscussionDigests.ExcerptLength)].TrimEnd() + " …";
    }
}
