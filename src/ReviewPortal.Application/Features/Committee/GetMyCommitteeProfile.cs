using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Application.Features.Committee;

/// <summary>The signed-in member's own profile on a track (403 if they are not on its committee).</summary>
public sealed record GetMyCommitteeProfile(Guid TrackId) : IQuery<CommitteeProfile>;

public sealed class GetMyCommitteeProfileValidator : AbstractValidator<GetMyCommitteeProfile>
{
    public GetMyCommitteeProfileValidator() => RuleFor(x => x.TrackId).NotEmpty();
}

public sealed class GetMyCommitteeProfileHandler(IApplicationDbContext db, ICurrentUser currentUser) : IQueryHandler<GetMyCommitteeProfile, CommitteeProfile>
{
    public async ValueTask<CommitteeProfile> Handle(GetMyCommitteeProfile query, CancellationToken cancellationToken)
    {
        var (track, member) = await db.MySeatAsync(currentUser, query.TrackId, tracked: false, cancellationToken);
        return member.ToProfile(track);
    }
}
