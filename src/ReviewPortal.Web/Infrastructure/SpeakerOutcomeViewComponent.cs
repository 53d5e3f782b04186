using Mediator;
using Microsoft.AspNetCore.Mvc;
using ReviewPortal.Application.Features.Decisions;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>The released decision on the proposal page, for its speakers (<c>Pages/Proposals/_SpeakerOutcome.cshtml</c>); nothing before release.</summary>
public sealed class SpeakerOutcomeViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid proposalId) =>
        View("~/Pages/Proposals/_SpeakerOutcome.cshtml", await mediator.Send(new GetSpeakerOutcome(proposalId)));
}
