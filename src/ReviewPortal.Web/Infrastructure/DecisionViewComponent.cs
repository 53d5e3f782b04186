using Mediator;
using Microsoft.AspNetCore.Mvc;
using ReviewPortal.Application.Features.Decisions;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>The proposal page's decision section (<c>Pages/Proposals/_Decision.cshtml</c>); its form posts to /Proposals/{id}/Decision. Nothing when the policy shows no decision.</summary>
public sealed class DecisionViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid proposalId) =>
        await mediator.Send(new GetDecisionSection(proposalId)) is { } section
            ? View("~/Pages/Proposals/_Decision.cshtml", section)
            : Content("");
}
