using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using ReviewPortal.Application.Features.Schedule;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Schedule;

[OutputCache(PolicyName = PublicSchedulePolicy.Name)]
public sealed class ConferenceModel(IMediator mediator) : PageModel
{
    public PublicScheduleResult Result { get; private set; } = null!;

    public async Task OnGetAsync(string conference, CancellationToken ct)
    {
        Result = await mediator.Send(new GetPublicSchedule(conference), ct);
        PublicScheduleHttp.Shows(HttpContext, Result.TrackIds);
    }
}
