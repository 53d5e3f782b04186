using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Confirmations;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Chair;

/// <summary>
/// The chair's confirmations of a track: every offered talk with its answer, the overdue ones with "extend" and
/// "release the slot", and the waitlist with "offer the slot to the next talk". Each action sends one command.
/// </summary>
public sealed class ConfirmationsModel(IMediator mediator) : PageModel
{
    public TrackConfirmations List { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public ConfirmationFilter Filter { get; set; }

    public async Task OnGetAsync(Guid trackId, CancellationToken ct) => List = await mediator.Send(new ListConfirmations(trackId, Filter), ct);

    public async Task<IActionResult> OnPostExtendAsync(Guid trackId, Guid proposalId, DateTime? until, CancellationToken ct)
    {
        var (ok, view) = await this.TrySendAsync(mediator, new ExtendConfirmation(proposalId, until), prefix: "", ct);
        return await AfterAsync(trackId, ok, ok ? $"“{view!.Title}”: the speakers now have until {view.Due}." : null, ct);
    }

    public async Task<IActionResult> OnPostReleaseSlotAsync(Guid trackId, Guid proposalId, CancellationToken ct)
    {
        var (ok, view) = await this.TrySendAsync(mediator, new ReleaseSlot(proposalId), prefix: "", ct);
        return await AfterAsync(trackId, ok, ok ? $"The slot of “{view!.Title}” is released." : null, ct);
    }

    public async Task<IActionResult> OnPostPromoteAsync(Guid trackId, CancellationToken ct)
    {
        var (ok, promoted) = await this.TrySendAsync(mediator, new PromoteFromWaitlist(trackId), prefix: "", ct);
        return await AfterAsync(trackId, ok, ok ? $"“{promoted!.Title}” is offered the slot; its speakers have the acceptance mail." : null, ct);
    }

    private async Task<IActionResult> AfterAsync(Guid trackId, bool ok, string? done, CancellationToken ct)
    {
        if (ok)
        {
            TempData["Flash"] = done;
            return Redirect($"/Chair/{trackId}/Confirmations{(Filter == ConfirmationFilter.All ? "" : $"?filter={Filter}")}");
        }

        List = await mediator.Send(new ListConfirmations(trackId, Filter), ct);
        return Page();
    }
}
