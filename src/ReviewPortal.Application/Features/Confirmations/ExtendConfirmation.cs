using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Confirmations;

/// <summary>
/// A chair gives a talk's speakers until <see cref="Until"/> to answer (a wall-clock time in the conference's zone, like
/// the track's deadlines; an offset or "Z" makes it that instant). Reminders and the link follow the extension.
/// </summary>
public sealed record ExtendConfirmation(Guid ProposalId, DateTime? Until) : ICommand<ConfirmationView>;

public sealed class ExtendConfirmationValidator : AbstractValidator<ExtendConfirmation>
{
    public ExtendConfirmationValidator()
    {
        RuleFor(x => x.ProposalId).NotEmpty().WithMessage("Choose a proposal.");
        RuleFor(x => x.Until).NotNull().WithMessage("Give the new deadline.");
    }
}

public sealed class ExtendConfirmationHandler(ChairConfirmationAccess access, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<ExtendConfirmation, ConfirmationView>
{
    public async ValueTask<ConfirmationView> Handle(ExtendConfirmation command, CancellationToken cancellationToken)
    {
        var (offer, submission) = await access.GetAsync(command.ProposalId, cancellationToken);
        var conference = submission.Track.Conference;
        var until = command.Until!.Value;
        if (until.Kind == DateTimeKind.Unspecified && conference.ExplainUnclearLocalTime(until) is { } unclear)
            throw Common.Validation.Refusal.Of(nameof(ExtendConfirmation.Until), unclear);
        var untilUtc = ConferenceTimes.ToUtc(conference, until);
        var now = clock.GetUtcNow();
        if (untilUtc <= now)
            throw Common.Validation.Refusal.Of(nameof(ExtendConfirmation.Until), "The new deadline must be in the future.");
        var before = offer.DueUtc(submission.Track);
        offer.Extend(untilUtc, now);
        audit.Record("confirmation.extended", nameof(Submission), submission.Id, new { Before = before, After = untilUtc }, submission.TrackId);
        return ConfirmationViews.Of(offer, submission, null, answersAsSpeaker: false, now);
    }
}
