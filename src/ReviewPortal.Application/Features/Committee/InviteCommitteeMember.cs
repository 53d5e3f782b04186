using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Validation;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Committee;

/// <summary>
/// The chair invites someone to the track's committee by e-mail: a single-use link that expires
/// (<see cref="CommitteeOptions.InvitationExpiryDays"/>). Inviting an address with an open invitation replaces it: the
/// old link stops working. The past affiliations and e-mail domains feed the conflict preview and the profile.
/// </summary>
public sealed record InviteCommitteeMember(
    Guid TrackId,
    string Email,
    string Name,
    CommitteeRole Role,
    string? Affiliation,
    IReadOnlyList<AffiliationInput>? PastAffiliations = null,
    IReadOnlyList<string>? EmailDomains = null) : ICommand<InvitationSent>, IInvitee;

public sealed record InvitationSent(Guid Id, string Email, DateTimeOffset ExpiresUtc, bool Replaced);

/// <summary>The invitation fields both the preview and the invitation check.</summary>
public abstract class InviteeValidator<T> : AbstractValidator<T> where T : IInvitee
{
    protected InviteeValidator(TimeProvider clock)
    {
        RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop).NotEmpty().WithName("Their e-mail address")
            .MaximumLength(256).WithName("Their e-mail address")
            .EmailAddress().WithMessage("Their e-mail address is not a valid e-mail address.");
        RuleFor(x => x.Name).Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Give their name, as the invitation should greet them.")
            .MaximumLength(100).WithName("Their name");
        RuleFor(x => x.Affiliation).MaximumLength(ProfileRules.MaxOrganisationLength).WithName("The affiliation");
        this.AffiliationRules(x => x.PastAffiliations!, clock);
        this.EmailDomainRules(x => x.EmailDomains!);
    }
}

/// <summary>What the chair says about an invitee.</summary>
public interface IInvitee
{
    Guid TrackId { get; }
    string Email { get; }
    string Name { get; }
    string? Affiliation { get; }
    IReadOnlyList<AffiliationInput>? PastAffiliations { get; }
    IReadOnlyList<string>? EmailDomains { get; }
}

public sealed class InviteCommitteeMemberValidator : InviteeValidator<InviteCommitteeMember>
{
    public InviteCommitteeMemberValidator(TimeProvider clock) : base(clock) => RuleFor(x => x.Role).IsInEnum().WithMessage("Choose Reviewer or Chair.");
}

public sealed class InviteCommitteeMemberHandler(
    IApplicationDbContext db, TrackAccess access, ICurrentUser currentUser, TimeProvider clock, AuditTrail audit,
    InvitationMails mails, IOptions<CommitteeOptions> options) : ICommandHandler<InviteCommitteeMember, InvitationSent>
{
    public async ValueTask<InvitationSent> Handle(InviteCommitteeMember command, CancellationToken cancellationToken)
    {
        var track = await access.GetTrackForChairAsync(command.TrackId, cancellationToken);
        var email = command.Email.Trim();
        var normalised = email.ToUpperInvariant();
        if (track.Committee.FirstOrDefault(m => m.Person.Email.ToUpperInvariant() == normalised) is { } seated)
            throw Refusal.Of(nameof(command.Email), $"{seated.Person.DisplayName} ({seated.Person.Email}) is already on the committee of {track.Name}.");

        var now = clock.GetUtcNow();
        var open = await db.CommitteeInvitations
            .Where(i => i.TrackId == track.Id && i.Email.ToUpper() == normalised
                && i.AcceptedUtc == null && i.DeclinedUtc == null && i.RevokedUtc == null && i.ExpiresUtc > now)
            .OrderByDescending(i => i.CreatedUtc)
            .ToListAsync(cancellationToken);
        // Re-sending replaces the open invitation: its row gets a new token, so the old link stops working.
        var invitation = open.FirstOrDefault();
        foreach (var older in open.Skip(1))
            older.RevokedUtc = now;
        if (invitation is null)
        {
            invitation = new CommitteeInvitation { TrackId = track.Id };
            db.CommitteeInvitations.Add(invitation);
        }

        var inviter = track.Committee.FirstOrDefault(m => m.PersonId == currentUser.Id)?.Person
            ?? await db.People.SingleAsync(p => p.Id == currentUser.Id, cancellationToken);
        var token = InvitationToken.New();
        invitation.Email = email;
        invitation.Name = command.Name.Trim();
        invitation.Role = command.Role;
        invitation.Affiliation = string.IsNullOrWhiteSpace(command.Affiliation) ? null : command.Affiliation.Trim();
        invitation.PastAffiliations = (command.PastAffiliations ?? []).Select(a => a.ToPeriod()).ToList();
        invitation.EmailDomains = ProfileRules.NormaliseDomains(command.EmailDomains ?? []);
        invitation.TokenHash = InvitationToken.Hash(token);
        invitation.CreatedUtc = now;
        invitation.ExpiresUtc = now.AddDays(options.Value.InvitationExpiryDays);
        invitation.InvitedById = inviter.Id;

        audit.Record(open.Count > 0 ? "committee.invitation-resent" : "committee.invitation-sent", nameof(CommitteeInvitation), invitation.Id,
            new { invitation.Email, invitation.Name, Role = invitation.Role.ToString(), invitation.ExpiresUtc }, track.Id);
        await mails.InvitedAsync(invitation, track, inviter, token, cancellationToken);
        return new InvitationSent(invitation.Id, invitation.Email, invitation.ExpiresUtc, open.Count > 0);
    }
}
