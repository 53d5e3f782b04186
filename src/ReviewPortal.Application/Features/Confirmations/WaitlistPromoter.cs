using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Application.Features.Decisions;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Confirmations;

/// <summary>
/// What follows when an accepted talk is given up (declined, or its slot released): with the track's promotion
/// <see cref="Domain.Conferences.WaitlistPromotion.Automatic"/> the first talk of the waitlist is accepted and released (its speakers get the
/// acceptance mail with their confirm link) and the others move up, all in the caller's transaction; with
/// <see cref="Domain.Conferences.WaitlistPromotion.ChairConfirms"/> the chairs promote with one click. Either way the chairs are told; a
/// chair conflicted on a talk reads only "a talk you are conflicted with". A promoted talk that is declined comes
/// back here, so the next one is offered.
/// </summary>
public sealed class WaitlistPromoter(IApplicationDbContext db, DecisionLetters letters, ProposalDecisions decisions, IEmailOutbox outbox,
    ILinkBuilder links, AuditTrail audit, TimeProvider clock)
{
    public async Task<Submission?> AfterGivenUpAsync(Submission givenUp, SpeakerConfirmation offer, CancellationToken cancellationToken)
    {
        var track = givenUp.Track;
        var promoted = track.WaitlistPromotion == WaitlistPromotion.Automatic
            ? await PromoteNextAsync(track.Id, cancellationToken)
            : null;
        await TellChairsAsync(track, givenUp, offer, promoted, cancellationToken);
        return promoted;
    }

    /// <summary>Accepts and releases the first talk of the waitlist (lowest rank); null when the waitlist is empty.</summary>
    public async Task<Submission?> PromoteNextAsync(Guid trackId, CancellationToken cancellationToken)
    {
        // The waitlist changes here as when deciding: take the deciders' lock, so places stay unique.
        await decisions.LockTrackAsync(trackId, cancellationToken);
        var waitlist = await WaitlistAsync(trackId, cancellationToken);
        if (waitlist.Count == 0)
            return null;
        var now = clock.GetUtcNow();
        var first = waitlist[0];
        var rank = first.WaitlistRank;
        first.Decide(SubmissionStatus.Accepted, null, now);
        await letters.ReleaseAsync(first, promotedFromWaitlist: true, cancellationToken);
        ProposalDecisions.Renumber(waitlist.Skip(1).ToList());
        audit.Record("waitlist.promoted", nameof(Submission), first.Id, new { first.Title, FromRank = rank }, trackId);
        return first;
    }

    /// <summary>The track's waitlist in the order it is offered (tracked, with track, conference and speakers).</summary>
    public async Task<List<Submission>> WaitlistAsync(Guid trackId, CancellationToken cancellationToken) =>
        await db.Submissions
            .Include(s => s.Track).ThenInclude(t => t.Conference)
            .Include(s => s.Speakers)
            .WaitlistOf(trackId)
            .ToListAsync(cancellationToken);

    private async Task TellChairsAsync(Track track, Submission givenUp, SpeakerConfirmation offer, Submission? promoted, CancellationToken cancellationToken)
    {
        var chairs = await db.CommitteeMembers.AsNoTracking()
            .Where(m => m.TrackId == track.Id && m.Role == CommitteeRole.Chair)
            .Join(db.People, m => m.PersonId, p => p.Id, (m, p) => new { p.Id, p.DisplayName, p.Email })
            .ToListAsync(cancellationToken);
        if (chairs.Count == 0)
            return;
        var talks = promoted is null ? new[] { givenUp.Id } : [givenUp.Id, promoted.Id];
        var chairIds = chairs.Select(c => c.Id).ToList();
        var conflicts = await db.Conflicts.AsNoTracking()
            .Where(c => c.Active && talks.Contains(c.SubmissionId) && chairIds.Contains(c.PersonId))
            .Select(c => new { c.SubmissionId, c.PersonId })
            .ToListAsync(cancellationToken);
        // The promoted talk left the list already (this transaction): what remains is what is left to offer.
        var waitlistLeft = await db.Submissions.CountAsync(s => s.TrackId == track.Id && s.Status == SubmissionStatus.Waitlisted
            && (promoted == null || s.Id != promoted.Id), cancellationToken);
        var speaker = offer.AnsweredBySpeakerId is { } by ? givenUp.Speakers.FirstOrDefault(s => s.Id == by)?.Name : null;
        foreach (var chair in chairs.OrderBy(c => c.DisplayName, StringComparer.Ordinal))
        {
            var conflictedGivenUp = conflicts.Any(c => c.PersonId == chair.Id && c.SubmissionId == givenUp.Id);
            var conflictedPromoted = promoted is not null && conflicts.Any(c => c.PersonId == chair.Id && c.SubmissionId == promoted.Id);
            await outbox.EnqueueAsync("confirmation.given-up", chair.Email, chair.DisplayName, new
            {
                Name = chair.DisplayName,
                Track = track.Name,
                Conference = track.Conference.Name,
                SlotReleased = offer.Answer == ConfirmationAnswer.SlotReleased,
                Conflicted = conflictedGivenUp,
                Title = conflictedGivenUp ? null : givenUp.Title,
                Speaker = conflictedGivenUp ? null : speaker,
                Reason = conflictedGivenUp ? null : offer.DeclineReason,
                Promoted = promoted is not null,
                PromotedConflicted = conflictedPromoted,
                PromotedTitle = promoted is null || conflictedPromoted ? null : promoted.Title,
                ChairConfirms = track.WaitlistPromotion == WaitlistPromotion.ChairConfirms,
                WaitlistLeft = waitlistLeft,
                Link = links.Page($"/Chair/{track.Id}/Confirmations"),
            }, cancellationToken);
        }
    }
}
