using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Confirmations;

/// <summary>
/// A speaker declines an accepted (or confirmed) talk, with a reason, from the mail's link or signed in. The slot goes
/// to the waitlist (<see cref="WaitlistPromoter"/>) in the same transaction; the chairs are told.
/// </summary>
[AllowAnonymous]
public sealed record DeclineTalk(string? Token, Guid? ProposalId, string? Reason) : ICommand<ConfirmationView>;

public sealed class DeclineTalkValidator : AbstractValidator<DeclineTalk>
{
    public DeclineTalkValidator()
    {
        RuleFor(x => x).Must(x => (x.Token is not null) != (x.ProposalId is not null))
            .OverridePropertyName("Token").WithMessage("Decline from the link in the mail, or signed in on the proposal.");
        RuleFor(x => x.Token).MaximumLength(ConfirmTalkValidator.MaxTokenLength).WithMessage(ConfirmationAccess.InvalidLink);
        RuleFor(x => x.ProposalId).NotEqual(Guid.Empty).WithMessage("Choose a proposal.");
        RuleFor(x => x.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Tell the chairs why you cannot give the talk.")
            .MaximumLength(SpeakerConfirmation.MaxReasonLength).WithMessage($"Keep the reason under {SpeakerConfirmation.MaxReasonLength} characters.");
    }
}

public sealed class DeclineTalkHandler(ConfirmationAccess access, WaitlistPromoter promotion, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<DeclineTalk, ConfirmationView>
{
    public async ValueTask<ConfirmationView> Handle(DeclineTalk command, CancellationToken cancellationToken)
    {
        var answering = command.Token is not null
            ? await access.ByTokenAsync(command.Token, tracked: true, cancellationToken)
            : await access.BySpeakerAsync(command.ProposalId!.Value, tracked: true, cancellationToken);
        var (offer, submission, speaker) = (answering.Offer, answering.Submission, answering.Speaker);
        if (offer.Answer is not (ConfirmationAnswer.Declined or ConfirmationAnswer.SlotReleased))
            ConfirmationAccess.EnsureAnswerable(answering);
        var now = clock.GetUtcNow();
        var reason = command.Reason!.Trim();
        offer.Decline(answering.Track, speaker.Id, answering.AccountId, reason, now);
        submission.Decline(now);
        audit.Record("confirmation.declined", nameof(Submission), submission.Id,
            new { Speaker = speaker.Name, FromMailLink = command.Token is not null, Reason = reason }, submission.TrackId);
        await promotion.AfterGivenUpAsync(submission, offer, cancellationToken);
        return ConfirmationViews.Of(offer, submission, speaker.Id, answersAsSpeaker: true, now);
    }
}
