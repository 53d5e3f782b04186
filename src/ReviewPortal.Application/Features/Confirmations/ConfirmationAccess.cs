using ReviewPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Confirmations;

/// <summary>One speaker answering one talk's offer: the offer, the talk (with track, conference, speakers) and who answers.</summary>
public sealed record Answering(SpeakerConfirmation Offer, Submission Submission, SubmissionSpeaker Speaker, Guid? AccountId)
{
    public Track Track => Submission.Track;
}

/// <summary>
/// Finds the offer a speaker answers, from the mail's token (signed out) or from a proposal id (signed in), and asks
/// <see cref="ProposalPolicy"/> whether that speaker may answer it (<see cref="ProposalView.AnswerAsSpeaker"/>). A token
/// acts for ONE speaker of ONE talk: the policy gets that speaker's facts and nothing else (no seat, no admin role), so
/// a link forwarded to a committee member gives them nothing more than the speaker had.
/// </summary>
public sealed class ConfirmationAccess(IApplicationDbContext db, IConfirmationTokens tokens, ProposalAccess proposals, ICurrentUser currentUser)
{
    public const string InvalidLink = "This confirmation link is not valid: it may be incomplete or changed. Open the link from your mail again, or sign in and answer on your proposal's page.";

    /// <summary>By the mail's token; an unreadable token, or one whose parts do not belong together, is 404 with <see cref="InvalidLink"/>.</summary>
    public async Task<Answering> ByTokenAsync(string? token, bool tracked, CancellationToken cancellationToken)
    {
        var ticket = tokens.Read(token) ?? throw new NotFoundException(InvalidLink);
        var offer = await Offers(tracked).SingleOrDefaultAsync(c => c.Id == ticket.ConfirmationId, cancellationToken);
        // A ticket names the offer, its talk and its speaker: all three must agree, or the token was not ours for this talk.
        if (offer is null || offer.SubmissionId != ticket.SubmissionId)
            throw new NotFoundException(InvalidLink);
        var submission = await LoadAsync(offer.SubmissionId, tracked, cancellationToken);
        var speaker = submission.Speakers.SingleOrDefault(s => s.Id == ticket.SpeakerId) ?? throw new NotFoundException(InvalidLink);
        var facts = new ProposalFacts(SignedIn: false, IsAdmin: false, IsCreator: false, IsNamedSpeaker: true, Seat: null, IsAssigned: false,
            IsConflicted: false, submission.Status, ReviewPhaseStarted: submission.Track.ReviewPhaseStartedUtc is not null, submission.Track.BlindMode,
            OwnReviewSubmitted: false, submission.Track.OthersReviews, submission.IsDecisionReleased);
        var view = ProposalPolicy.For(facts);
        if (!view.Exists)
            throw new NotFoundException(InvalidLink);
        // The link speaks for its speaker: someone else signed in on this browser is not recorded as answering.
        var account = speaker.PersonId is { } person && person == currentUser.Id ? person : (Guid?)null;
        return new Answering(offer, submission, speaker, account);
    }

    /// <summary>
    /// By proposal id, for the signed-in caller as one of its speakers: 404 unless the policy shows them the proposal as
    /// its speaker. Whether they may still answer (<see cref="ProposalView.AnswerAsSpeaker"/>) is <see cref="EnsureAnswerable"/>'s.
    /// </summary>
    public async Task<Answering> BySpeakerAsync(Guid submissionId, bool tracked, CancellationToken cancellationToken)
    {
        var me = currentUser.Id ?? throw new UnauthenticatedException();
        var view = ProposalPolicy.For(await proposals.GetFactsAsync(submissionId, cancellationToken));
        if (!view.EditAsSpeaker)
            throw NotFoundException.For("Proposal", submissionId);
        var offer = await Offers(tracked).SingleOrDefaultAsync(c => c.SubmissionId == submissionId, cancellationToken)
            ?? throw new InvalidStateException("This proposal has no accepted slot to confirm or decline.");
        var submission = await LoadAsync(submissionId, tracked, cancellationToken);
        var speaker = submission.Speakers.Where(s => s.PersonId == me).OrderBy(s => s.Order).First();
        return new Answering(offer, submission, speaker, me);
    }

    /// <summary>The policy's rule for answering, on the speaker's facts: a released acceptance (accepted or confirmed).</summary>
    public static void EnsureAnswerable(Answering answering)
    {
        var s = answering.Submission;
        var facts = new ProposalFacts(false, false, false, true, null, false, false, s.Status, s.Track.ReviewPhaseStartedUtc is not null,
            s.Track.BlindMode, false, s.Track.OthersReviews, s.IsDecisionReleased);
        if (!ProposalPolicy.For(facts).AnswerAsSpeaker)
            throw new InvalidStateException(answering.Offer.Answer switch
            {
                ConfirmationAnswer.Declined => "This talk has been declined.",
                ConfirmationAnswer.SlotReleased => "The slot of this talk has been given up.",
                _ => $"This talk is {Submission.Describe(s.Status)}; there is nothing to confirm or decline.",
            });
    }

    private IQueryable<SpeakerConfirmation> Offers(bool tracked) => tracked ? db.SpeakerConfirmations : db.SpeakerConfirmations.AsNoTracking();

    private async Task<Submission> LoadAsync(Guid submissionId, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.Submissions.Include(s => s.Track).ThenInclude(t => t.Conference).Include(s => s.Speakers).AsQueryable();
        if (!tracked)
            query = query.AsNoTracking();
        return await query.SingleOrDefaultAsync(s => s.Id == submissionId, cancellationToken) ?? throw NotFoundException.For("Proposal", submissionId);
    }
}
