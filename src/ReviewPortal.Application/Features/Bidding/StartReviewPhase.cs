using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Application.Features.Conflicts;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Bidding;

/// <summary>
/// The chair starts the review phase: the call for proposals closes if still open, every submitted proposal goes
/// under review, bidding opens and each committee member is mailed once. Idempotent: once started, starting again
/// changes nothing and mails nobody.
/// </summary>
public sealed record StartReviewPhase(Guid TrackId) : ICommand<ReviewPhaseStatus>;

public sealed record ReviewPhaseStatus(Guid TrackId, DateTimeOffset StartedUtc, bool StartedNow, int ProposalsUnderReview, int MembersNotified);

public sealed class StartReviewPhaseValidator : AbstractValidator<StartReviewPhase>
{
    public StartReviewPhaseValidator() => RuleFor(x => x.TrackId).NotEmpty();
}

public sealed class StartReviewPhaseHandler(
    IApplicationDbContext db, TrackAccess access, ConflictDetection conflicts, IEmailOutbox outbox, ILinkBuilder links, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<StartReviewPhase, ReviewPhaseStatus>
{
    public async ValueTask<ReviewPhaseStatus> Handle(StartReviewPhase command, CancellationToken cancellationToken)
    {
        var track = await access.GetTrackForChairAsync(command.TrackId, cancellationToken);
        if (track.ReviewPhaseStartedUtc is { } started)
        {
            var count = await db.Submissions.CountAsync(s => s.TrackId == track.Id && s.Status == SubmissionStatus.UnderReview, cancellationToken);
            return new ReviewPhaseStatus(track.Id, started, false, count, 0);
        }

        var now = clock.GetUtcNow();
        var closedCfp = track.IsCfpOpen(now) || track.CfpClosesUtc > now;
        if (closedCfp)
        {
            track.CfpClosesUtc = now;
            if (track.CfpOpensUtc > now)
                track.CfpOpensUtc = now; // a call that never opened closes empty, not with its window reversed
        }

        var submitted = await db.Submissions.Where(s => s.TrackId == track.Id && s.Status == SubmissionStatus.Submitted).ToListAsync(cancellationToken);
        foreach (var submission in submitted)
            submission.StartReview(now);
        track.ReviewPhaseStartedUtc = now;
        // Members see the proposals from now on: the conflicts that hide some of them must be current first.
        // (Detection saves the pending changes first, so the count below sees the proposals just put under review.)
        await conflicts.RefreshAsync(track.Id, cancellationToken);
        var underReview = await db.Submissions.CountAsync(s => s.TrackId == track.Id && s.Status == SubmissionStatus.UnderReview, cancellationToken);

        // The query filter leaves out removed members; one mail per person even if they held two seats.
        var members = track.Committee.Where(m => m.RemovedUtc is null).GroupBy(m => m.PersonId).Select(g => g.First().Person).ToList();
        foreach (var person in members.OrderBy(p => p.DisplayName, StringComparer.Ordinal))
            await outbox.EnqueueAsync("committee.bidding-open", person.Email, person.DisplayName, new
            {
                Name = person.DisplayName,
                Track = track.Name,
                Conference = track.Conference.Name,
                Proposals = underReview,
                Link = links.Page($"/Committee/Bids?trackId={track.Id}"),
            }, cancellationToken);

        audit.Record("track.review-phase-started", AuditTrail.TrackEntity, track.Id,
            new { ClosedCfp = closedCfp, UnderReview = submitted.Count, MembersNotified = members.Count });
        return new ReviewPhaseStatus(track.Id, now, true, underReview, members.Count);
    }
}
