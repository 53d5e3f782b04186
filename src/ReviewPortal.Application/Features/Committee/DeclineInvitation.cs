using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Committee;

/// <summary>
/// The invitee declines. The link is the proof, so no account is needed: someone who does not want to join should not
/// have to register to say so. Final: the link stops working; the chairs are told.
/// </summary>
[AllowAnonymous]
public sealed record DeclineInvitation(string Token) : ICommand;

public sealed class DeclineInvitationValidator : AbstractValidator<DeclineInvitation>
{
    public DeclineInvitationValidator() => RuleFor(x => x.Token).NotEmpty().WithMessage("The link has no invitation token.");
}

public sealed class DeclineInvitationHandler(InvitationAccess invitations, TimeProvider clock, AuditTrail audit, InvitationMails mails)
    : ICommandHandler<DeclineInvitation>
{
    public async ValueTask<Unit> Handle(DeclineInvitation command, CancellationToken cancellationToken)
    {
        var invitation = await invitations.GetByTokenAsync(command.Token, tracked: true, cancellationToken);
        var now = clock.GetUtcNow();
        InvitationAccess.EnsureOpen(invitation, now);
        invitation.DeclinedUtc = now;
        audit.Record("committee.invitation-declined", nameof(CommitteeInvitation), invitation.Id,
            new { invitation.Email, invitation.Name, Role = invitation.Role.ToString() }, invitation.TrackId);
        await mails.DeclinedAsync(invitation, invitation.Track,
            invitation.Track.Committee.Where(m => m.Role == CommitteeRole.Chair).Select(m => m.Person), cancellationToken);
        return Unit.Value;
    }
}
