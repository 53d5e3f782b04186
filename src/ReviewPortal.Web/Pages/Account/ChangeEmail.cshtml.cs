using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using ReviewPortal.Application.Features.People;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Account;

[Authorize]
[EnableRateLimiting(WebSetup.AuthRateLimitPolicy)] // it tests the password
public sealed class ChangeEmailModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string CurrentEmail { get; private set; } = "";

    /// <summary>Set after a successful request: the address the link went to (or would have, if it is taken).</summary>
    public string? SentTo { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => CurrentEmail = (await mediator.Send(new GetMyProfile(), ct)).Email;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (ok, _) = await this.TrySendAsync(mediator, new Application.Features.Accounts.ChangeEmail(Input.NewEmail, Input.CurrentPassword), cancellationToken: ct);
        CurrentEmail = (await mediator.Send(new GetMyProfile(), ct)).Email;
        if (ok)
            SentTo = Input.NewEmail.Trim();
        return Page();
    }

    public sealed class InputModel
    {
        public string NewEmail { get; set; } = "";
        public string CurrentPassword { get; set; } = "";
    }
}
