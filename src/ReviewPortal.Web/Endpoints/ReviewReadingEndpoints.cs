using Mediator;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ReviewPortal.Application.Features.Reviews;

namespace ReviewPortal.Web.Endpoints;

/// <summary>Who reads which review: the reviews of a proposal as the visibility policy shows them to the caller.</summary>
internal static class ReviewReadingEndpoints
{
    /// <summary>Says why some or all reviews are missing from the answer (docs/api.md), so a script can tell "none yet" from "not for you yet".</summary>
    public const string HiddenHeader = "X-Reviews-Hidden";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/proposals/{id:guid}/reviews", async (Guid id, HttpContext http, IMediator m, CancellationToken ct) =>
            {
                var reviews = await m.Send(new ListProposalReviews(id), ct);
                if (reviews.HiddenReason is { } reason)
                    http.Response.Headers[HiddenHeader] = reason;
                return Results.Ok(reviews.Items);
            })
            .RequireAuthorization()
            .WithTags("Reviews")
            .WithName("ListProposalReviews")
            .Produces<IReadOnlyList<ProposalReview>>().ProducesProblems(400, 404)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
                {
                    response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
                    response.Headers[HiddenHeader] = new OpenApiHeader
                    {
                        Description = "Why reviews are missing from the answer, in words for the caller: \"Submit your review to see the others'.\", "
                            + "\"This track does not show members the other reviews.\", a conflict of interest, or (a speaker) that the comments come with the decision.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    };
                    // A speaker's items after the decision's release: the comments for the speakers alone.
                    if (response.Content?.TryGetValue("application/json", out var media) == true && media.Schema is OpenApiSchema list && list.Items is { } review)
                    {
                        list.Items = new OpenApiSchema
                        {
                            OneOf =
                            [
                                review,
                                new OpenApiSchema
                                {
                                    Type = JsonSchemaType.Object,
                                    Description = "What a speaker reads once the decision is released: a comment for the speakers, no score, reviewer or id.",
                                    Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
                                    {
                                        ["commentsForSpeakers"] = new OpenApiSchema { Type = JsonSchemaType.String },
                                    },
                                    Required = new HashSet<string>(StringComparer.Ordinal) { "commentsForSpeakers" },
                                },
                            ],
                        };
                    }
                }

                return Task.CompletedTask;
            })
            .WithSummary("The reviews of the proposal the caller may read (docs/visibility.md). The committee who may see them: every submitted "
                + "review and their own (any state). A reviewer who may not see the others yet: only their own. Its speakers, once the decision "
                + "is released: [{ commentsForSpeakers }] of the submitted reviews (no scores, names or ids); before that []. "
                + "The X-Reviews-Hidden header says why reviews are missing. 404 for anyone the proposal is hidden from.");
    }
}
