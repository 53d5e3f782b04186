using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Features.People;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Tracks;

/// <summary>The chair seats a person (an existing account) on the track's committee, as reviewer or co-chair.</summary>
public sealed record AddCommitteeMember(Guid TrackId, string Email, CommitteeRole Role, string? Affiliation) : ICommand<Guid>;

public sealed class AddCommitteeMemberValidator : AbstractValidator<AddCommitteeMember>
{
    public AddCommitteeMemberValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
        RuleFor(x => x.Role).IsInEnum();
        RuleFor(x => x.Affiliation).MaximumLength(200).WithName("The affiliation");
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop).NotEmpty().EmailAddress().WithName("Their e-mail address")
            .MustAsync(async (email, ct) => await db.People.WithEmail(email).AnyAsync(ct))
            .WithMessage("No account has this e-mail address; ask them to register first.");
    }
}

public sealed class AddCommitteeMemberHandler(IApplicationDbContext db, TrackAccess access, AuditTrail audit, Conflicts.ConflictDetection conflicts)
    : ICommandHandler<AddCommitteeMember, Guid>
{
    public async ValueTask<Guid> Handle(AddCommitteeMember command, CancellationToken cancellationToken)
    {
        var track = await access.GetTrackForChairAsync(command.TrackId, cancellationToken);
        var person = await db.People.WithEmail(command.Email).SingleAsync(cancellationToken);
        var member = track.Committee.SingleOrDefault(m => m.PersonId == person.Id);
        if (member is null)
        {
            // Someone removed earlier is seated again on their old row (one row per person and track).
            member = await db.CommitteeMembers.IgnoreQueryFilters()
                .SingleOrDefaultAsync(m => m.TrackId == track.Id && m.PersonId == person.Id, cancellationToken);
            if (member is null)
            {
                member = new CommitteeMember { TrackId = track.Id, PersonId = person.Id, Role = command.Role };
                db.CommitteeMembers.Add(member);
            }

            member.RemovedUtc = null;
            member.Role = command.Role;
        }
        else
        {
            track.ChangeRole(member, command.Role);
        }

        member.Affiliation = string.IsNullOrWhiteSpace(command.Affiliation) ? person.Affiliation : command.Affiliation.Trim();
        audit.Record("track.committee-member-set", AuditTrail.TrackEntity, track.Id, new { person.Email, Name = person.DisplayName, Role = command.Role.ToString() });
        await conflicts.RefreshAsync(track.Id, cancellationToken);
        return member.Id;
    }
}
