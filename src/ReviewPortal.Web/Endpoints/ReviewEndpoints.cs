using Mediator;
using ReviewPortal.Application.Features.Reviews;

namespace ReviewPortal.Web.Endpoints;

/// <summary>Writing one's own review (a contract: the paths and fields are in issue 8 and docs/api.md), reopening, criteria.</summary>
internal static class ReviewEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("").RequireAuthorization().WithTags("Reviews");

        group.MapGet("/proposals/{id:guid}/review", async (Guid id, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new GetMyReview(id), ct)))
            .WithName("GetMyReview")
            .Produces<MyReview>().ProducesProblems(400, 404)
            .WithSummary("Your own review of the proposal; 404 while you have none.");

        // The command answers with the review as saved, read inside its transaction (ADR 0017).
        group.MapPut("/proposals/{id:guid}/review", async (Guid id, ReviewRequest body, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new SaveMyReview(id, body.Score, body.Confidence, body.Criteria, body.CommentsForSpeakers,
                    body.CommentsForCommittee, body.Submit, body.Version), ct)))
            .WithName("SaveMyReview")
            .Produces<MyReview>().ProducesProblems(400, 403, 404, 409)
            .WithSummary("Save your review as a draft or submit it (version 0 creates it; otherwise the version you read, or 409). Criteria by name. After the review deadline 409 unless the chair reopened it.");

        group.MapGet("/me/reviews", async (IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new ListMyReviews(), ct)))
            .WithName("ListMyReviews")
            .Produces<IReadOnlyList<MyReviewItem>>()
            .WithSummary("Every proposal you are assigned to and may review, across tracks: [{ proposalId, title, state (notStarted, draft, submitted), deadline }].");

        group.MapPost("/reviews/{reviewId:guid}/reopen", async (Guid reviewId, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new ReopenReview(reviewId), ct)))
            .WithName("ReopenReview")
            .Produces<ReopenedReview>().ProducesProblems(400, 403, 404, 409)
            .WithSummary("Chair: let the reviewer change a review after the deadline, until they submit it again; they are mailed. 409 before the deadline.");

        group.MapGet("/tracks/{trackId:guid}/criteria", async (Guid trackId, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new GetTrackCriteria(trackId), ct)))
            .WithName("GetTrackCriteria")
            .Produces<IReadOnlyList<CriterionView>>().ProducesProblems(400, 403, 404)
            .WithSummary("The track's score criteria in the form's order (the track's committee).");

        group.MapPut("/tracks/{trackId:guid}/criteria", async (Guid trackId, IReadOnlyList<CriterionInput> body, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new ReplaceTrackCriteria(trackId, body), ct)))
            .WithName("ReplaceTrackCriteria")
            .Produces<IReadOnlyList<CriterionView>>().ProducesProblems(400, 403, 404)
            .WithSummary("Chair: replace the criteria by this list, in this order ([{ id?, name, scaleMin, scaleMax, weight, required }]; an id edits that criterion, none adds one, one left out is removed). Names unique; weight 0–10; scale within 0–100.");
    }
}

internal sealed record ReviewRequest(int? Score, int? Confidence, IReadOnlyDictionary<string, int?>? Criteria,
    string? CommentsForSpeakers, string? CommentsForCommittee, bool Submit, uint Version);
