using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Decisions;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Confirmations;

/// <summary>Which offers the chair's list shows.</summary>
public enum ConfirmationFilter
{
    All = 0,
    Waiting = 1,
    Overdue = 2,
    Confirmed = 3,
    Declined = 4,
}

/// <summary>
/// The chair's view of a track's offers: every offered talk with its answer (confirmed, declined with the reason,
/// waiting with the due time, overdue), and the waitlist in the order it is offered. A talk the chair is conflicted on
/// shows only its title, and no action.
/// </summary>
public sealed record ListConfirmations(Guid TrackId, ConfirmationFilter Filter = ConfirmationFilter.All) : IQuery<TrackConfirmations>;

public sealed record TrackConfirmations(
    Guid TrackId,
    string Track,
    string Conference,
    string TimeZone,
    WaitlistPromotion Promotion,
    DateTimeOffset? DeadlineUtc,
    string? Deadline,
    ConfirmationCounts Counts,
    IReadOnlyList<ConfirmationRow> Offers,
    IReadOnlyList<WaitlistRow> Waitlist,
    /// <summary>The chair may offer the next slot now: a waitlist and a talk given up that was not yet replaced, or ChairConfirms.</summary>
    bool CanPromote);

public sealed record ConfirmationCounts(int Confirmed, int Declined, int Waiting, int Overdue);

public sealed record ConfirmationRow(
    Guid ProposalId,
    string Title,
    bool Conflicted,
    ConfirmationAnswer State,
    bool Overdue,
    DateTimeOffset? DueUtc,
    string? Due,
    bool Extended,
    bool PromotedFromWaitlist,
    IReadOnlyList<string> Speakers,
    string? DeclineReason,
    string? Answered,
    IReadOnlyList<UnavailableView> Unavailable,
    IReadOnlyList<string> AbsentSpeakers,
    bool CanManage);

public sealed record WaitlistRow(Guid ProposalId, string Title, bool Conflicted, int? Rank);

public sealed class ListConfirmationsHandler(IApplicationDbContext db, TrackAccess tracks, ProposalAccess proposals, TimeProvider clock)
    : IQueryHandler<ListConfirmations, TrackConfirmations>
{
    public async ValueTask<TrackConfirmations> Handle(ListConfirmations query, CancellationToken cancellationToken)
    {
        var track = await tracks.ReadTrackForChairAsync(query.TrackId, cancellationToken);
        var conference = track.Conference;
        var views = await proposals.GetViewsForTrackAsync(track.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var offers = await db.SpeakerConfirmations.AsNoTracking().Where(c => c.TrackId == track.Id)
            .Join(db.Submissions.AsNoTracking(), c => c.SubmissionId, s => s.Id, (c, s) => new { Offer = c, s.Title, s.Status })
            .ToListAsync(cancellationToken);
        var submissionIds = offers.Select(o => o.Offer.SubmissionId).ToList();
        var speakers = (await db.SubmissionSpeakers.AsNoTracking().Where(s => submissionIds.Contains(s.SubmissionId))
                .OrderBy(s => s.Order).Select(s => new { s.SubmissionId, s.Id, s.Name }).ToListAsync(cancellationToken))
            .ToLookup(s => s.SubmissionId);

        var rows = offers.Select(o =>
        {
            var offer = o.Offer;
            var view = views.GetValueOrDefault(offer.SubmissionId);
            var conflicted = view is null || view.IsConflicted || !view.ManageConfirmation && !view.Decision;
            var names = speakers[offer.SubmissionId].ToList();
            var due = offer.DueUtc(track);
            return new ConfirmationRow(
                offer.SubmissionId,
                o.Title,
                conflicted,
                offer.Answer,
                offer.IsOverdue(track, now),
                due,
                due is { } d ? conference.Format(d) : null,
                offer.ExtendedUntilUtc is not null,
                offer.PromotedFromWaitlist,
                conflicted ? [] : names.Select(n => n.Name).ToList(),
                conflicted ? null : offer.DeclineReason,
                offer.AnsweredUtc is { } a ? conference.Format(a) : null,
                conflicted ? [] : offer.Unavailable.Select(b => new UnavailableView(b.StartUtc, b.EndUtc, conference.Format(b.StartUtc), conference.Format(b.EndUtc))).ToList(),
                conflicted ? [] : names.Where(n => offer.AbsentSpeakerIds.Contains(n.Id)).Select(n => n.Name).ToList(),
                CanManage: view?.ManageConfirmation == true);
        }).ToList();

        var counts = new ConfirmationCounts(
            rows.Count(r => r.State == ConfirmationAnswer.Confirmed),
            rows.Count(r => r.State is ConfirmationAnswer.Declined or ConfirmationAnswer.SlotReleased),
            rows.Count(r => r.State == ConfirmationAnswer.Waiting && !r.Overdue),
            rows.Count(r => r.Overdue));
        var shown = rows.Where(r => query.Filter switch
            {
                ConfirmationFilter.Waiting => r.State == ConfirmationAnswer.Waiting,
                ConfirmationFilter.Overdue => r.Overdue,
                ConfirmationFilter.Confirmed => r.State == ConfirmationAnswer.Confirmed,
                ConfirmationFilter.Declined => r.State is ConfirmationAnswer.Declined or ConfirmationAnswer.SlotReleased,
                _ => true,
            })
            // What needs the chair first: overdue, then waiting by due time, then the answered.
            .OrderByDescending(r => r.Overdue).ThenBy(r => r.State != ConfirmationAnswer.Waiting).ThenBy(r => r.DueUtc ?? DateTimeOffset.MaxValue)
            .ThenBy(r => r.Title, StringComparer.Ordinal)
            .ToList();

        var waitlist = (await db.Submissions.AsNoTracking()
                .WaitlistOf(track.Id)
                .Select(s => new { s.Id, s.Title, s.WaitlistRank })
                .ToListAsync(cancellationToken))
            .Select(s =>
            {
                var conflicted = views.GetValueOrDefault(s.Id) is not { } v || v.IsConflicted;
                return new WaitlistRow(s.Id, s.Title, conflicted, s.WaitlistRank);
            })
            .ToList();
        // Slots given up and not yet refilled from the waitlist: what the chair's click is for.
        var openSlots = counts.Declined - rows.Count(r => r.PromotedFromWaitlist);
        var canPromote = waitlist.Count > 0 && (track.WaitlistPromotion == WaitlistPromotion.ChairConfirms || openSlots > 0);
        return new TrackConfirmations(track.Id, track.Name, conference.Name, conference.TimeZoneId, track.WaitlistPromotion,
            track.ConfirmationDeadlineUtc, track.ConfirmationDeadlineUtc is { } td ? conference.Format(td) : null,
            counts, shown, waitlist, canPromote);
    }
}
