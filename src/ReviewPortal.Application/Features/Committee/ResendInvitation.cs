using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Common;

namespace ReviewPortal.Application.Features.Committee;

/// <summary>
/// The chair sends a pending or expired invitation again: a new link with a new expiry; the old link stops working
/// (only the new token's hash is kept).
/// </summary>
public sealed record ResendInvitation(Guid InvitationId) : ICommand<InvitationSent>;

public sealed class ResendInvitationValidator : AbstractValidator<ResendInvitation>
{
    public ResendInvitationValidator() => RuleFor(x => x.InvitationId).NotEmpty();
}

public sealed class ResendInvitationHandler(
    InvitationAccess invitations, IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock, AuditTrail audit,
    InvitationMails mails, IOptions<CommitteeOptions> options) : ICommandHandler<ResendInvitation, InvitationSent>
{
    public async ValueTask<InvitationSent> Handle(ResendInvitation command, CancellationToken cancellationToken)
    {
        var (invitation, track) = await invitations.GetForChairAsync(command.InvitationId, cancellationToken);
        var now = clock.GetUtcNow();
        if (invitation.StateAt(now) is not (InvitationState.Pending or InvitationState.Expired))
            throw new InvalidStateException($"This invitation is {invitation.StateAt(now).ToString().ToLowerInvariant()}: only a pending or expired invitation can be sent again. Invite {invitation.Email} anew instead.");

        var inviter = track.Committee.FirstOrDefault(m => m.PersonId == currentUser.Id)?.Person
            ?? await db.People.FindAsync([currentUser.Id], cancellationToken)
            ?? throw new InvalidOperationException("The inviter has no profile.");
        var token = InvitationToken.New();
        invitation.TokenHash = InvitationToken.Hash(token);
        invitation.CreatedUtc = now;
        invitation.ExpiresUtc = now.AddDays(options.Value.InvitationExpiryDays);
        invitation.InvitedById = inviter.Id;
        audit.Record("committee.invitation-resent", nameof(CommitteeInvitation), invitation.Id,
            new { invitation.Email, invitation.Name, Role = invitation.Role.ToString(), invitation.ExpiresUtc }, track.Id);
        await mails.InvitedAsync(invitation, track, inviter, token, cancellationToken);
        return new InvitationSent(invitation.Id, invitation.Email, invitation.ExpiresUtc, Replaced: true);
    }
}
