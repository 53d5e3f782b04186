using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Confirmations;

/// <summary>
/// A chair gives up the slot of a talk whose speakers did not answer by the deadline (only then): the talk is declined
/// and the waitlist promotion follows, as for a speaker's decline.
/// </summary>
public sealed record ReleaseSlot(Guid ProposalId) : ICommand<ConfirmationView>;

public sealed class ReleaseSlotValidator : AbstractValidator<ReleaseSlot>
{
    public ReleaseSlotValidator() => RuleFor(x => x.ProposalId).NotEmpty().WithMessage("Choose a proposal.");
}

public sealed class ReleaseSlotHandler(ChairConfirmationAccess access, WaitlistPromoter promotion, ICurrentUser currentUser, AuditTrail audit,
    TimeProvider clock) : ICommandHandler<ReleaseSlot, ConfirmationView>
{
    public async ValueTask<ConfirmationView> Handle(ReleaseSlot command, CancellationToken cancellationToken)
    {
        var (offer, submission) = await access.GetAsync(command.ProposalId, cancellationToken);
        var now = clock.GetUtcNow();
        offer.ReleaseSlot(submission.Track, currentUser.Id ?? throw new UnauthenticatedException(), now);
        submission.Decline(now);
        audit.Record("confirmation.slot-released", nameof(Submission), submission.Id, new { submission.Title, Due = offer.DueUtc(submission.Track) },
            submission.TrackId);
        await promotion.AfterGivenUpAsync(submission, offer, cancellationToken);
        return ConfirmationViews.Of(offer, submission, null, answersAsSpeaker: false, now);
    }
}
