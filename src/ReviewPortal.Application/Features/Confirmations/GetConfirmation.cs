using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Features.Proposals;

namespace ReviewPortal.Application.Features.Confirmations;

/// <summary>
/// The offer as the mail's link shows it (signed out): the talk, the deadline, the answer so far. Reads only: the
/// page a mail scanner opens changes nothing.
/// </summary>
[AllowAnonymous]
public sealed record GetConfirmationByToken(string? Token) : IQuery<ConfirmationView>;

public sealed class GetConfirmationByTokenValidator : AbstractValidator<GetConfirmationByToken>
{
    public GetConfirmationByTokenValidator() =>
        RuleFor(x => x.Token).NotEmpty().WithMessage("The link has no confirmation token.")
            .MaximumLength(ConfirmTalkValidator.MaxTokenLength).WithMessage(ConfirmationAccess.InvalidLink);
}

public sealed class GetConfirmationByTokenHandler(ConfirmationAccess access, TimeProvider clock) : IQueryHandler<GetConfirmationByToken, ConfirmationView>
{
    public async ValueTask<ConfirmationView> Handle(GetConfirmationByToken query, CancellationToken cancellationToken)
    {
        var answering = await access.ByTokenAsync(query.Token, tracked: false, cancellationToken);
        return ConfirmationViews.Of(answering.Offer, answering.Submission, answering.Speaker.Id, answersAsSpeaker: true, clock.GetUtcNow());
    }
}

/// <summary>
/// A talk's confirmation for its speakers (with what they may still do) and for the chairs (the unavailability and
/// absences the timetable needs). Anyone else, a conflicted chair included, gets 404.
/// </summary>
public sealed record GetProposalConfirmation(Guid ProposalId) : IQuery<ConfirmationView>;

public sealed class GetProposalConfirmationHandler(IApplicationDbContext db, ProposalAccess proposals, ICurrentUser currentUser, TimeProvider clock)
    : IQueryHandler<GetProposalConfirmation, ConfirmationView>
{
    public async ValueTask<ConfirmationView> Handle(GetProposalConfirmation query, CancellationToken cancellationToken)
    {
        var (submission, view) = await proposals.GetForReaderAsync(query.ProposalId, cancellationToken);
        var speaker = view.EditAsSpeaker;
        if (!speaker && !view.ManageConfirmation)
            throw NotFoundException.For("Proposal", query.ProposalId);
        var offer = await db.SpeakerConfirmations.AsNoTracking().SingleOrDefaultAsync(c => c.SubmissionId == submission.Id, cancellationToken)
            ?? throw new NotFoundException("This proposal has no accepted slot to confirm.");
        var me = currentUser.Id;
        var answeringAs = speaker ? submission.Speakers.Where(s => s.PersonId == me).OrderBy(s => s.Order).Select(s => (Guid?)s.Id).FirstOrDefault() : null;
        return ConfirmationViews.Of(offer, submission, answeringAs, view.AnswerAsSpeaker, clock.GetUtcNow());
    }
}
