using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Accounts;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Account;

/// <summary>The profile's session buttons post here; the list itself is on the profile page.</summary>
[Microsoft.AspNetCore.Authorization.Authorize]
public sealed class SessionsModel(IMediator mediator) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("Profile");

    public async Task<IActionResult> OnPostEndAsync(Guid sessionId, CancellationToken ct)
    {
        try
        {
            var (ok, _) = await this.TrySendAsync(mediator, new EndSession(sessionId), "", ct);
            if (!ok)
                return Page();
        }
        catch (Application.Common.Exceptions.NotFoundException)
        {
            // Already ended (two tabs, or it expired): the profile shows what is left.
        }

        TempData["Flash"] = "That device is signed out.";
        return RedirectToPage("Profile");
    }

    public async Task<IActionResult> OnPostEndOthersAsync(CancellationToken ct)
    {
        var (ok, ended) = await this.TrySendAsync(mediator, new EndOtherSessions(), "", ct);
        if (!ok)
            return Page();
        TempData["Flash"] = ended == 1 ? "1 other device is signed out." : $"{ended} other devices are signed out.";
        return RedirectToPage("Profile");
    }
}
