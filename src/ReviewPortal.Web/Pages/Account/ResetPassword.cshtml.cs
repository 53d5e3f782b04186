using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Account;

public sealed class ResetPasswordModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet(string? email, string? code)
    {
        Input.Email = email ?? "";
        Input.Token = code ?? "";
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (ok, _) = await this.TrySendAsync(mediator,
            new Application.Features.Accounts.ResetPassword(Input.Email, Input.Token, Input.NewPassword, Input.ConfirmPassword), cancellationToken: ct);
        if (!ok)
            return Page();
        TempData["Flash"] = "Your password is set, and every browser that was signed in to your account is signed out. Sign in with the new password now.";
        return RedirectToPage("Login");
    }

    public sealed class InputModel
    {
        public string Email { get; set; } = "";
        public string Token { get; set; } = "";
        public string NewPassword { get; set; } = "";
        public string ConfirmPassword { get; set; } = "";
    }
}
