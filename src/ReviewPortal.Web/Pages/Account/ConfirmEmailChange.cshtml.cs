using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Infrastructure.Identity;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Account;

public sealed class ConfirmEmailChangeModel(IMediator mediator, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn) : PageModel
{
    public bool Changed { get; private set; }
    public string Email { get; private set; } = "";

    public async Task OnGetAsync(Guid userId, string? email, string? code, CancellationToken ct)
    {
        Email = email ?? "";
        var (ok, changed) = await this.TrySendAsync(mediator, new Application.Features.Accounts.ConfirmEmailChange(userId, Email, code ?? ""), "", ct);
        Changed = ok && changed;
        // The change renewed the security stamp; a browser signed in to this account gets a fresh cookie to stay signed in.
        if (Changed && await users.GetUserAsync(User) is { } user && user.Id == userId)
            await signIn.RefreshSignInAsync(user);
    }
}
