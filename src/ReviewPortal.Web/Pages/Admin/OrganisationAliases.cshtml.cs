using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Conflicts;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Admin;

/// <summary>Admins edit the organisation alias table ("Facebook" means "Meta"); saving refreshes the conflicts of affected tracks.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class OrganisationAliasesModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<OrganisationAliasView> Aliases { get; private set; } = [];

    [BindProperty] public string? Alias { get; set; }
    [BindProperty] public string? Canonical { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Aliases = await mediator.Send(new ListOrganisationAliases(), ct);

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        var (ok, _) = await this.TrySendAsync(mediator, new SaveOrganisationAlias(id, Alias, Canonical), prefix: "", cancellationToken: ct);
        if (!ok)
        {
            Aliases = await mediator.Send(new ListOrganisationAliases(), ct);
            return Page();
        }
        TempData["Flash"] = $"Saved: {Alias} means {Canonical}. Conflicts of the tracks that name either were refreshed.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        var (ok, _) = await this.TrySendAsync(mediator, new DeleteOrganisationAlias(id), prefix: "", cancellationToken: ct);
        if (!ok)
        {
            Aliases = await mediator.Send(new ListOrganisationAliases(), ct);
            return Page();
        }
        TempData["Flash"] = "Alias removed.";
        return RedirectToPage();
    }
}
