using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Decisions;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Proposals;

/// <summary>"My proposals": every proposal the signed-in person is a speaker of, its state and what they can still do.</summary>
public sealed record ListMyProposals : IQuery<IReadOnlyList<MyProposal>>;

public sealed record MyProposal(
    Guid Id, string Title, string TrackName, string ConferenceName, SubmissionStatus Status, string StatusText,
    string UpdatedAt, bool CanEdit, bool CanSubmit, bool CanWithdraw, string NextStep);

public sealed class ListMyProposalsHandler(IApplicationDbContext db, ICurrentUser currentUser, ProposalAccess access, TimeProvider clock)
    : IQueryHandler<ListMyProposals, IReadOnlyList<MyProposal>>
{
    public async ValueTask<IReadOnlyList<MyProposal>> Handle(ListMyProposals query, CancellationToken cancellationToken)
    {
        var me = currentUser.Id!.Value;
        var now = clock.GetUtcNow();
        var mine = await db.Submissions.AsNoTracking()
            .Include(s => s.Track).ThenInclude(t => t.Conference)
            .Include(s => s.Speakers)
            .Where(s => s.Speakers.Any(sp => sp.PersonId == me))
            .OrderByDescending(s => s.UpdatedUtc)
            .ToListAsync(cancellationToken);
        var acceptedIds = mine.Where(s => s.StatusForSpeakers == SubmissionStatus.Accepted).Select(s => s.Id).ToList();
        var extended = acceptedIds.Count == 0
            ? []
            : await db.SpeakerConfirmations.AsNoTracking().Where(c => acceptedIds.Contains(c.SubmissionId) && c.ExtendedUntilUtc != null)
                .ToDictionaryAsync(c => c.SubmissionId, c => c.ExtendedUntilUtc!.Value, cancellationToken);

        return mine.Select(s =>
        {
            // The caller's own proposals, as their speaker: a seat or a conflict adds nothing to what the policy shows a
            // speaker of the decision (only once released), so the speaker's facts are enough.
            var view = access.ViewOf(seat: null, s.Status, s.CreatedById == me, s.IsSpeaker(me), isAssigned: false, isConflicted: false,
                ownReviewSubmitted: false, s.IsDecisionReleased, s.Track.ReviewPhaseStartedUtc is not null, s.Track.BlindMode, s.Track.OthersReviews);
            var status = view.StatusShown(s.Status);
            var canEdit = s.CanEdit(now);
            var canSubmit = s.CanSubmit(now);
            return new MyProposal(s.Id, s.Title, s.Track.Name, s.Track.Conference.Name, status, Submission.Describe(status),
                s.Track.Conference.Format(s.UpdatedUtc), canEdit, canSubmit, s.CanWithdraw,
                NextStep(s, status, now, extended.TryGetValue(s.Id, out var until) ? until : s.Track.ConfirmationDeadlineUtc));
        }).ToList();
    }

    private static string NextStep(Submission s, SubmissionStatus status, DateTimeOffset now, DateTimeOffset? confirmDue) => status switch
    {
        SubmissionStatus.Draft when s.Track.IsCfpOpen(now) => $"Submit it before the CfP closes on {s.Track.Conference.Format(s.Track.CfpClosesUtc)}.",
        SubmissionStatus.Draft => "The CfP is closed; this draft can no longer be submitted.",
        SubmissionStatus.Submitted when s.Track.IsCfpOpen(now) => $"You can edit it until {s.Track.Conference.Format(s.Track.CfpClosesUtc)}.",
        SubmissionStatus.Submitted or SubmissionStatus.UnderReview => "The committee is reviewing it; you can still withdraw it.",
        SubmissionStatus.Withdrawn => "Withdrawn: nothing more to do.",
        // A released decision reads as on the proposal's page (SpeakerOutcomeText).
        SubmissionStatus.Accepted => SpeakerOutcomeText.Headline(status, null, confirmDue is { } due ? s.Track.Conference.Format(due) : null) + ".",
        SubmissionStatus.Rejected => SpeakerOutcomeText.Headline(status, null, null) + " this time.",
        SubmissionStatus.Waitlisted => SpeakerOutcomeText.Headline(status, s.WaitlistRank, null) + ": you will hear if a slot frees up.",
        SubmissionStatus.Confirmed => "Confirmed: the timetable will show your slot.",
        SubmissionStatus.Scheduled => "Scheduled: see the timetable.",
        _ => "",
    };
}
