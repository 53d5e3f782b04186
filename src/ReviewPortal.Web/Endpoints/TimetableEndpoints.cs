using Mediator;
using ReviewPortal.Application.Features.Timetabling;

namespace ReviewPortal.Web.Endpoints;

/// <summary>
/// The chairs' timetable editor: the working copy, moving, placing, pinning and unscheduling items (each naming the
/// version it was made on: stale → 409), publishing a version, and reading published versions. Times are instants
/// in UTC (ISO 8601); a start without an offset is wall-clock time in the conference's zone.
/// </summary>
internal static class TimetableEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tracks/{trackId:guid}/timetable").RequireAuthorization().WithTags("Timetable");

        group.MapGet("", async (Guid trackId, IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetTimetable(trackId), ct)))
            .WithName("GetTimetable")
            .Produces<TimetableView>().ProducesProblems(401, 403, 404)
            .WithSummary("The working copy: version, publishedVersion, slots [{ proposalId, room, start, end, title, speakers, pinned, warnings }], "
                + "unplaced items of the programme, the grid, every broken hard rule (warnings) and what a publish would change. Chairs only; 404 before the grid exists.");

        group.MapPut("/slots/{proposalId:guid}", async (Guid trackId, Guid proposalId, MoveSlotRequest body, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new MoveTimetableSlot(trackId, proposalId, body.Room, body.Start, body.Version, body.Pinned), ct)))
            .WithName("MoveTimetableSlot")
            .Produces<TimetableEdit>().ProducesProblems(400, 401, 403, 404, 409)
            .WithSummary("Place or move an item of the programme: { room, start, version, pinned? }. Saved even when it breaks a hard rule; "
                + "the answer is the new version and every warning. A stale version is 409 and saves nothing; an item of another track is 404.");

        group.MapDelete("/slots/{proposalId:guid}", async (Guid trackId, Guid proposalId, int? version, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new UnscheduleTimetableSlot(trackId, proposalId, version), ct)))
            .WithName("UnscheduleTimetableSlot")
            .Produces<TimetableEdit>().ProducesProblems(400, 401, 403, 404, 409)
            .WithSummary("Take an item off the working copy (?version= the version edited). A pinned item is 409: unpin it first (PUT with pinned: false).");

        group.MapPost("/publish", async (Guid trackId, PublishRequest? body, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new PublishTimetable(trackId, body?.Version), ct)))
            .WithName("PublishTimetable")
            .Produces<PublishedTimetableResult>().ProducesProblems(400, 401, 403, 404, 409)
            .WithSummary("Publish the working copy as the next version ({ version } is its number). 400 naming each broken hard rule (errors); "
                + "409 when nothing changed since the last version or the optional body version is stale. Speakers of new, moved and removed talks are mailed.");

        group.MapGet("/versions", async (Guid trackId, IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new ListTimetableVersions(trackId), ct)))
            .WithName("ListTimetableVersions")
            .Produces<TimetableVersions>().ProducesProblems(401, 403, 404)
            .WithSummary("The published versions, newest first, each with its changelog (New, Moved, Removed). Chairs only.");

        group.MapGet("/versions/{number:int}", async (Guid trackId, int number, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new GetTimetableVersion(trackId, number), ct)))
            .WithName("GetTimetableVersion")
            .Produces<TimetableVersionDetails>().ProducesProblems(401, 403, 404)
            .WithSummary("One published version as it was published: rooms, breaks, slots with titles, abstracts and speakers, and its changelog.");
    }
}

internal sealed record MoveSlotRequest(string? Room, DateTime? Start, int? Version, bool? Pinned);
internal sealed record PublishRequest(int? Version);
