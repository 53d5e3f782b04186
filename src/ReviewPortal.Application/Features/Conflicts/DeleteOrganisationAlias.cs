using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Conflicts;

/// <summary>An admin removes an alias; the tracks naming either organisation are refreshed (conflicts it made go, unless a chair decided them).</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record DeleteOrganisationAlias(Guid Id) : ICommand;

public sealed class DeleteOrganisationAliasValidator : AbstractValidator<DeleteOrganisationAlias>
{
    public DeleteOrganisationAliasValidator() => RuleFor(x => x.Id).NotEmpty();
}

public sealed class DeleteOrganisationAliasHandler(IApplicationDbContext db, AuditTrail audit, AliasRefresh refresh)
    : ICommandHandler<DeleteOrganisationAlias>
{
    public async ValueTask<Unit> Handle(DeleteOrganisationAlias command, CancellationToken cancellationToken)
    {
        var row = await db.OrganisationAliases.SingleOrDefaultAsync(a => a.Id == command.Id, cancellationToken)
            ?? throw NotFoundException.For("Organisation alias", command.Id);
        db.OrganisationAliases.Remove(row);
        audit.Record("organisation-alias.deleted", "OrganisationAlias", row.Id, new { row.DisplayAlias, row.DisplayCanonical });
        await refresh.RefreshTracksNamingAsync([row.Alias, row.Canonical], cancellationToken);
        return Unit.Value;
    }
}
