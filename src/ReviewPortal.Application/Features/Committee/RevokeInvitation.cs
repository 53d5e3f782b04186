using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Common;

namespace ReviewPortal.Application.Features.Committee;

/// <summary>The chair withdraws an invitation that is not answered yet: its link stops working at once.</summary>
public sealed record RevokeInvitation(Guid InvitationId) : ICommand;

public sealed class RevokeInvitationValidator : AbstractValidator<RevokeInvitation>
{
    public RevokeInvitationValidator() => RuleFor(x => x.InvitationId).NotEmpty();
}

public sealed class RevokeInvitationHandler(InvitationAccess invitations, TimeProvider clock, AuditTrail audit) : ICommandHandler<RevokeInvitation>
{
    public async ValueTask<Unit> Handle(RevokeInvitation command, CancellationToken cancellationToken)
    {
        var (invitation, track) = await invitations.GetForChairAsync(command.InvitationId, cancellationToken);
        var now = clock.GetUtcNow();
        switch (invitation.StateAt(now))
        {
            case InvitationState.Revoked:
                return Unit.Value; // already withdrawn: nothing to do
            case InvitationState.Accepted:
                throw new InvalidStateException($"{invitation.Name} already accepted this invitation; to take them off the committee, remove them from it.");
            case InvitationState.Declined:
                throw new InvalidStateException($"{invitation.Name} already declined this invitation.");
        }

        invitation.RevokedUtc = now;
        audit.Record("committee.invitation-revoked", nameof(CommitteeInvitation), invitation.Id,
            new { invitation.Email, invitation.Name, Role = invitation.Role.ToString() }, track.Id);
        return Unit.Value;
    }
}
