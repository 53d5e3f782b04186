using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Conflicts;

/// <summary>
/// An admin adds an alias ("Facebook" means "Meta") or changes one (<paramref name="Id"/> given). Aliases are one
/// level deep: an organisation that others alias to cannot itself be an alias. Refreshes the conflicts of the tracks
/// that name either organisation.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed record SaveOrganisationAlias(Guid? Id, string? Alias, string? Canonical) : ICommand<Guid>
{
    public const int MaxLength = 200;
}

public sealed class SaveOrganisationAliasValidator : AbstractValidator<SaveOrganisationAlias>
{
    public SaveOrganisationAliasValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.Alias).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Give the name to match, e.g. Facebook.")
            .MaximumLength(SaveOrganisationAlias.MaxLength).WithName("The alias")
            .Must(a => OrganisationNames.Normalise(a).Length > 0).WithMessage("The alias needs letters or digits.");
        RuleFor(x => x.Canonical).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Give the organisation it means, e.g. Meta.")
            .MaximumLength(SaveOrganisationAlias.MaxLength).WithName("The organisation")
            .Must(a => OrganisationNames.Normalise(a).Length > 0).WithMessage("The organisation needs letters or digits.");
        RuleFor(x => x).Cascade(CascadeMode.Stop)
            .Must(x => OrganisationNames.Normalise(x.Alias) != OrganisationNames.Normalise(x.Canonical))
            .WithName(nameof(SaveOrganisationAlias.Alias))
            .WithMessage(x => $"'{x.Alias}' and '{x.Canonical}' are already the same organisation after normalisation ({OrganisationNames.Normalise(x.Alias)}).")
            .CustomAsync(async (x, context, ct) =>
            {
                var alias = OrganisationNames.Normalise(x.Alias);
                var canonical = OrganisationNames.Normalise(x.Canonical);
                if (alias.Length == 0 || canonical.Length == 0)
                    return;
                var others = db.OrganisationAliases.AsNoTracking().Where(a => a.Id != (x.Id ?? Guid.Empty));
                if (await others.AnyAsync(a => a.Alias == alias, ct))
                    context.AddFailure(nameof(SaveOrganisationAlias.Alias), $"'{x.Alias}' is already an alias ({alias}).");
                if (await others.AnyAsync(a => a.Canonical == alias, ct))
                    context.AddFailure(nameof(SaveOrganisationAlias.Alias), $"Other names are aliases of '{x.Alias}': it cannot itself be an alias. Point them at '{x.Canonical}' first.");
                if (await others.AnyAsync(a => a.Alias == canonical, ct))
                    context.AddFailure(nameof(SaveOrganisationAlias.Canonical), $"'{x.Canonical}' is itself an alias: point at the organisation it means instead.");
            });
    }
}

public sealed class SaveOrganisationAliasHandler(IApplicationDbContext db, AuditTrail audit, AliasRefresh refresh)
    : ICommandHandler<SaveOrganisationAlias, Guid>
{
    public async ValueTask<Guid> Handle(SaveOrganisationAlias command, CancellationToken cancellationToken)
    {
        OrganisationAlias row;
        var keys = new List<string>();
        if (command.Id is { } id)
        {
            row = await db.OrganisationAliases.SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
                ?? throw NotFoundException.For("Organisation alias", id);
            keys.Add(row.Alias);
            keys.Add(row.Canonical);
        }
        else
        {
            row = new OrganisationAlias();
            db.OrganisationAliases.Add(row);
        }

        var before = new { row.DisplayAlias, row.DisplayCanonical };
        row.DisplayAlias = command.Alias!.Trim();
        row.DisplayCanonical = command.Canonical!.Trim();
        row.Alias = OrganisationNames.Normalise(row.DisplayAlias);
        row.Canonical = OrganisationNames.Normalise(row.DisplayCanonical);
        keys.Add(row.Alias);
        keys.Add(row.Canonical);
        audit.Record("organisation-alias.saved", "OrganisationAlias", row.Id, new { before, after = new { row.DisplayAlias, row.DisplayCanonical } });
        await refresh.RefreshTracksNamingAsync(keys, cancellationToken);
        return row.Id;
    }
}
