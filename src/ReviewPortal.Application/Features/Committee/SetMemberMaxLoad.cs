using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Features.Proposals;

namespace ReviewPortal.Application.Features.Committee;

/// <summary>The chair sets a member's maximum load (empty: the balanced default); audited with before and after.</summary>
public sealed record SetMemberMaxLoad(Guid TrackId, Guid MemberId, int? MaxLoad) : ICommand;

public sealed class SetMemberMaxLoadValidator : AbstractValidator<SetMemberMaxLoad>
{
    public SetMemberMaxLoadValidator()
    {
        RuleFor(x => x.TrackId).NotEmpty();
        RuleFor(x => x.MemberId).NotEmpty();
        RuleFor(x => x.MaxLoad).InclusiveBetween(0, ProfileRules.MaxLoadCap)
            .WithMessage($"The maximum load must be between 0 and {ProfileRules.MaxLoadCap} proposals (leave it empty for the balanced default).");
    }
}

public sealed class SetMemberMaxLoadHandler(TrackAccess access, AuditTrail audit) : ICommandHandler<SetMemberMaxLoad>
{
    public async ValueTask<Unit> Handle(SetMemberMaxLoad command, CancellationToken cancellationToken)
    {
        var track = await access.GetTrackForChairAsync(command.TrackId, cancellationToken);
        var member = track.Committee.SingleOrDefault(m => m.Id == command.MemberId)
            ?? throw NotFoundException.For("Committee member", command.MemberId);
        var before = member.MaxLoad;
        member.MaxLoad = command.MaxLoad;
        audit.RecordChange("committee.max-load-set", AuditTrail.TrackEntity, track.Id,
            new MaxLoadEntry(member.Person.Email, before), new MaxLoadEntry(member.Person.Email, command.MaxLoad));
        return Unit.Value;
    }

    private sealed record MaxLoadEntry(string Member, int? MaxLoad);
}
