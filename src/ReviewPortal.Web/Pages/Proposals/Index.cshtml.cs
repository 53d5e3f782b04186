using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Proposals;

/// <summary>"My proposals": every proposal the signed-in person speaks in, with the actions each one still allows.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<MyProposal> Proposals { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Proposals = await mediator.Send(new ListMyProposals(), ct);

    public async Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct)
    {
        var (ok, _) = await this.TrySendAsync(mediator, new SubmitProposal(id), prefix: "", cancellationToken: ct);
        if (!ok)
            return await RedisplayAsync(ct);
        TempData["Flash"] = "Proposal submitted. A confirmation mail is on its way.";
        return RedirectToPage();
    }

    /// <summary>A withdraw form from an older page (or a hand-made post) asks for the confirmation instead of withdrawing.</summary>
    public IActionResult OnPostWithdraw(Guid id) => RedirectToPage("Withdraw", new { id });

    private async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        Proposals = await mediator.Send(new ListMyProposals(), ct);
        return Page();
    }
}
