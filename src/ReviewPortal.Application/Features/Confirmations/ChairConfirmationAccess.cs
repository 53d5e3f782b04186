using ReviewPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Confirmations;

/// <summary>
/// A chair's hold on one talk's offer: the policy's <see cref="ProposalView.ManageConfirmation"/> (chairs and admins once the
/// decision is released, not a conflicted chair). Who may not know the proposal gets 404, a member or conflicted chair 403.
/// </summary>
public sealed class ChairConfirmationAccess(IApplicationDbContext db, ProposalAccess proposals)
{
    public async Task<(SpeakerConfirmation Offer, Submission Submission)> GetAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        var view = await proposals.GetViewAsync(submissionId, cancellationToken);
        if (!view.ManageConfirmation)
            throw view.IsCommitteeSide || view.IsConflicted
                ? new ForbiddenAccessException(view.IsConflicted
                    ? "You have a conflict of interest with this proposal; another chair manages its confirmation."
                    : "Only the track's chairs manage confirmations.")
                : NotFoundException.For("Proposal", submissionId);
        var offer = await db.SpeakerConfirmations.SingleOrDefaultAsync(c => c.SubmissionId == submissionId, cancellationToken)
            ?? throw new InvalidStateException("This proposal has no accepted slot to confirm.");
        var submission = await db.Submissions.Include(s => s.Track).ThenInclude(t => t.Conference).Include(s => s.Speakers)
            .SingleAsync(s => s.Id == submissionId, cancellationToken);
        return (offer, submission);
    }
}
