using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Committee;
using ReviewPortal.Application.Features.Tracks;
using ReviewPortal.Domain.Common;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Chair;

/// <summary>The chair's committee page: members with their profiles (max load editable) and the invitations, with resend and revoke.</summary>
public sealed class CommitteeModel(IMediator mediator) : PageModel
{
    public TrackSettingsView Track { get; private set; } = null!;
    public IReadOnlyList<CommitteeProfile> Members { get; private set; } = [];
    public IReadOnlyList<InvitationSummary> Invitations { get; private set; } = [];

    public async Task OnGetAsync(Guid trackId, CancellationToken ct) => await LoadAsync(trackId, ct);

    public async Task<IActionResult> OnPostMaxLoadAsync(Guid trackId, Guid memberId, int? maxLoad, CancellationToken ct)
    {
        var (ok, _) = await this.TrySendAsync(mediator, new SetMemberMaxLoad(trackId, memberId, maxLoad), prefix: "", ct);
        return await AfterAsync(trackId, ok, maxLoad is null ? "The maximum load is back to the balanced default." : $"The maximum load is now {maxLoad}.", ct);
    }

    public async Task<IActionResult> OnPostResendAsync(Guid trackId, Guid invitationId, CancellationToken ct)
    {
        var (ok, sent) = await this.TrySendAsync(mediator, new ResendInvitation(invitationId), prefix: "", ct);
        return await AfterAsync(trackId, ok, $"The invitation to {sent?.Email} was sent again; the earlier link no longer works.", ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid trackId, Guid invitationId, CancellationToken ct)
    {
        var (ok, _) = await this.TrySendAsync(mediator, new RevokeInvitation(invitationId), prefix: "", ct);
        return await AfterAsync(trackId, ok, "The invitation was withdrawn; its link no longer works.", ct);
    }

    private async Task<IActionResult> AfterAsync(Guid trackId, bool ok, string done, CancellationToken ct)
    {
        if (ok)
        {
            TempData["Flash"] = done;
            return RedirectToPage(new { trackId });
        }

        await LoadAsync(trackId, ct);
        return Page();
    }

    private async Task LoadAsync(Guid trackId, CancellationToken ct)
    {
        Track = await mediator.Send(new GetTrackSettings(trackId), ct);
        Members = await mediator.Send(new ListCommitteeProfiles(trackId), ct);
        Invitations = await mediator.Send(new ListInvitations(trackId), ct);
    }
}
