using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Common;

namespace ReviewPortal.Application.Features.Reviews;

/// <summary>
/// The policy's <see cref="ProposalView.WriteReview"/> for one proposal, with the reason a refusal gives: 404 when the
/// proposal is hidden from the caller, 403 when they see it but it is not theirs to review, 409 when it is theirs but
/// no longer under review.
/// </summary>
public sealed class ReviewAccess(ProposalAccess access)
{
    public async Task<ProposalView> EnsureCanWriteAsync(Guid proposalId, CancellationToken cancellationToken)
    {
        _ = access.UserId;
        var facts = await access.GetFactsAsync(proposalId, cancellationToken);
        var view = ProposalPolicy.For(facts);
        if (!view.Exists)
            throw NotFoundException.For("Proposal", proposalId);
        if (view.WriteReview)
            return view;
        if (view.Role is ProposalRole.Speaker or ProposalRole.CoSpeaker)
            throw new ForbiddenAccessException("You are a speaker of this proposal: speakers do not review their own proposals.");
        if (view.IsConflicted)
            throw new ForbiddenAccessException("You have a conflict of interest on this proposal, so you cannot review it.");
        if (!facts.IsAssigned || facts.Seat is null)
            throw new ForbiddenAccessException("You are not assigned to review this proposal; the chair assigns reviewers.");
        throw new InvalidStateException("This proposal is no longer under review, so its reviews cannot be changed.");
    }
}
