using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Timetabling;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Chair;

/// <summary>Starts an automatic scheduling of the track (with or without minimal change), then shows the run.</summary>
public sealed class TimetableRunsModel(IMediator mediator) : PageModel
{
    public TimetableGridView Grid { get; private set; } = null!;

    [BindProperty]
    public bool MinimalChange { get; set; } = true;

    public async Task OnGetAsync(Guid trackId, CancellationToken ct) => Grid = await mediator.Send(new GetTimetableGrid(trackId), ct);

    public async Task<IActionResult> OnPostAsync(Guid trackId, CancellationToken ct)
    {
        Grid = await mediator.Send(new GetTimetableGrid(trackId), ct);
        var (ok, runId) = await this.TrySendAsync(mediator, new StartTimetableRun(trackId, MinimalChange), prefix: "", ct);
        return ok ? Redirect($"/Chair/{trackId}/TimetableRuns/{runId}") : Page();
    }
}
