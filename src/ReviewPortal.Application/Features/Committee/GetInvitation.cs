using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Committee;

/// <summary>
/// What an invitation link is: who invites whom to which track as what, until when, and which account would be
/// seated if the signed-in person accepted. Reading it changes nothing. Anyone holding the link may read it.
/// </summary>
[AllowAnonymous]
public sealed record GetInvitation(string Token) : IQuery<InvitationDetails>;

public sealed record InvitationDetails(
    Guid TrackId,
    string Track,
    string Conference,
    string ConferenceSlug,
    string TrackSlug,
    string Name,
    string Email,
    CommitteeRole Role,
    string? Affiliation,
    string InvitedBy,
    DateTimeOffset ExpiresUtc,
    /// <summary>The expiry in the conference's zone, in words.</summary>
    string Expires,
    InvitationState State,
    /// <summary>Why it cannot be answered any more (null while pending).</summary>
    string? Closed,
    /// <summary>The signed-in account that accepting would seat, or null when nobody is signed in.</summary>
    SignedInAccount? Account);

public sealed record SignedInAccount(string Name, string Email, CommitteeRole? CurrentSeat);

public sealed class GetInvitationValidator : AbstractValidator<GetInvitation>
{
    public GetInvitationValidator() => RuleFor(x => x.Token).NotEmpty().WithMessage("The link has no invitation token.");
}

public sealed class GetInvitationHandler(IApplicationDbContext db, InvitationAccess invitations, ICurrentUser currentUser, TimeProvider clock)
    : IQueryHandler<GetInvitation, InvitationDetails>
{
    public async ValueTask<InvitationDetails> Handle(GetInvitation query, CancellationToken cancellationToken)
    {
        var invitation = await invitations.GetByTokenAsync(query.Token, tracked: false, cancellationToken);
        var track = invitation.Track;
        var now = clock.GetUtcNow();
        string? closed = null;
        try
        {
            InvitationAccess.EnsureOpen(invitation, now);
        }
        catch (Domain.Common.InvalidStateException ex)
        {
            closed = ex.Message;
        }

        SignedInAccount? account = null;
        if (currentUser.Id is { } me)
        {
            var person = await db.People.AsNoTracking().Where(p => p.Id == me).Select(p => new { p.DisplayName, p.Email }).SingleOrDefaultAsync(cancellationToken);
            if (person is not null)
                account = new SignedInAccount(person.DisplayName, person.Email, track.Committee.FirstOrDefault(m => m.PersonId == me)?.Role);
        }

        var invitedBy = await db.People.AsNoTracking().Where(p => p.Id == invitation.InvitedById).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken);
        return new InvitationDetails(track.Id, track.Name, track.Conference.Name, track.Conference.Slug, track.Slug,
            invitation.Name, invitation.Email, invitation.Role, invitation.Affiliation, invitedBy ?? "The chair",
            invitation.ExpiresUtc, track.Conference.Format(invitation.ExpiresUtc), invitation.StateAt(now), closed, account);
    }
}
