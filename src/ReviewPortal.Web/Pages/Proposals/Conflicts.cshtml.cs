using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Conflicts;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Proposals;

/// <summary>Declaring a conflict of interest on a proposal: a member their own, a speaker with committee members (reason for the chair).</summary>
public sealed class ConflictsModel(IMediator mediator) : PageModel
{
    public ConflictDeclaration Declaration { get; private set; } = null!;

    [BindProperty] public List<Guid> PersonIds { get; set; } = [];
    [BindProperty] public string? Reason { get; set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct) => Declaration = await mediator.Send(new GetConflictDeclaration(id), ct);

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Declaration = await mediator.Send(new GetConflictDeclaration(id), ct);
        var (ok, count) = await this.TrySendAsync(mediator, new DeclareConflict(id, Declaration.AsSpeaker ? PersonIds : null, Reason), prefix: "", cancellationToken: ct);
        if (!ok)
            return Page();
        TempData["Flash"] = Declaration.AsSpeaker ? $"{count} conflict(s) declared; the chair sees your reason." : "Conflict declared: you now see only the title.";
        return RedirectToPage("Details", new { id });
    }
}
