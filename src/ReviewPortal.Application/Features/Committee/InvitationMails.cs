using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.People;

namespace ReviewPortal.Application.Features.Committee;

/// <summary>
/// The mails of a committee invitation, through the outbox (they commit with the change): the invitation itself to the
/// invitee, and "accepted" / "declined" to each of the track's chairs. Times are in the conference's zone.
/// </summary>
public sealed class InvitationMails(IEmailOutbox outbox, ILinkBuilder links)
{
    public Task InvitedAsync(CommitteeInvitation invitation, Track track, Person invitedBy, string token, CancellationToken cancellationToken) =>
        outbox.EnqueueAsync("committee.invitation", invitation.Email, invitation.Name, new
        {
            invitation.Name,
            InvitedBy = invitedBy.DisplayName,
            Track = track.Name,
            Conference = track.Conference.Name,
            RoleWords = RoleWords(invitation.Role),
            Expires = track.Conference.Format(invitation.ExpiresUtc),
            Link = links.CommitteeInvitation(token),
        }, cancellationToken);

    /// <summary>One mail to each chair of the track (the committee as loaded, chairs only).</summary>
    public async Task AcceptedAsync(CommitteeInvitation invitation, Track track, Person member, IEnumerable<Person> chairs, CancellationToken cancellationToken)
    {
        foreach (var chair in chairs.Where(c => c.Id != member.Id).DistinctBy(c => c.Id))
            await outbox.EnqueueAsync("committee.invitation-accepted", chair.Email, chair.DisplayName, new
            {
                Name = chair.DisplayName,
                Member = invitation.Name,
                MemberEmail = invitation.Email,
                Account = member.Email,
                Track = track.Name,
                Conference = track.Conference.Name,
                RoleWords = RoleWords(invitation.Role),
                Link = links.CommitteeOfTrack(track.Id),
            }, cancellationToken);
    }

    public async Task DeclinedAsync(CommitteeInvitation invitation, Track track, IEnumerable<Person> chairs, CancellationToken cancellationToken)
    {
        foreach (var chair in chairs.DistinctBy(c => c.Id))
            await outbox.EnqueueAsync("committee.invitation-declined", chair.Email, chair.DisplayName, new
            {
                Name = chair.DisplayName,
                Invitee = invitation.Name,
                InviteeEmail = invitation.Email,
                Track = track.Name,
                Conference = track.Conference.Name,
                Link = links.CommitteeOfTrack(track.Id),
            }, cancellationToken);
    }

    public static string RoleWords(CommitteeRole role) => role == CommitteeRole.Chair ? "a chair" : "a reviewer";
}
