using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Accounts;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Account;

public sealed class RegisterModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet(string? email) => Input.Email = email ?? "";

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Input.Password != Input.ConfirmPassword)
            ModelState.AddModelError("Input.ConfirmPassword", "The passwords do not match.");
        if (!ModelState.IsValid)
            return Page();

        var (ok, _) = await this.TrySendAsync(mediator,
            new RegisterAccount(Input.Email, Input.Password, Input.DisplayName, Input.Affiliation), cancellationToken: ct);
        return ok ? RedirectToPage("RegisterConfirmation", new { email = Input.Email }) : Page();
    }

    public sealed class InputModel
    {
        public string Email { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string? Affiliation { get; set; }
        public string Password { get; set; } = "";
        public string ConfirmPassword { get; set; } = "";
    }
}
