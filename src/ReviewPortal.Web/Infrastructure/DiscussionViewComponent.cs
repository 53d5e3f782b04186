using Mediator;
using Microsoft.AspNetCore.Mvc;
using ReviewPortal.Application.Features.Discussion;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>The proposal page's discussion section (<c>Pages/Proposals/_Discussion.cshtml</c>); its form posts to /Proposals/{id}/Discussion.</summary>
public sealed class DiscussionViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid proposalId) =>
        View("~/Pages/Proposals/_Discussion.cshtml", new DiscussionForm(await mediator.Send(new GetDiscussionSection(proposalId)), null));
}

/// <summary>The thread and what the reader typed into the new-comment box (kept when a post is refused).</summary>
public sealed record DiscussionForm(DiscussionSection Section, string? Body);
