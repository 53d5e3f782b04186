using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Conflicts;

/// <summary>The organisation alias table, for admins.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record ListOrganisationAliases : IQuery<IReadOnlyList<OrganisationAliasView>>;

public sealed record OrganisationAliasView(Guid Id, string Alias, string Canonical, string AliasKey, string CanonicalKey);

public sealed class ListOrganisationAliasesHandler(IApplicationDbContext db) : IQueryHandler<ListOrganisationAliases, IReadOnlyList<OrganisationAliasView>>
{
    public async ValueTask<IReadOnlyList<OrganisationAliasView>> Handle(ListOrganisationAliases query, CancellationToken cancellationToken) =>
        await db.OrganisationAliases.AsNoTracking()
            .OrderBy(a => a.Canonical).ThenBy(a => a.Alias)
            .Select(a => new OrganisationAliasView(a.Id, a.DisplayAlias, a.DisplayCanonical, a.Alias, a.Canonical))
            .ToListAsync(cancellationToken);
}
