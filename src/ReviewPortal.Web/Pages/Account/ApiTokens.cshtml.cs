using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.ApiTokens;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Account;

/// <summary>Create, list and revoke one's personal API tokens; a new token is shown once, in the answer to the post.</summary>
[Authorize]
public sealed class ApiTokensModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Set only in the answer to a successful create: the one time the token text is shown.</summary>
    public CreatedApiToken? Created { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (ok, created) = await this.TrySendAsync(mediator, new CreateApiToken(Input.Name ?? "", Input.ExpiresInDays ?? 0), cancellationToken: ct);
        if (!ok)
            return Page();

        // Shown in this answer rather than after a redirect, so the secret never travels in TempData;
        // no-store keeps it out of the browser's cache and history.
        Created = created;
        Response.Headers.CacheControl = "no-store";
        ModelState.Clear();
        Input = new InputModel();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        var (ok, _) = await this.TrySendAsync(mediator, new RevokeApiToken(id), prefix: "", cancellationToken: ct);
        if (!ok)
            return Page();
        TempData["Flash"] = "Token revoked. Scripts that use it are refused from now on.";
        return RedirectToPage();
    }

    public sealed class InputModel
    {
        public string? Name { get; set; }
        public int? ExpiresInDays { get; set; } = CreateApiToken.DefaultExpiresInDays;
    }
}
