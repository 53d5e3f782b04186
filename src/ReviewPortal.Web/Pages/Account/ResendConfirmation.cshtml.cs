using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using ReviewPortal.Application.Features.Accounts;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Account;

[EnableRateLimiting(WebSetup.AuthRateLimitPolicy)] // it sends mail
public sealed class ResendConfirmationModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet(string? email) => Email = email ?? "";

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        (Sent, _) = await this.TrySendAsync(mediator, new ResendConfirmation(Email), "", ct);
        Email = Email.Trim();
        return Page();
    }
}
