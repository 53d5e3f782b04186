using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Application.Features.Timetabling;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Reviews;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Dashboard;

/// <summary>Where a track's programme stands, for its chairs: one page (and one API answer) from the CfP to the confirmations.</summary>
public sealed record GetTrackDashboard(Guid TrackId) : IQuery<TrackDashboard>;

/// <param name="Submitted">Proposals submitted and not withdrawn (under review and decided ones included).</param>
public sealed record CfpFigures(string State, int Submitted, int Withdrawn);

/// <param name="MembersBehind">Committee members with at least one assigned review not submitted.</param>
/// <param name="DeadlinePassed">The review deadline has passed, so <paramref name="MembersBehind"/> are late.</param>
public sealed record ReviewFigures(bool Started, int ReviewsIn, int Assigned, int MembersBehind, bool DeadlinePassed, DateTimeOffset DeadlineUtc);

/// <param name="Undecided">Under review, no decision yet.</param>
public sealed record DecisionFigures(int Accepted, int Rejected, int Waitlisted, int Undecided, int Released, int Unreleased);

/// <param name="Waiting">Offered, no answer yet, not overdue.</param>
/// <param name="Overdue">Offered, no answer, the deadline (or the talk's extension) passed.</param>
/// <param name="SlotsReleased">Not answered in time; the chair gave the slot up.</param>
public sealed record ConfirmationFigures(int Confirmed, int Declined, int Waiting, int Overdue, int SlotsReleased, DateTimeOffset? DeadlineUtc);

/// <param name="Capacity">Talks the programme has room for: the slots of the timetable's grid (less pinned items), else the chair's number; null: neither.</param>
/// <param name="Committed">Accepted talks still in: waiting for an answer or confirmed.</param>
public sealed record ProgrammeFigures(int? Capacity, int Committed, int Confirmed);

/// <param name="HasGrid">The track's grid has at least one block.</param>
/// <param name="OnProgramme">Confirmed talks and organisers' items: what the timetable must hold.</param>
/// <param name="Placed">Of those, placed in the working copy.</param>
/// <param name="PublishedVersion">The latest published version's number; null: never published.</param>
/// <param name="ChangedSincePublished">Items placed differently in the working copy than in the published version (new, moved or removed): what the next publish would announce.</param>
/// <param name="SchedulePath">Where the public schedule of the track is (once published).</param>
public sealed record TimetableFigures(bool HasGrid, int OnProgramme, int Placed, int? PublishedVersion, DateTimeOffset? PublishedUtc, int ChangedSincePublished,
    string SchedulePath);

/// <param name="HiddenByConflict">Proposals the caller is conflicted on: counted in the CfP and review figures, left out of decisions and confirmations (another chair manages them).</param>
public sealed record TrackDashboard(
    Guid TrackId, string TrackName, string ConferenceName, string TimeZoneId, CfpFigures Cfp, ReviewFigures Review,
    DecisionFigures Decisions, ConfirmationFigures Confirmations, ProgrammeFigures Programme, TimetableFigures Timetable, int HiddenByConflict);

public sealed class GetTrackDashboardValidator : AbstractValidator<GetTrackDashboard>
{
    public GetTrackDashboardValidator() => RuleFor(x => x.TrackId).NotEmpty();
}

public sealed class GetTrackDashboardHandler(IApplicationDbContext db, TrackAccess tracks, ProposalAccess proposals, TimeProvider clock)
    : IQueryHandler<GetTrackDashboard, TrackDashboard>
{
    public async ValueTask<TrackDashboard> Handle(GetTrackDashboard query, CancellationToken cancellationToken)
    {
        var track = await tracks.ReadTrackForChairAsync(query.TrackId, cancellationToken);
        var now = clock.GetUtcNow();
        var views = await proposals.GetViewsForTrackAsync(track.Id, cancellationToken);
        var rows = await db.Submissions.AsNoTracking()
            .Where(s => s.TrackId == track.Id)
            .Select(s => new { s.Id, s.Status, s.Kind, Released = s.DecisionReleasedUtc != null })
            .ToListAsync(cancellationToken);

        var cfp = new CfpFigures(
            track.DescribeCfp(now),
            rows.Count(r => r.Status is not (SubmissionStatus.Draft or SubmissionStatus.Withdrawn)),
            rows.Count(r => r.Status == SubmissionStatus.Withdrawn));

        // Review progress over assigned pairs: a review counts once submitted by its assignee.
        var assignments = await db.ReviewAssignments.AsNoTracking()
            .Where(a => a.TrackId == track.Id)
            .Select(a => new
            {
                a.PersonId,
                Done = db.Reviews.Any(r => r.SubmissionId == a.SubmissionId && r.PersonId == a.PersonId && r.State == ReviewState.Submitted),
            })
            .ToListAsync(cancellationToken);
        var review = new ReviewFigures(track.IsInReviewPhase, assignments.Count(a => a.Done), assignments.Count,
            assignments.Where(a => !a.Done).Select(a => a.PersonId).Distinct().Count(), now >= track.ReviewDeadlineUtc, track.ReviewDeadlineUtc);

        // Decisions and confirmations only as far as the policy shows them to this chair (never those they are conflicted on).
        // Organisers' items (the opening) are on the timetable but never reviewed or decided, as on the ranking.
        var decidable = rows.Where(r => r.Kind == SubmissionKind.Talk && views.TryGetValue(r.Id, out var v) && v.DecisionDraft).ToList();
        var hidden = rows.Count(r => r.Status != SubmissionStatus.Draft && views.TryGetValue(r.Id, out var v) && !v.DecisionDraft);
        // Accepted: still in the programme (waiting, confirmed, scheduled); a declined talk counts under confirmations.
        static bool InProgramme(SubmissionStatus s) => s is SubmissionStatus.Accepted or SubmissionStatus.Confirmed or SubmissionStatus.Scheduled;
        var decided = decidable.Where(r => InProgramme(r.Status)
            || r.Status is SubmissionStatus.Rejected or SubmissionStatus.Waitlisted or SubmissionStatus.Declined).ToList();
        var decisions = new DecisionFigures(
            decided.Count(r => InProgramme(r.Status)),
            decided.Count(r => r.Status == SubmissionStatus.Rejected),
            decided.Count(r => r.Status == SubmissionStatus.Waitlisted),
            decidable.Count(r => r.Status == SubmissionStatus.UnderReview),
            decided.Count(r => r.Released),
            decided.Count(r => !r.Released));

        var visibleIds = decidable.Select(r => r.Id).ToHashSet();
        var offers = (await db.SpeakerConfirmations.AsNoTracking().Where(c => c.TrackId == track.Id).ToListAsync(cancellationToken))
            .Where(c => visibleIds.Contains(c.SubmissionId))
            .ToList();
        var confirmations = new ConfirmationFigures(
            offers.Count(c => c.Answer == ConfirmationAnswer.Confirmed),
            offers.Count(c => c.Answer == ConfirmationAnswer.Declined),
            offers.Count(c => c.IsOpen && !c.IsOverdue(track, now)),
            offers.Count(c => c.IsOverdue(track, now)),
            offers.Count(c => c.Answer == ConfirmationAnswer.SlotReleased),
            track.ConfirmationDeadlineUtc);

        // The grid's slots once it exists, else the chair's number (as "accept the top N" says).
        var capacity = await TimetableCapacity.SlotsAsync(db, track.Id, cancellationToken) ?? track.ProgrammeCapacity;
        var programme = new ProgrammeFigures(capacity, decisions.Accepted,
            decidable.Count(r => r.Status is SubmissionStatus.Confirmed or SubmissionStatus.Scheduled));

        return new TrackDashboard(track.Id, track.Name, track.Conference.Name, track.Conference.TimeZoneId, cfp, review, decisions,
            confirmations, programme, await TimetableAsync(track.Id, $"/c/{track.Conference.Slug}/{track.Slug}/schedule", cancellationToken), hidden);
    }

    private async Task<TimetableFigures> TimetableAsync(Guid trackId, string schedulePath, CancellationToken cancellationToken)
    {
        var onProgramme = (await db.Submissions.AsNoTracking().Where(s => s.TrackId == trackId).Where(TimetableItems.OnProgramme)
            .Select(s => new { s.Id, s.Title }).ToListAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Title);
        var working = await db.TimetableSlots.AsNoTracking().Where(s => s.TrackId == trackId)
            .Select(s => new { s.SubmissionId, s.Room, s.StartUtc }).ToListAsync(cancellationToken);
        var timetable = await db.Timetables.AsNoTracking().Where(t => t.TrackId == trackId)
            .Select(t => new { HasGrid = t.Blocks.Count > 0, t.PublishedVersion }).SingleOrDefaultAsync(cancellationToken);
        var published = timetable?.PublishedVersion is { } number
            ? await db.PublishedTimetables.AsNoTracking().SingleOrDefaultAsync(p => p.TrackId == trackId && p.Number == number, cancellationToken)
            : null;

        // What the next publish would announce: the editor's changelog of the placed programme against the published version.
        var placed = working.Where(s => onProgramme.ContainsKey(s.SubmissionId))
            .Select(s => new PlacedItem(s.SubmissionId, onProgramme[s.SubmissionId], s.Room, s.StartUtc)).ToList();
        var changed = published is null ? 0 : TimetableChanges.Between(published, placed).Count;
        return new TimetableFigures(timetable?.HasGrid ?? false, onProgramme.Count, placed.Count,
            timetable?.PublishedVersion, published?.PublishedUtc, changed, schedulePath);
    }
}
