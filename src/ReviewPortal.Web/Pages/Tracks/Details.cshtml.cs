using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Tracks;

namespace ReviewPortal.Web.Pages.Tracks;

public sealed class DetailsModel(IMediator mediator) : PageModel
{
    public TrackDetails Track { get; private set; } = null!;

    public async Task OnGetAsync(string conference, string track, CancellationToken ct) =>
        Track = await mediator.Send(new GetTrack(conference, track), ct);
}
