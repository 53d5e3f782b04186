using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Confirmations;
using ReviewPortal.Web.Pages.Talks;

namespace ReviewPortal.Web.Pages.Proposals;

/// <summary>
/// Where the proposal page's confirm and decline forms post (signed in, as one of its speakers): back to the proposal
/// on success, this page with the field errors when refused. Its GET shows the same forms on their own.
/// </summary>
public sealed class ConfirmationModel(IMediator mediator) : PageModel
{
    public ConfirmationView View { get; private set; } = null!;

    [BindProperty]
    public ConfirmInput Input { get; set; } = new();

    public ConfirmFormsModel Forms => new(View, Input, $"/Proposals/{View.ProposalId}/Confirmation", null);

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        Input.PadRows();
        View = await mediator.Send(new GetProposalConfirmation(id), ct);
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct)
    {
        var (times, rows) = Input.ToTimes();
        var (ok, _) = await ConfirmFormSending.TrySendAsync(this, mediator, new ConfirmTalk(null, id, times, Input.Absent), rows, ct);
        return await AfterAsync(id, ok, "Your talk is confirmed. Thank you.", ct);
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid id, CancellationToken ct)
    {
        var (ok, _) = await ConfirmFormSending.TrySendAsync(this, mediator, new DeclineTalk(null, id, Input.Reason), [], ct);
        return await AfterAsync(id, ok, "You declined the talk. The chairs have been told.", ct);
    }

    public async Task OnPostAddRowAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        Input.PadRows(extra: 1);
        View = await mediator.Send(new GetProposalConfirmation(id), ct);
    }

    public async Task OnPostRemoveRowAsync(Guid id, int row, CancellationToken ct)
    {
        ModelState.Clear();
        if (row >= 0 && row < Input.Blocks.Count)
            Input.Blocks.RemoveAt(row);
        Input.PadRows();
        View = await mediator.Send(new GetProposalConfirmation(id), ct);
    }

    private async Task<IActionResult> AfterAsync(Guid id, bool ok, string done, CancellationToken ct)
    {
        if (ok)
        {
            TempData["Flash"] = done;
            return Redirect($"/Proposals/{id}#confirmation");
        }

        Input.PadRows();
        View = await mediator.Send(new GetProposalConfirmation(id), ct);
        return Page();
    }
}
