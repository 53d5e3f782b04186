using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Account;

public sealed class ConfirmEmailModel(IMediator mediator) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(Guid userId, string? code, CancellationToken ct)
    {
        var (ok, confirmed) = await this.TrySendAsync(mediator, new Application.Features.Accounts.ConfirmEmail(userId, code ?? ""), "", ct);
        Confirmed = ok && confirmed;
    }
}
