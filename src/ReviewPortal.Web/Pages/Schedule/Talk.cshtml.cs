using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using ReviewPortal.Application.Features.Schedule;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Schedule;

[OutputCache(PolicyName = PublicSchedulePolicy.Name)]
public sealed class TalkModel(IMediator mediator) : PageModel
{
    public PublicTalkPage Talk { get; private set; } = null!;

    public async Task OnGetAsync(string conference, string track, Guid proposalId, CancellationToken ct)
    {
        Talk = await mediator.Send(new GetPublicTalk(conference, track, proposalId), ct);
        PublicScheduleHttp.Shows(HttpContext, Talk.TrackIds);
    }
}
