using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Proposals;

/// <summary>Deleting a draft cannot be undone: this page asks first; only its form deletes.</summary>
public sealed class DeleteModel(IMediator mediator) : PageModel
{
    public ProposalDetails Proposal { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Proposal = await mediator.Send(new GetProposal(id), ct);
        return Proposal.IsSpeaker ? Page() : RedirectToPage("Details", new { id });
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var (ok, _) = await this.TrySendAsync(mediator, new DeleteDraft(id), prefix: "", cancellationToken: ct);
        if (!ok)
        {
            Proposal = await mediator.Send(new GetProposal(id), ct);
            return Page();
        }

        TempData["Flash"] = "Draft deleted.";
        return RedirectToPage("Index");
    }
}
