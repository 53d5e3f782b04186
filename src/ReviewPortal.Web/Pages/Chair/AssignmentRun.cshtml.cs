using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Assignment;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Chair;

/// <summary>
/// The preview of an assignment run: progress while it runs (a poll script, and a refresh without JavaScript), then
/// loads, affinity, a histogram and what changes, with Apply and Discard; or, when infeasible, the explanation.
/// </summary>
public sealed class AssignmentRunModel(IMediator mediator) : PageModel
{
    public AssignmentPreview Preview { get; private set; } = null!;

    public string Sort { get; private set; } = "title";

    public bool Finished => Preview.Run.Status is AssignmentRunStatus.Succeeded or AssignmentRunStatus.Infeasible or AssignmentRunStatus.Failed;

    public bool Open => Preview.Run.AppliedUtc is null && Preview.Run.DiscardedUtc is null;

    public IEnumerable<PreviewProposal> SortedProposals => Sort switch
    {
        "affinity" => Preview.Proposals.OrderBy(p => p.MeanAffinity).ThenBy(p => p.Title, StringComparer.CurrentCulture),
        "changes" => Preview.Proposals.OrderByDescending(p => p.Added + p.Removed).ThenBy(p => p.Title, StringComparer.CurrentCulture),
        _ => Preview.Proposals,
    };

    public async Task<IActionResult> OnGetAsync(Guid id, string? sort, CancellationToken ct)
    {
        Sort = sort is "affinity" or "changes" ? sort : "title";
        Preview = await mediator.Send(new GetAssignmentPreview(id), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(Guid id, CancellationToken ct)
    {
        var (ok, applied) = await this.TrySendAsync(mediator, new ApplyAssignmentRun(id), prefix: "", cancellationToken: ct);
        Preview = await mediator.Send(new GetAssignmentPreview(id), ct);
        if (!ok)
            return Page();
        TempData["Flash"] = $"Applied: {applied!.Assignments} assignments. {applied.MembersNotified} members are being told by e-mail.";
        return Redirect($"/Chair/Assignments?trackId={Preview.Run.TrackId}");
    }

    public async Task<IActionResult> OnPostDiscardAsync(Guid id, CancellationToken ct)
    {
        var (ok, _) = await this.TrySendAsync(mediator, new DiscardAssignmentRun(id), prefix: "", cancellationToken: ct);
        Preview = await mediator.Send(new GetAssignmentPreview(id), ct);
        if (!ok)
            return Page();
        TempData["Flash"] = "Run discarded; the assignments are as they were.";
        return Redirect($"/Chair/Assignments?trackId={Preview.Run.TrackId}");
    }
}
