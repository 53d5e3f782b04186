using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Application.Features.People;

/// <summary>The header and navigation of every signed-in page: the person's name, committee seats and site roles.</summary>
public sealed record GetMyNavigation : IQuery<MyNavigation>;

public sealed record MyNavigation(string DisplayName, bool IsAdmin, IReadOnlyList<CommitteeSeat> Committees);

/// <summary>Answered from <see cref="NavigationCache"/>: on a hit (nearly every page) it asks the database nothing.</summary>
public sealed class GetMyNavigationHandler(IApplicationDbContext db, ICurrentUser currentUser, NavigationCache cache)
    : IQueryHandler<GetMyNavigation, MyNavigation>
{
    public async ValueTask<MyNavigation> Handle(GetMyNavigation query, CancellationToken cancellationToken)
    {
        var id = currentUser.Id!.Value;
        if (!cache.TryGet(id, out var person, out var stamp))
        {
            var name = await db.People.AsNoTracking().Where(p => p.Id == id).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken)
                ?? throw NotFoundException.For("Profile", id);
            var seats = await db.CommitteeMembers.SeatsOfAsync(id, cancellationToken);
            person = new PersonNavigation(name, seats);
            cache.Set(id, stamp, person);
        }

        // Site roles come from the sign-in (the cookie), not from the cache.
        return new MyNavigation(person!.DisplayName, currentUser.IsInRole(Roles.Admin), person.Committees);
    }
}
