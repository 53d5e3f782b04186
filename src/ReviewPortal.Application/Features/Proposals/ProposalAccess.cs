using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Reviews;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Proposals;

/// <summary>
/// Loads what <see cref="ProposalPolicy"/> needs (the caller's relation to a proposal) and applies it: every query and
/// command on a proposal comes through here. Anyone the policy hides the proposal from gets 404, not 403, so proposal
/// ids cannot be probed.
/// </summary>
public sealed class ProposalAccess(IApplicationDbContext db, ICurrentUser currentUser)
{
    public Guid UserId => currentUser.Id ?? throw new UnauthenticatedException();

    /// <summary>
    /// Loads the proposal (tracked, with track, conference, committee and speakers) for a speaker's action (edit,
    /// submit, withdraw, delete, declare a conflict): the policy's <see cref="ProposalView.EditAsSpeaker"/> decides; anyone
    /// else gets 404. Whether the state still allows the action is the entity's rule.
    /// </summary>
    public async Task<Submission> GetForSpeakerAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        _ = UserId;
        var view = ProposalPolicy.For(await GetFactsAsync(submissionId, cancellationToken));
        if (!view.EditAsSpeaker)
            throw NotFoundException.For("Proposal", submissionId);
        return await LoadAsync(submissionId, cancellationToken);
    }

    /// <summary>
    /// Reads the proposal and the policy's view of it for the caller, in one statement, nothing tracked (it is for
    /// showing, not changing). 404 when the policy hides it. Of the committee only the reader's own seat is loaded;
    /// the caller shows each part only as far as the view allows.
    /// </summary>
    public async Task<(Submission Submission, ProposalView View)> GetForReaderAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        if (currentUser.Id is not { } me)
            throw NotFoundException.For("Proposal", submissionId); // the policy hides every proposal from anonymous callers
        var row = await ReadForReader(db.ChangeTracker.Context, submissionId, me, cancellationToken)
            ?? throw NotFoundException.For("Proposal", submissionId);
        var submission = row.Submission;
        submission.Track = row.Track;
        submission.Track.Conference = row.Conference;
        submission.Speakers = row.Speakers;
        var view = ViewOf(row.Seat, submission.Status, submission.CreatedById == me, submission.IsSpeaker(me),
            row.IsAssigned, row.IsConflicted, row.OwnReviewSubmitted, submission.IsDecisionReleased,
            row.Track.ReviewPhaseStartedUtc is not null, row.Track.BlindMode, row.Track.OthersReviews);
        return view.Exists ? (submission, view) : throw NotFoundException.For("Proposal", submissionId);
    }

    private sealed record ReaderRow(Submission Submission, Track Track, Conference Conference, List<SubmissionSpeaker> Speakers,
        CommitteeRole? Seat, bool IsAssigned, bool IsConflicted, bool OwnReviewSubmitted);

    /// <summary>Compiled once (every proposal page sends it): EF otherwise rebuilds, walks and looks up the expression on each call.</summary>
    private static readonly Func<DbContext, Guid, Guid, CancellationToken, Task<ReaderRow?>> ReadForReader =
        EF.CompileAsyncQuery((DbContext context, Guid submissionId, Guid me, CancellationToken _) => context.Set<Submission>()
            .AsNoTracking().AsSingleQuery()
            .Where(s => s.Id == submissionId)
            .Select(s => new ReaderRow(
                s,
                s.Track,
                s.Track.Conference,
                s.Speakers.OrderBy(sp => sp.Order).ToList(),
                context.Set<CommitteeMember>().Where(m => m.TrackId == s.TrackId && m.PersonId == me).Select(m => (CommitteeRole?)m.Role).FirstOrDefault(),
                context.Set<ReviewAssignment>().Any(a => a.SubmissionId == s.Id && a.PersonId == me),
                context.Set<Conflict>().Any(c => c.SubmissionId == s.Id && c.PersonId == me && c.Active),
                context.Set<Review>().Any(r => r.SubmissionId == s.Id && r.PersonId == me && r.State == ReviewState.Submitted)))
            .SingleOrDefault());

    /// <summary>
    /// The policy's view for one row of a list whose query read the caller's relation to it (see
    /// <see cref="ListTrackProposalsHandler"/>): the caller's signed-in and admin state come from here, so lists and
    /// pages build the same facts.
    /// </summary>
    public ProposalView ViewOf(CommitteeRole? seat, SubmissionStatus status, bool isCreator, bool isNamedSpeaker, bool isAssigned,
        bool isConflicted, bool ownReviewSubmitted, bool decisionReleased, bool reviewPhaseStarted, BlindMode blindMode,
        OthersReviewsVisibility othersReviews) =>
        ProposalPolicy.For(FactsOf(seat, status, isCreator, isNamedSpeaker, isAssigned, isConflicted, ownReviewSubmitted,
            decisionReleased, reviewPhaseStarted, blindMode, othersReviews));

    /// <summary>The one place the caller's own state (signed in, admin) joins the row's facts; every loader builds its facts here.</summary>
    private ProposalFacts FactsOf(CommitteeRole? seat, SubmissionStatus status, bool isCreator, bool isNamedSpeaker, bool isAssigned,
        bool isConflicted, bool ownReviewSubmitted, bool decisionReleased, bool reviewPhaseStarted, BlindMode blindMode,
        OthersReviewsVisibility othersReviews)
    {
        var signedIn = currentUser.Id is not null;
        return new ProposalFacts(signedIn, currentUser.IsInRole(Roles.Admin), signedIn && isCreator, signedIn && isNamedSpeaker,
            seat, isAssigned, isConflicted, status, reviewPhaseStarted, blindMode, signedIn && ownReviewSubmitted, othersReviews,
            decisionReleased);
    }

    /// <summary>
    /// What the visibility policy says the caller may see and do on the proposal, from facts read in one statement.
    /// Throws 404 when the caller may not know the proposal exists.
    /// </summary>
    public async Task<ProposalView> GetViewAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        var view = ProposalPolicy.For(await GetFactsAsync(submissionId, cancellationToken));
        return view.Exists ? view : throw NotFoundException.For("Proposal", submissionId);
    }

    /// <summary>The policy's facts about the caller and one proposal; 404 if the proposal does not exist.</summary>
    public async Task<ProposalFacts> GetFactsAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        var me = currentUser.Id ?? Guid.Empty;
        var row = await db.Submissions.AsNoTracking()
            .Where(s => s.Id == submissionId)
            .Select(s => new
            {
                s.Status,
                IsCreator = s.CreatedById == me,
                IsNamedSpeaker = s.Speakers.Any(sp => sp.PersonId == me),
                Seat = db.CommitteeMembers.Where(m => m.TrackId == s.TrackId && m.PersonId == me).Select(m => (CommitteeRole?)m.Role).FirstOrDefault(),
                IsAssigned = db.ReviewAssignments.Any(a => a.SubmissionId == s.Id && a.PersonId == me),
                IsConflicted = db.Conflicts.Any(c => c.SubmissionId == s.Id && c.PersonId == me && c.Active),
                OwnReviewSubmitted = db.Reviews.Any(r => r.SubmissionId == s.Id && r.PersonId == me && r.State == ReviewState.Submitted),
                DecisionReleased = s.DecisionReleasedUtc != null,
                ReviewPhaseStarted = s.Track.ReviewPhaseStartedUtc != null,
                s.Track.BlindMode,
                s.Track.OthersReviews,
            })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw NotFoundException.For("Proposal", submissionId);
        return FactsOf(row.Seat, row.Status, row.IsCreator, row.IsNamedSpeaker, row.IsAssigned, row.IsConflicted,
            row.OwnReviewSubmitted, row.DecisionReleased, row.ReviewPhaseStarted, row.BlindMode, row.OthersReviews);
    }

    /// <summary>
    /// The policy's view of every proposal of a track for the caller, in one statement: for lists (the chair's list,
    /// the bidding list), which show each row only as far as its view allows. Proposals the caller may not know of are absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, ProposalView>> GetViewsForTrackAsync(Guid trackId, CancellationToken cancellationToken)
    {
        var me = currentUser.Id ?? Guid.Empty;
        var track = await db.Tracks.AsNoTracking().Where(t => t.Id == trackId)
            .Select(t => new
            {
                ReviewPhaseStarted = t.ReviewPhaseStartedUtc != null,
                t.BlindMode,
                t.OthersReviews,
                Seat = db.CommitteeMembers.Where(m => m.TrackId == t.Id && m.PersonId == me).Select(m => (CommitteeRole?)m.Role).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw NotFoundException.For("Track", trackId);
        var rows = await db.Submissions.AsNoTracking()
            .Where(s => s.TrackId == trackId)
            .Select(s => new
            {
                s.Id,
                s.Status,
                IsCreator = s.CreatedById == me,
                IsNamedSpeaker = s.Speakers.Any(sp => sp.PersonId == me),
                IsAssigned = db.ReviewAssignments.Any(a => a.SubmissionId == s.Id && a.PersonId == me),
                IsConflicted = db.Conflicts.Any(c => c.SubmissionId == s.Id && c.PersonId == me && c.Active),
                OwnReviewSubmitted = db.Reviews.Any(r => r.SubmissionId == s.Id && r.PersonId == me && r.State == ReviewState.Submitted),
                DecisionReleased = s.DecisionReleasedUtc != null,
            })
            .ToListAsync(cancellationToken);
        var views = new Dictionary<Guid, ProposalView>(rows.Count);
        foreach (var row in rows)
        {
            var view = ViewOf(track.Seat, row.Status, row.IsCreator, row.IsNamedSpeaker, row.IsAssigned, row.IsConflicted,
                row.OwnReviewSubmitted, row.DecisionReleased, track.ReviewPhaseStarted, track.BlindMode, track.OthersReviews);
            if (view.Exists)
                views.Add(row.Id, view);
        }
        return views;
    }

    /// <summary>
    /// The policy's view of each of the caller's assigned proposals, across tracks, in one statement (the "my
    /// assignments" list). Proposals the caller may not know of are absent; a conflicted one comes back with its
    /// conflicted view (title only, no assignments), for the list to leave out.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, ProposalView>> GetViewsOfMyAssignmentsAsync(CancellationToken cancellationToken)
    {
        var me = UserId;
        var rows = await db.ReviewAssignments.AsNoTracking()
            .Where(a => a.PersonId == me)
            .Join(db.Submissions, a => a.SubmissionId, s => s.Id, (a, s) => new
            {
                s.Id,
                s.Status,
                IsCreator = s.CreatedById == me,
                IsNamedSpeaker = s.Speakers.Any(sp => sp.PersonId == me),
                Seat = db.CommitteeMembers.Where(m => m.TrackId == s.TrackId && m.PersonId == me).Select(m => (CommitteeRole?)m.Role).FirstOrDefault(),
                IsConflicted = db.Conflicts.Any(c => c.SubmissionId == s.Id && c.PersonId == me && c.Active),
                OwnReviewSubmitted = db.Reviews.Any(r => r.SubmissionId == s.Id && r.PersonId == me && r.State == ReviewState.Submitted),
                DecisionReleased = s.DecisionReleasedUtc != null,
                ReviewPhaseStarted = s.Track.ReviewPhaseStartedUtc != null,
                s.Track.BlindMode,
                s.Track.OthersReviews,
            })
            .ToListAsync(cancellationToken);
        var views = new Dictionary<Guid, ProposalView>(rows.Count);
        foreach (var row in rows)
        {
            var view = ViewOf(row.Seat, row.Status, row.IsCreator, row.IsNamedSpeaker, isAssigned: true, row.IsConflicted,
                row.OwnReviewSubmitted, row.DecisionReleased, row.ReviewPhaseStarted, row.BlindMode, row.OthersReviews);
            if (view.Exists)
                views.TryAdd(row.Id, view);
        }
        return views;
    }

    private async Task<Submission> LoadAsync(Guid submissionId, CancellationToken cancellationToken) =>
        await db.Submissions
            .Include(s => s.Track).ThenInclude(t => t.Conference)
            .Include(s => s.Track).ThenInclude(t => t.Committee)
            .Include(s => s.Speakers)
            .SingleOrDefaultAsync(s => s.Id == submissionId, cancellationToken)
        ?? throw NotFoundException.For("Proposal", submissionId);
}
