using Mediator;
using ReviewPortal.Application.Features.Dashboard;

namespace ReviewPortal.Web.Endpoints;

/// <summary>The chair's dashboard of a track (a contract: issue 9, docs/api.md).</summary>
internal static class DashboardEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/tracks/{trackId:guid}/dashboard", async (Guid trackId, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new GetTrackDashboard(trackId), ct)))
            .RequireAuthorization().WithTags("Dashboard")
            .WithName("GetTrackDashboard")
            .Produces<TrackDashboard>().ProducesProblems(400, 403, 404)
            .WithSummary("Where the track's programme stands (chair or admin): cfp { submitted, withdrawn }, review { reviewsIn, assigned, membersBehind, deadlinePassed }, "
                + "decisions { accepted, rejected, waitlisted, undecided, released, unreleased }, confirmations { confirmed, declined, waiting, overdue, slotsReleased }, "
                + "programme { capacity, committed, confirmed }; proposals you are conflicted on are left out of decisions and confirmations (hiddenByConflict).");
    }
}
