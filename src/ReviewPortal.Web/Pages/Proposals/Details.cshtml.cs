using Mediator;
using Microsoft.AspNetCore.Mvc;

using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Proposals;

/// <summary>One proposal as its speakers (or the track's chair) see it, with submit; withdrawing and deleting a draft are asked for on their own pages (Withdraw, Delete).</summary>
[OutputCache(PolicyName = SignedInPageCachePolicy.Name)]
public sealed class DetailsModel(IMediator mediator) : PageModel
{
    public ProposalDetails Proposal { get; private set; } = null!;

    /// <summary>Where the reader came from (the chair's list with its filters), offered as the way back; only a local address.</summary>
    public string? BackUrl { get; private set; }

    public async Task OnGetAsync(Guid id, string? returnUrl, CancellationToken ct)
    {
        BackUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : null;
        Proposal = await mediator.Send(new GetProposal(id, WithReviews: true), ct);
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct)
    {
        var (ok, _) = await this.TrySendAsync(mediator, new SubmitProposal(id), prefix: "", cancellationToken: ct);
        if (!ok)
            return await RedisplayAsync(id, ct);
        TempData["Flash"] = "Proposal submitted. A confirmation mail is on its way.";
        return RedirectToPage(new { id });
    }

    /// <summary>A withdraw form from an older page (or a hand-made post) asks for the confirmation instead of withdrawing.</summary>
    public IActionResult OnPostWithdraw(Guid id) => RedirectToPage("Withdraw", new { id });

    private async Task<IActionResult> RedisplayAsync(Guid id, CancellationToken ct)
    {
        Proposal = await mediator.Send(new GetProposal(id, WithReviews: true), ct);
        return Page();
    }
}
