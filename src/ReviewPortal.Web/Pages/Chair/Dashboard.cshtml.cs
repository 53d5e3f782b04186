using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Dashboard;

namespace ReviewPortal.Web.Pages.Chair;

/// <summary>Where the track's programme stands, each figure linking to the list behind it. Access is the Application layer's.</summary>
public sealed class DashboardModel(IMediator mediator) : PageModel
{
    public TrackDashboard Dashboard { get; private set; } = null!;

    public async Task OnGetAsync(Guid trackId, CancellationToken ct) =>
        Dashboard = await mediator.Send(new GetTrackDashboard(trackId), ct);
}
