using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using ReviewPortal.Application.Features.Schedule;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Schedule;

[OutputCache(PolicyName = PublicSchedulePolicy.Name)]
public sealed class TrackModel(IMediator mediator) : PageModel
{
    public PublicScheduleResult Result { get; private set; } = null!;

    public async Task OnGetAsync(string conference, string track, int? version, CancellationToken ct)
    {
        Result = await mediator.Send(new GetPublicSchedule(conference, track, version), ct);
        PublicScheduleHttp.Shows(HttpContext, Result.TrackIds);
    }
}
