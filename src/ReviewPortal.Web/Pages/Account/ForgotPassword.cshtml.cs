using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Accounts;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Account;

public sealed class ForgotPasswordModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        (Sent, _) = await this.TrySendAsync(mediator, new RequestPasswordReset(Email), "", ct);
        return Page();
    }
}
