using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Auditing;

namespace ReviewPortal.Web.Pages.Audit;

/// <summary>The audit log for chairs (their tracks) and admins (everything); who may read what is decided by ListAuditEntries.</summary>
[Authorize]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? TrackId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public AuditLog? Log { get; private set; }

    public bool IsAdmin => User.IsInRole(Roles.Admin);

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Log = await mediator.Send(new ListAuditEntries(TrackId, Actor, Action, From, To, PageNumber), ct);
        }
        catch (ValidationException ex)
        {
            // Bad filters (an end before the start) are said next to the form; the entries are not shown.
            foreach (var error in ex.Errors)
                ModelState.AddModelError("", error.ErrorMessage);
        }
    }

    public string PageUrl(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["trackId"] = TrackId?.ToString(), ["actor"] = Actor, ["action"] = Action,
            ["from"] = From?.ToString("yyyy-MM-dd"), ["to"] = To?.ToString("yyyy-MM-dd"), ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return QueryHelpers.AddQueryString("/Audit", query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
