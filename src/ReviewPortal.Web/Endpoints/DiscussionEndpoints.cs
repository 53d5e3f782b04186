using Mediator;
using ReviewPortal.Application.Features.Discussion;

namespace ReviewPortal.Web.Endpoints;

/// <summary>A proposal's committee-only discussion (docs/discussion-and-reminders.md).</summary>
internal static class DiscussionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var discussion = api.MapGroup("/proposals/{id:guid}/discussion").RequireAuthorization().WithTags("Discussion");

        discussion.MapGet("", async (Guid id, IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new ListDiscussion(id), ct)))
            .WithName("ListDiscussion")
            .Produces<IReadOnlyList<DiscussionCommentItem>>().ProducesProblems(403, 404)
            .WithSummary("The committee's comments on a proposal, oldest first. 404 for a conflicted member and for anyone the proposal is hidden "
                + "from; 403 for its speakers and others who see the proposal but not the discussion.");

        discussion.MapPost("", async (Guid id, DiscussionCommentRequest body, IMediator m, CancellationToken ct) =>
            {
                var comment = await m.Send(new PostDiscussionComment(id, body.Body), ct);
                return Results.Created($"/api/v1/proposals/{id}/discussion", comment);
            })
            .WithName("PostDiscussionComment")
            .Produces<DiscussionCommentItem>(StatusCodes.Status201Created).ProducesProblems(400, 403, 404)
            .WithSummary("Add a comment (Markdown, at most 10,000 characters). The other assigned members and the chairs get it in their "
                + "next hourly digest mail.");
    }
}

/// <summary>A new discussion comment.</summary>
internal sealed record DiscussionCommentRequest(string? Body);
