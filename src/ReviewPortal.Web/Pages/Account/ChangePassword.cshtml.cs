using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using ReviewPortal.Infrastructure.Identity;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Account;

[Authorize]
[EnableRateLimiting(WebSetup.AuthRateLimitPolicy)] // it tests the current password
public sealed class ChangePasswordModel(IMediator mediator, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (ok, ended) = await this.TrySendAsync(mediator,
            new Application.Features.Accounts.ChangePassword(Input.CurrentPassword, Input.NewPassword, Input.ConfirmPassword), cancellationToken: ct);
        if (!ok)
            return Page();

        // The password change renewed the security stamp: a fresh cookie (and session) keeps this browser signed in.
        if (await users.GetUserAsync(User) is { } user)
            await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = ended switch
        {
            0 => "Your password is changed. You stay signed in here; no other browser was signed in.",
            1 => "Your password is changed. Your other sessions were ended (1 browser); you stay signed in here.",
            _ => $"Your password is changed. Your other sessions were ended ({ended} browsers); you stay signed in here.",
        };
        return RedirectToPage("Profile");
    }

    public sealed class InputModel
    {
        public string CurrentPassword { get; set; } = "";
        public string NewPassword { get; set; } = "";
        public string ConfirmPassword { get; set; } = "";
    }
}
