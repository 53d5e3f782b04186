using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Committee;

/// <summary>
/// The invitee accepts with the signed-in account (any of their accounts: it need not have the invited address). Single
/// use; refused once expired, revoked, declined or used. Seats them with the invited role (a member removed earlier
/// gets their old seat back; a seated reviewer invited as chair becomes chair, a chair is never demoted by this), copies
/// the invited affiliations and e-mail domains into the profile, rechecks the track's conflicts and tells the chairs.
/// </summary>
public sealed record AcceptInvitation(string Token) : ICommand<AcceptedInvitation>;

public sealed record AcceptedInvitation(Guid TrackId, Guid MemberId, CommitteeRole Role);

public sealed class AcceptInvitationValidator : AbstractValidator<AcceptInvitation>
{
    public AcceptInvitationValidator() => RuleFor(x => x.Token).NotEmpty().WithMessage("The link has no invitation token.");
}

public sealed class AcceptInvitationHandler(
    IApplicationDbContext db, InvitationAccess invitations, ICurrentUser currentUser, TimeProvider clock, AuditTrail audit,
    InvitationMails mails, CommitteeConflicts conflicts) : ICommandHandler<AcceptInvitation, AcceptedInvitation>
{
    public async ValueTask<AcceptedInvitation> Handle(AcceptInvitation command, CancellationToken cancellationToken)
    {
        var invitation = await invitations.GetByTokenAsync(command.Token, tracked: true, cancellationToken);
        var track = invitation.Track;
        var now = clock.GetUtcNow();
        InvitationAccess.EnsureOpen(invitation, now);

        var me = currentUser.Id!.Value;
        var person = await db.People.SingleAsync(p => p.Id == me, cancellationToken);
        var member = track.Committee.SingleOrDefault(m => m.PersonId == me);
        if (member is null)
        {
            // Someone removed earlier is seated again on their old row (one row per person and track), as AddCommitteeMember does.
            member = await db.CommitteeMembers.IgnoreQueryFilters()
                .SingleOrDefaultAsync(m => m.TrackId == track.Id && m.PersonId == me, cancellationToken);
            if (member is null)
            {
                member = new CommitteeMember { TrackId = track.Id, PersonId = me };
                db.CommitteeMembers.Add(member);
            }

            member.RemovedUtc = null;
            member.Role = invitation.Role;
        }
        else if (invitation.Role == CommitteeRole.Chair)
        {
            track.ChangeRole(member, CommitteeRole.Chair);
        }

        CopyProfile(invitation, member, person);
        invitation.AcceptedUtc = now;
        invitation.AcceptedById = me;
        audit.Record("committee.invitation-accepted", nameof(CommitteeInvitation), invitation.Id,
            new { invitation.Email, invitation.Name, Account = person.Email, Role = member.Role.ToString() }, track.Id);

        var chairs = track.Committee.Where(m => m.Role == CommitteeRole.Chair && m.PersonId != me).Select(m => m.Person).ToList();
        await mails.AcceptedAsync(invitation, track, person, chairs, cancellationToken);

        // Detection reads the committee from the database: the new seat must be there (the transaction commits later).
        await db.SaveChangesAsync(cancellationToken);
        await conflicts.RefreshAsync(track.Id, cancellationToken);
        return new AcceptedInvitation(track.Id, member.Id, member.Role);
    }

    /// <summary>The invited affiliations and domains join what the profile already has (a returning member keeps theirs).</summary>
    private static void CopyProfile(CommitteeInvitation invitation, CommitteeMember member, Domain.People.Person person)
    {
        var affiliations = new List<AffiliationPeriod>(member.Affiliations);
        var invited = Committee.PreviewInvitationConflictsHandler.Affiliations(invitation.Affiliation, invitation.PastAffiliations.Select(AffiliationInput.From).ToList());
        foreach (var a in invited)
        {
            if (!affiliations.Any(x => string.Equals(x.Organisation, a.Organisation, StringComparison.OrdinalIgnoreCase) && x.FromYear == a.FromYear && x.ToYear == a.ToYear))
                affiliations.Add(a);
        }

        member.Affiliations = affiliations.Take(ProfileRules.MaxAffiliations).ToList();
        member.EmailDomains = ProfileRules.NormaliseDomains(member.EmailDomains.Concat(invitation.EmailDomains)).Take(ProfileRules.MaxEmailDomains).ToList();
        member.Affiliation = invitation.Affiliation ?? member.Affiliation ?? person.Affiliation;
    }
}
