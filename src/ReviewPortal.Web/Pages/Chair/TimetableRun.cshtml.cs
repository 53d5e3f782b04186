using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Timetabling;
using ReviewPortal.Domain.Scheduling;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Chair;

/// <summary>
/// A timetable run: progress while it runs (a poll script, and a refresh without JavaScript), then the preview
/// compared with the working copy and the published version, objective against bound, a picture, Apply and Discard;
/// or, when infeasible, the explanation.
/// </summary>
public sealed class TimetableRunModel(IMediator mediator) : PageModel
{
    public TimetableRunView Run { get; private set; } = null!;

    public TimetableGridView Grid { get; private set; } = null!;

    public bool Finished => Run.Status is TimetableRunStatus.Succeeded or TimetableRunStatus.Infeasible or TimetableRunStatus.Failed;

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(Grid.TimeZoneId);

    public async Task<IActionResult> OnGetAsync(Guid trackId, Guid runId, CancellationToken ct) =>
        await LoadAsync(trackId, runId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostApplyAsync(Guid trackId, Guid runId, CancellationToken ct)
    {
        if (!await LoadAsync(trackId, runId, ct))
            return NotFound();
        var (ok, applied) = await this.TrySendAsync(mediator, new ApplyTimetableRun(runId), prefix: "", ct);
        if (!ok)
            return Page();
        TempData["Flash"] = $"Applied: {applied!.Slots} items are in the working copy (version {applied.Version}). Publish to tell the speakers.";
        return Redirect($"/Chair/{trackId}/TimetableRuns/{runId}");
    }

    public async Task<IActionResult> OnPostDiscardAsync(Guid trackId, Guid runId, CancellationToken ct)
    {
        if (!await LoadAsync(trackId, runId, ct))
            return NotFound();
        var (ok, _) = await this.TrySendAsync(mediator, new DiscardTimetableRun(runId), prefix: "", ct);
        if (!ok)
            return Page();
        TempData["Flash"] = "Run discarded; the working copy is as it was.";
        return Redirect($"/Chair/{trackId}/TimetableRuns/{runId}");
    }

    /// <summary>The run (404 for anyone but its chair) on its own track's path only.</summary>
    private async Task<bool> LoadAsync(Guid trackId, Guid runId, CancellationToken ct)
    {
        Run = await mediator.Send(new GetTimetableRun(runId), ct);
        if (Run.TrackId != trackId)
            return false;
        Grid = await mediator.Send(new GetTimetableGrid(trackId), ct);
        return true;
    }
}
