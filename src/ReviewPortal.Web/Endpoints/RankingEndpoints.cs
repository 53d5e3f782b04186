using Mediator;
using ReviewPortal.Application.Features.Ranking;

namespace ReviewPortal.Web.Endpoints;

/// <summary>The chair's ranking and the reviews export (a contract: the paths and fields are in issue 8 and docs/api.md).</summary>
internal static class RankingEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var chair = api.MapGroup("/tracks/{trackId:guid}").RequireAuthorization().WithTags("Ranking");

        chair.MapGet("/ranking", async ([AsParameters] GetTrackRanking query, IMediator m, CancellationToken ct) =>
                Results.Ok((await m.Send(query, ct)).Rows))
            .WithName("GetTrackRanking")
            .Produces<IReadOnlyList<RankingRow>>().ProducesProblems(400, 403, 404)
            .WithSummary("The calibrated ranking (chair or admin): [{ proposalId, reviewsIn, assigned, mean, median, weightedMean, spread, calibrated, disagreement, … }], "
                + "without proposals you are conflicted on. sort: rank (default), title, state, reviewsIn, assigned, mean, median, weightedMean, spread, calibrated, disagreement; dir: asc or desc. "
                + "Filters: state, topic, disagreement (true/false), min/max of reviews, assigned, mean, median, weightedMean, spread, calibrated (minReviews=2, maxSpread=0.5).");

        chair.MapGet("/reviews/export.csv", async (Guid trackId, IMediator m, CancellationToken ct) =>
                Results.File(System.Text.Encoding.UTF8.GetBytes(await m.Send(new ExportReviewsCsv(trackId), ct)),
                    "text/csv; charset=utf-8", $"reviews-{trackId:N}.csv"))
            .WithName("ExportReviewsCsv")
            .Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesProblems(400, 403, 404)
            .WithSummary("Every submitted review of the track (chair or admin), one row each; proposals you are conflicted on are left out, speakers empty where your view hides them.");
    }
}
