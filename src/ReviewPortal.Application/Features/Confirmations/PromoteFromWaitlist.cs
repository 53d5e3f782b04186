using ReviewPortal.Domain.Common;
using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Features.Decisions;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Confirmations;

/// <summary>
/// A chair offers a slot to the first talk of the waitlist (the one click of <see cref="Domain.Conferences.WaitlistPromotion.ChairConfirms"/>,
/// or when no automatic promotion happened): it is accepted and released, its speakers mailed with their confirm link.
/// A chair conflicted on that talk is refused: another chair or an admin offers it.
/// </summary>
public sealed record PromoteFromWaitlist(Guid TrackId) : ICommand<PromotedProposal>;

public sealed record PromotedProposal(Guid ProposalId, string Title, string Status, int RemainingOnWaitlist);

public sealed class PromoteFromWaitlistValidator : AbstractValidator<PromoteFromWaitlist>
{
    public PromoteFromWaitlistValidator() => RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
}

public sealed class PromoteFromWaitlistHandler(IApplicationDbContext db, TrackAccess tracks, ProposalAccess proposals, WaitlistPromoter promotion)
    : ICommandHandler<PromoteFromWaitlist, PromotedProposal>
{
    public async ValueTask<PromotedProposal> Handle(PromoteFromWaitlist command, CancellationToken cancellationToken)
    {
        await tracks.ReadTrackForChairAsync(command.TrackId, cancellationToken);
        // Ids only, not tracked: the promotion reads the waitlist again under the deciders' lock, and tracked rows from
        // before it would hide what another chair changed meanwhile.
        var waitlist = await db.Submissions.AsNoTracking().WaitlistOf(command.TrackId).Select(s => s.Id).ToListAsync(cancellationToken);
        if (waitlist.Count == 0)
            throw new InvalidStateException("The waitlist is empty: there is no talk to offer the slot to.");
        var view = await proposals.GetViewAsync(waitlist[0], cancellationToken);
        if (!view.ManageConfirmation)
            throw new ForbiddenAccessException(view.IsConflicted
                ? "You have a conflict of interest with the first talk of the waitlist; another chair offers it the slot."
                : "Only the track's chairs offer slots to the waitlist (once its decisions are released).");
        var promoted = (await promotion.PromoteNextAsync(command.TrackId, cancellationToken))!;
        return new PromotedProposal(promoted.Id, promoted.Title, Submission.Describe(promoted.Status), waitlist.Count - 1);
    }
}
