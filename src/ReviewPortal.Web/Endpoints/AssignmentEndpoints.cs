using Mediator;
using ReviewPortal.Application.Features.Assignment;
using ReviewPortal.Application.Features.Bidding;
using ReviewPortal.Domain.Committee;

namespace ReviewPortal.Web.Endpoints;

/// <summary>Review phase, bids, assignment runs and manual assignment (a contract: the paths and fields are in issue 7 and docs/api.md).</summary>
internal static class AssignmentEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("").RequireAuthorization().WithTags("Bidding and assignment");

        group.MapPost("/tracks/{trackId:guid}/review-phase/start", async (Guid trackId, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new StartReviewPhase(trackId), ct)))
            .WithName("StartReviewPhase")
            .Produces<ReviewPhaseStatus>().ProducesProblems(403, 404, 409)
            .WithSummary("Close the CfP if open, put submitted proposals under review, open bidding and mail the committee. Starting again changes nothing (200).");

        group.MapPut("/proposals/{id:guid}/bid", async (Guid id, BidRequest body, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new PlaceBid(id, body.Bid), ct)))
            .WithName("PlaceBid")
            .Produces<BidPlaced>().ProducesProblems(400, 403, 404, 409)
            .WithSummary("Bid Eager, Willing, Neutral, NotWilling or Conflict (declares a conflict of interest). Another bid withdraws your own declared conflict.");

        group.MapGet("/tracks/{trackId:guid}/bids/mine", async (Guid trackId, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new GetBiddingList(trackId), ct)))
            .WithName("GetMyBiddingList")
            .Produces<BiddingList>().ProducesProblems(400, 404)
            .WithSummary("The proposals under review as you may see them, with your own bids and counts (members of the track's committee).");

        group.MapGet("/tracks/{trackId:guid}/bids", async (Guid trackId, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new ListTrackBids(trackId), ct)))
            .WithName("ListTrackBids")
            .Produces<IReadOnlyList<TrackBid>>().ProducesProblems(400, 403, 404)
            .WithSummary("Every member's bids of the track (chair): [{ proposalId, personId, bid }], without proposals you are conflicted on.");

        group.MapPost("/tracks/{trackId:guid}/assignment-runs", async (Guid trackId, AssignmentRunRequest? body, IMediator m, CancellationToken ct) =>
            {
                var id = await m.Send(new StartAssignmentRun(trackId, body?.Mode ?? AssignmentRunMode.Total, body?.ReviewersPerProposal), ct);
                return Results.Accepted($"/api/v1/assignment-runs/{id}", new CreatedId(id));
            })
            .WithName("StartAssignmentRun")
            .Produces<CreatedId>(StatusCodes.Status202Accepted).ProducesProblems(400, 403, 404, 409)
            .WithSummary("Queue an automatic assignment (mode Total or Fair; reviewersPerProposal defaults to the track's setting). Poll the run it names.");

        group.MapGet("/assignment-runs/{runId:guid}", async (Guid runId, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new GetAssignmentRun(runId), ct)))
            .WithName("GetAssignmentRun")
            .Produces<AssignmentRunView>().ProducesProblems(404);

        group.MapPost("/assignment-runs/{runId:guid}/apply", async (Guid runId, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new ApplyAssignmentRun(runId), ct)))
            .WithName("ApplyAssignmentRun")
            .Produces<AppliedRun>().ProducesProblems(404, 409)
            .WithSummary("Replace the track's automatic assignments by the run's (manual ones stay) and mail each member their list. 409 if applied or discarded already, or if the track changed since the run started.");

        group.MapPost("/assignment-runs/{runId:guid}/discard", async (Guid runId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new DiscardAssignmentRun(runId), ct);
                return Results.Ok(await m.Send(new GetAssignmentRun(runId), ct));
            })
            .WithName("DiscardAssignmentRun")
            .Produces<AssignmentRunView>().ProducesProblems(404, 409);

        group.MapGet("/tracks/{trackId:guid}/assignments", async (Guid trackId, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new ListTrackAssignments(trackId), ct)))
            .WithName("ListTrackAssignments")
            .Produces<IReadOnlyList<TrackAssignment>>().ProducesProblems(403, 404);

        group.MapPut("/proposals/{id:guid}/assignments/{personId:guid}", async (Guid id, Guid personId, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new AssignReviewer(id, personId), ct)))
            .WithName("AssignReviewer")
            .Produces<ManualAssignmentResult>().ProducesProblems(403, 404, 409)
            .WithSummary("Assign a member by hand (kept by automatic runs). A conflicted member is refused (409); a load above the maximum is allowed with warnings.");

        group.MapDelete("/proposals/{id:guid}/assignments/{personId:guid}", async (Guid id, Guid personId, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new UnassignReviewer(id, personId), ct)))
            .WithName("UnassignReviewer")
            .Produces<ManualAssignmentResult>().ProducesProblems(403, 404);
    }
}

internal sealed record BidRequest(BidValue? Bid);

internal sealed record AssignmentRunRequest(AssignmentRunMode? Mode, int? ReviewersPerProposal);
