using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Committee;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Committee;

/// <summary>
/// The page an invitation mail links to. Opening it (GET) only shows the invitation; the invitee signs in or registers
/// (coming back here), then accepts or declines with a POST. Declining needs no account.
/// </summary>
public sealed class InvitationModel(IMediator mediator) : PageModel
{
    public InvitationDetails Invitation { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    /// <summary>This page again, for the sign-in and registration forms to come back to.</summary>
    public string Here => $"/Committee/Invitation?token={Uri.EscapeDataString(Token)}";

    public async Task OnGetAsync(CancellationToken ct) => Invitation = await mediator.Send(new GetInvitation(Token), ct);

    public async Task<IActionResult> OnPostAcceptAsync(CancellationToken ct)
    {
        var (ok, accepted) = await this.TrySendAsync(mediator, new AcceptInvitation(Token), prefix: "", ct);
        if (ok)
        {
            TempData["Flash"] = $"You are on the committee now, as {(accepted!.Role == CommitteeRole.Chair ? "a chair" : "a reviewer")}. Check your profile: your affiliations and expertise decide your conflicts and assignments.";
            return Redirect($"/Committee/Profile?trackId={accepted.TrackId}");
        }

        Invitation = await mediator.Send(new GetInvitation(Token), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeclineAsync(CancellationToken ct)
    {
        var (ok, _) = await this.TrySendAsync(mediator, new DeclineInvitation(Token), prefix: "", ct);
        if (ok)
            TempData["Flash"] = "You declined the invitation. The chair has been told.";
        Invitation = await mediator.Send(new GetInvitation(Token), ct);
        return Page();
    }
}
