using Mediator;
using ReviewPortal.Application.Common.Behaviours;
using ReviewPortal.Application.Features.Conferences;
using ReviewPortal.Application.Features.People;
using ReviewPortal.Application.Features.Tracks;

namespace ReviewPortal.Web.Endpoints;

/// <summary>Setting up conferences and tracks (admins), track settings and committee (chairs), and one's profile.</summary>
internal static class TrackEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var setup = api.MapGroup("").RequireAuthorization().WithTags("Setup");

        setup.MapPost("/conferences", async (CreateConference command, IMediator m, CancellationToken ct) =>
                Results.Created($"/api/v1/conferences", new CreatedId(await m.Send(command, ct))))
            .WithName("CreateConference")
            .Produces<CreatedId>(StatusCodes.Status201Created).ProducesProblems(403);

        setup.MapPut("/conferences/{conferenceId:guid}", async (Guid conferenceId, UpdateConferenceRequest body, WriteThenRead w, CancellationToken ct) =>
                Results.Ok(await w.SendAsync(new UpdateConference(conferenceId, body.Name, body.TimeZoneId, body.StartDate, body.EndDate),
                    _ => new GetConference(conferenceId), ct)))
            .WithName("UpdateConference")
            .Produces<ConferenceView>().ProducesProblems(403, 404);

        setup.MapPost("/conferences/{conferenceId:guid}/tracks", async (Guid conferenceId, CreateTrackRequest body, WriteThenRead w, CancellationToken ct) =>
            {
                var track = await w.SendAsync(new CreateTrack(conferenceId, body.Slug, body.ChairEmail, body.Settings), id => new GetTrackSettings(id), ct);
                return Results.Created($"/api/v1/tracks/{track.TrackId}/settings", track);
            })
            .WithName("CreateTrack")
            .Produces<TrackSettingsView>(StatusCodes.Status201Created).ProducesProblems(403, 404)
            .WithSummary("Dates in the settings are wall-clock times in the conference's time zone.");

        setup.MapGet("/tracks/{trackId:guid}/settings", async (Guid trackId, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new GetTrackSettings(trackId), ct)))
            .WithName("GetTrackSettings")
            .Produces<TrackSettingsView>().ProducesProblems(400, 403, 404);

        setup.MapPut("/tracks/{trackId:guid}/settings", async (Guid trackId, UpdateTrackRequest body, WriteThenRead w, CancellationToken ct) =>
                Results.Ok(await w.SendAsync(new UpdateTrack(trackId, body.Version, body.Settings), _ => new GetTrackSettings(trackId), ct)))
            .WithName("UpdateTrackSettings")
            .Produces<TrackSettingsView>().ProducesProblems(403, 404, 409);

        setup.MapPost("/tracks/{trackId:guid}/committee", async (Guid trackId, CommitteeMemberRequest body, WriteThenRead w, CancellationToken ct) =>
                Results.Ok(await w.SendAsync(new AddCommitteeMember(trackId, body.Email, body.Role, body.Affiliation), _ => new GetTrackSettings(trackId), ct)))
            .WithName("AddCommitteeMember")
            .Produces<TrackSettingsView>().ProducesProblems(403, 404);

        setup.MapDelete("/tracks/{trackId:guid}/committee/{memberId:guid}", async (Guid trackId, Guid memberId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new RemoveCommitteeMember(trackId, memberId), ct);
                return Results.NoContent();
            })
            .WithName("RemoveCommitteeMember")
            .Produces(StatusCodes.Status204NoContent).ProducesProblems(403, 404, 409)
            .WithSummary("Take a member off the committee (204); their work stays. The last chair cannot be removed (409).");

        setup.MapPut("/tracks/{trackId:guid}/committee/{memberId:guid}", async (Guid trackId, Guid memberId, CommitteeRoleRequest body, WriteThenRead w, CancellationToken ct) =>
                Results.Ok(await w.SendAsync(new ChangeCommitteeRole(trackId, memberId, body.Role), _ => new GetTrackSettings(trackId), ct)))
            .WithName("ChangeCommitteeRole")
            .Produces<TrackSettingsView>().ProducesProblems(403, 404, 409)
            .WithSummary("Set a member's role (Reviewer or Chair); a track keeps at least one chair (409).");

        setup.MapPut("/me/profile", async (UpdateMyProfile command, WriteThenRead w, CancellationToken ct) =>
                Results.Ok(await w.SendAsync(command, _ => new GetMyProfile(), ct)))
            .WithName("UpdateMyProfile")
            .Produces<MyProfile>();
    }
}

internal sealed record UpdateConferenceRequest(string Name, string TimeZoneId, DateOnly StartDate, DateOnly EndDate);

internal sealed record CreateTrackRequest(string Slug, string ChairEmail, TrackSettings Settings);

internal sealed record UpdateTrackRequest(uint Version, TrackSettings Settings);

internal sealed record CommitteeRoleRequest(ReviewPortal.Domain.Conferences.CommitteeRole Role);

internal sealed record CommitteeMemberRequest(string Email, ReviewPortal.Domain.Conferences.CommitteeRole Role, string? Affiliation);
