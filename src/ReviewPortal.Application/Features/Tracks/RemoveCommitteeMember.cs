using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Features.Proposals;

namespace ReviewPortal.Application.Features.Tracks;

/// <summary>
/// The chair takes a member off the track's committee. Soft removal: the seat stays, marked removed, so whatever the
/// member did (reviews, bids, comments, later) keeps its author; they lose access at once. The last chair cannot go.
/// </summary>
public sealed record RemoveCommitteeMember(Guid TrackId, Guid MemberId) : ICommand;

public sealed class RemoveCommitteeMemberValidator : AbstractValidator<RemoveCommitteeMember>
{
    public RemoveCommitteeMemberValidator()
    {
        RuleFor(x => x.TrackId).NotEmpty();
        RuleFor(x => x.MemberId).NotEmpty();
    }
}

public sealed class RemoveCommitteeMemberHandler(TrackAccess access, AuditTrail audit, Conflicts.ConflictDetection conflicts, TimeProvider clock)
    : ICommandHandler<RemoveCommitteeMember>
{
    public async ValueTask<Unit> Handle(RemoveCommitteeMember command, CancellationToken cancellationToken)
    {
        var track = await access.GetTrackForChairAsync(command.TrackId, cancellationToken);
        var member = track.Committee.SingleOrDefault(m => m.Id == command.MemberId)
            ?? throw NotFoundException.For("Committee member", command.MemberId);
        track.RemoveMember(member, clock.GetUtcNow());
        audit.Record("track.committee-member-removed", AuditTrail.TrackEntity, track.Id,
            new { member.Person.Email, Name = member.Person.DisplayName, Role = member.Role.ToString() });
        // Their detected conflicts go (unless a chair decided them); declared ones stay with their work.
        await conflicts.RefreshAsync(track.Id, cancellationToken);
        return Unit.Value;
    }
}
