using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Common;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Committee;

/// <summary>
/// Finds an invitation: by id for the chair of its track (404 if there is none, 403 for anyone but the chair), or by
/// the token of its link for the invitee (404 for a token that is no invitation's).
/// </summary>
public sealed class InvitationAccess(IApplicationDbContext db, TrackAccess access)
{
    public async Task<(CommitteeInvitation Invitation, Track Track)> GetForChairAsync(Guid invitationId, CancellationToken cancellationToken)
    {
        var trackId = await db.CommitteeInvitations.Where(i => i.Id == invitationId).Select(i => (Guid?)i.TrackId).SingleOrDefaultAsync(cancellationToken)
            ?? throw NotFoundException.For("Invitation", invitationId);
        var track = await access.GetTrackForChairAsync(trackId, cancellationToken);
        return (await db.CommitteeInvitations.SingleAsync(i => i.Id == invitationId, cancellationToken), track);
    }

    /// <summary>The invitation of a link (tracked to change it), with its track, conference and committee (people included).</summary>
    public async Task<CommitteeInvitation> GetByTokenAsync(string token, bool tracked, CancellationToken cancellationToken)
    {
        var hash = InvitationToken.HasValidShape(token) ? InvitationToken.Hash(token) : null;
        var invitations = tracked ? db.CommitteeInvitations : db.CommitteeInvitations.AsNoTracking();
        return hash is null ? throw NotFound() : await invitations
                .Include(i => i.Track).ThenInclude(t => t.Conference)
                .Include(i => i.Track).ThenInclude(t => t.Committee).ThenInclude(m => m.Person)
                .SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken)
            ?? throw NotFound();
    }

    /// <summary>An answer (accept or decline) is possible only while the invitation is pending; otherwise the reason, in words.</summary>
    public static void EnsureOpen(CommitteeInvitation invitation, DateTimeOffset nowUtc)
    {
        var conference = invitation.Track.Conference;
        switch (invitation.StateAt(nowUtc))
        {
            case InvitationState.Accepted:
                throw new InvalidStateException($"This invitation was already accepted on {conference.Format(invitation.AcceptedUtc!.Value)}; a link works only once.");
            case InvitationState.Declined:
                throw new InvalidStateException($"This invitation was declined on {conference.Format(invitation.DeclinedUtc!.Value)}. Ask the chair of {invitation.Track.Name} for a new one.");
            case InvitationState.Revoked:
                throw new InvalidStateException($"This invitation was withdrawn or replaced by a newer one. Use the link in the latest invitation mail, or ask the chair of {invitation.Track.Name}.");
            case InvitationState.Expired:
                throw new InvalidStateException($"This invitation expired on {conference.Format(invitation.ExpiresUtc)}. Ask the chair of {invitation.Track.Name} to send it again.");
        }
    }

    private static NotFoundException NotFound() =>
        new("This invitation link is not valid. Check that it was copied whole, or ask the chair for a new invitation.");
}
