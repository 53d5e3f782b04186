using Mediator;
using ReviewPortal.Application.Features.Timetabling;

namespace ReviewPortal.Web.Endpoints;

/// <summary>The timetable's grid and automatic runs (a contract: the paths and fields are in issue 10 and docs/api.md).</summary>
internal static class TimetableRunEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("").RequireAuthorization().WithTags("Timetable grid and runs");

        group.MapGet("/tracks/{trackId:guid}/timetable/grid", async (Guid trackId, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new GetTimetableGrid(trackId), ct)))
            .WithName("GetTimetableGrid")
            .Produces<TimetableGridView>().ProducesProblems(400, 403, 404)
            .WithSummary("The track's grid (rooms, blocks, breaks; wall clock in the conference's zone) with the slot length and the number of slots (chair).");

        group.MapPut("/tracks/{trackId:guid}/timetable/grid", async (Guid trackId, TimetableGridRequest body, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new SaveTimetableGrid(trackId, body.Rooms, body.Blocks, body.Breaks, body.Version), ct)))
            .WithName("SaveTimetableGrid")
            .Produces<TimetableGridView>().ProducesProblems(400, 403, 404, 409)
            .WithSummary("Replace the grid: days \"2023-11-13\", times \"09:30\" in the conference's zone. The answer counts the slots and the placed talks now outside the grid. A stale version is 409.");

        group.MapPost("/tracks/{trackId:guid}/timetable-runs", async (Guid trackId, TimetableRunRequest? body, IMediator m, CancellationToken ct) =>
            {
                var id = await m.Send(new StartTimetableRun(trackId, body?.MinimalChange ?? true), ct);
                return Results.Accepted($"/api/v1/timetable-runs/{id}", new CreatedId(id));
            })
            .WithName("StartTimetableRun")
            .Produces<CreatedId>(StatusCodes.Status202Accepted).ProducesProblems(400, 403, 404, 409)
            .WithSummary("Queue an automatic scheduling of the confirmed talks into the grid (minimalChange, default true: stay close to the published version). Poll the run it names. 409 without a grid or a confirmed talk.");

        group.MapGet("/timetable-runs/{runId:guid}", async (Guid runId, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new GetTimetableRun(runId), ct)))
            .WithName("GetTimetableRun")
            .Produces<TimetableRunView>().ProducesProblems(404)
            .WithSummary("The run: status, progress, objective and bound, the explanation when infeasible, the slots (UTC) and the preview compared with the working copy and the published version.");

        group.MapPost("/timetable-runs/{runId:guid}/apply", async (Guid runId, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new ApplyTimetableRun(runId), ct)))
            .WithName("ApplyTimetableRun")
            .Produces<AppliedTimetableRun>().ProducesProblems(404, 409)
            .WithSummary("Replace the working copy's non-pinned slots by the run's (a new version). 409 if applied or discarded already, or if the working copy changed since the run started.");

        group.MapPost("/timetable-runs/{runId:guid}/discard", async (Guid runId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new DiscardTimetableRun(runId), ct);
                return Results.Ok(await m.Send(new GetTimetableRun(runId), ct));
            })
            .WithName("DiscardTimetableRun")
            .Produces<TimetableRunView>().ProducesProblems(404, 409);
    }
}

internal sealed record TimetableGridRequest(
    IReadOnlyList<GridRoomInput>? Rooms, IReadOnlyList<GridBlockInput>? Blocks, IReadOnlyList<GridBreakInput>? Breaks, int? Version);

internal sealed record TimetableRunRequest(bool? MinimalChange);
