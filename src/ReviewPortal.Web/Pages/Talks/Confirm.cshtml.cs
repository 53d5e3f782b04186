using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Features.Confirmations;

namespace ReviewPortal.Web.Pages.Talks;

/// <summary>
/// The page an acceptance mail links to, signed in or not. Its GET only shows the talk, the deadline and the forms
/// (mail scanners follow links: opening it must confirm nothing); confirming and declining are POSTs with antiforgery.
/// A link that is not ours, or for another talk, gets a clear page (404), never an error.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmModel(IMediator mediator) : PageModel
{
    public ConfirmationView? View { get; private set; }
    public string? LinkProblem { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public ConfirmInput Input { get; set; } = new();

    public ConfirmFormsModel Forms => new(View!, Input, "/Talks/Confirm", Token);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.PadRows();
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        var (times, rows) = Input.ToTimes();
        var (ok, view) = await ConfirmFormSending.TrySendAsync(this, mediator, new ConfirmTalk(Token ?? "", null, times, Input.Absent), rows, ct);
        return await AfterAsync(ok, view, "Thank you: your talk is confirmed. The chairs will fit the timetable around the times you gave.", ct);
    }

    public async Task<IActionResult> OnPostDeclineAsync(CancellationToken ct)
    {
        var (ok, view) = await ConfirmFormSending.TrySendAsync(this, mediator, new DeclineTalk(Token ?? "", null, Input.Reason), [], ct);
        return await AfterAsync(ok, view, "You declined the talk. The chairs have been told; thank you for letting us know.", ct);
    }

    /// <summary>Another row for a time the speakers cannot make; nothing is sent.</summary>
    public async Task OnPostAddRowAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Input.PadRows(extra: 1);
        await LoadAsync(ct);
    }

    public async Task OnPostRemoveRowAsync(int row, CancellationToken ct)
    {
        ModelState.Clear();
        if (row >= 0 && row < Input.Blocks.Count)
            Input.Blocks.RemoveAt(row);
        Input.PadRows();
        await LoadAsync(ct);
    }

    private async Task<IActionResult> AfterAsync(bool ok, ConfirmationView? view, string done, CancellationToken ct)
    {
        if (ok)
        {
            TempData["Flash"] = done;
            // Post/redirect/get: a reload does not post again; the link still shows the answer.
            return Redirect($"/Talks/Confirm?token={Uri.EscapeDataString(Token ?? "")}");
        }

        Input.PadRows();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        try
        {
            View = await mediator.Send(new GetConfirmationByToken(Token), ct);
        }
        catch (Exception e) when (e is NotFoundException or FluentValidation.ValidationException)
        {
            LinkProblem = ConfirmationAccess.InvalidLink;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
