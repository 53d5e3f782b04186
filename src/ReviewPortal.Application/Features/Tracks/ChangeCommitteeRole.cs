using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Tracks;

/// <summary>The chair makes a member a reviewer or a chair. A track keeps at least one chair (409 otherwise).</summary>
public sealed record ChangeCommitteeRole(Guid TrackId, Guid MemberId, CommitteeRole Role) : ICommand;

public sealed class ChangeCommitteeRoleValidator : AbstractValidator<ChangeCommitteeRole>
{
    public ChangeCommitteeRoleValidator()
    {
        RuleFor(x => x.TrackId).NotEmpty();
        RuleFor(x => x.MemberId).NotEmpty();
        RuleFor(x => x.Role).IsInEnum().WithMessage("The role is Reviewer or Chair.");
    }
}

public sealed class ChangeCommitteeRoleHandler(TrackAccess access, AuditTrail audit, Conflicts.ConflictDetection conflicts)
    : ICommandHandler<ChangeCommitteeRole>
{
    public async ValueTask<Unit> Handle(ChangeCommitteeRole command, CancellationToken cancellationToken)
    {
        var track = await access.GetTrackForChairAsync(command.TrackId, cancellationToken);
        var member = track.Committee.SingleOrDefault(m => m.Id == command.MemberId)
            ?? throw NotFoundException.For("Committee member", command.MemberId);
        var before = member.Role;
        track.ChangeRole(member, command.Role);
        if (before != command.Role)
            audit.Record("track.committee-role-changed", AuditTrail.TrackEntity, track.Id,
                new { member.Person.Email, Name = member.Person.DisplayName, Before = before.ToString(), After = command.Role.ToString() });
        await conflicts.RefreshAsync(track.Id, cancellationToken);
        return Unit.Value;
    }
}
