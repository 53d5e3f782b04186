using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.People;

/// <summary>The signed-in person: profile, site roles and committee seats (drives the navigation).</summary>
public sealed record GetMyProfile : IQuery<MyProfile>;

public sealed record MyProfile(
    Guid Id, string DisplayName, string Email, string? Affiliation, string? Bio, bool IsAdmin, IReadOnlyList<CommitteeSeat> Committees);

public sealed record CommitteeSeat(Guid TrackId, string ConferenceSlug, string TrackSlug, string TrackName, CommitteeRole Role);

public sealed class GetMyProfileHandler(IApplicationDbContext db, ICurrentUser currentUser) : IQueryHandler<GetMyProfile, MyProfile>
{
    public async ValueTask<MyProfile> Handle(GetMyProfile query, CancellationToken cancellationToken)
    {
        var id = currentUser.Id!.Value;
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw NotFoundException.For("Profile", id);
        var seats = await db.CommitteeMembers.SeatsOfAsync(id, cancellationToken);
        return new MyProfile(person.Id, person.DisplayName, person.Email, person.Affiliation, person.Bio,
            currentUser.IsInRole(Roles.Admin), seats);
    }
}
