using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Reviews;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Reviews;

/// <summary>The chair's "Reopen" button (<c>_ReopenReview</c>) posts here; back to the page it came from with what happened.</summary>
public sealed class ReopenModel(IMediator mediator) : PageModel
{
    public IActionResult OnGet(string? returnUrl) => LocalRedirect(Back(returnUrl));

    public async Task<IActionResult> OnPostAsync(Guid reviewId, string? returnUrl, CancellationToken ct)
    {
        var (ok, _) = await this.TrySendAsync(mediator, new ReopenReview(reviewId), prefix: "", ct);
        TempData["Flash"] = ok
            ? "The review is open again; its reviewer was mailed and can change it until they submit it."
            : string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
        return LocalRedirect(Back(returnUrl));
    }

    private string Back(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl : "/Reviews";
}

/// <summary>The model of <c>Shared/_ReopenReview.cshtml</c>: which review, whose, and where to come back to.</summary>
public sealed record ReopenButton(Guid ReviewId, string ReviewerName, string ReturnUrl);
