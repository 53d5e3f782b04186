using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Decisions;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Chair;

/// <summary>
/// The chair releases decisions: the decided proposals by outcome, released or not; choosing some or all shows what will
/// be sent (a confirmation step, no script), then releasing sends it and says what happened.
/// </summary>
public sealed class DecisionsModel(IMediator mediator) : PageModel
{
    public ReleaseOverview Overview { get; private set; } = null!;

    /// <summary>The confirmation step: what the chair chose to release (null: not confirming).</summary>
    public IReadOnlyList<ReleaseRow>? Chosen { get; private set; }

    /// <summary>The chair chose everything decided and unreleased (the command's null list).</summary>
    [BindProperty]
    public bool All { get; set; }

    [BindProperty]
    public List<Guid> Selected { get; set; } = [];

    public async Task OnGetAsync(Guid trackId, CancellationToken ct) =>
        Overview = await mediator.Send(new GetReleaseOverview(trackId), ct);

    public async Task<IActionResult> OnPostConfirmAsync(Guid trackId, CancellationToken ct)
    {
        Overview = await mediator.Send(new GetReleaseOverview(trackId), ct);
        var unreleased = Overview.Rows.Where(r => !r.Released).ToList();
        Chosen = All ? unreleased : unreleased.Where(r => Selected.Contains(r.ProposalId)).ToList();
        if (Chosen.Count == 0)
        {
            ModelState.AddModelError("", All ? "Every decision is released already." : "Choose the proposals to release.");
            Chosen = null;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostReleaseAsync(Guid trackId, CancellationToken ct)
    {
        var ids = All ? null : Selected.Select(id => (Guid?)id).ToList();
        var (ok, result) = await this.TrySendAsync(mediator, new ReleaseDecisions(trackId, ids), prefix: "", cancellationToken: ct);
        if (!ok)
        {
            Overview = await mediator.Send(new GetReleaseOverview(trackId), ct);
            return Page();
        }

        var skipped = result!.Skipped.Count == 0 ? "" : " Not released: " + string.Join("; ", result.Skipped.Select(s => $"“{s.Title}” ({s.Reason})")) + ".";
        TempData["Flash"] = $"Released {Plural(result.Released, "decision")}; {Plural(result.Letters, "mail")} on the way.{skipped}";
        return RedirectToPage(new { trackId });
    }

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
