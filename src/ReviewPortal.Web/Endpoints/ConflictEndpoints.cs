using Mediator;
using ReviewPortal.Application.Features.Conflicts;

namespace ReviewPortal.Web.Endpoints;

/// <summary>Conflicts of interest: the track's list (chairs), declarations (members, speakers) and the chair's decisions.</summary>
internal static class ConflictEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var conflicts = api.MapGroup("").RequireAuthorization().WithTags("Conflicts");

        conflicts.MapGet("/tracks/{trackId:guid}/conflicts", async (Guid trackId, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new ListTrackConflicts(trackId), ct)))
            .WithName("ListTrackConflicts")
            .Produces<IReadOnlyList<ConflictRow>>().ProducesProblems(400, 403, 404)
            .WithSummary("The track's conflicts of interest (kind: Speaker | Organisation | EmailDomain | Declared; source: Detected | Declared | Chair), "
                + "lifted ones with active: false. Chairs and admins; a chair does not see the rows of proposals they are conflicted on.");

        conflicts.MapPost("/proposals/{id:guid}/conflicts", async (Guid id, DeclareConflictRequest body, IMediator m, CancellationToken ct) =>
                Results.Ok(new DeclaredConflicts(await m.Send(new DeclareConflict(id, body.PersonIds, body.Reason), ct))))
            .WithName("DeclareConflict")
            .Produces<DeclaredConflicts>().ProducesProblems(400, 403, 404)
            .WithSummary("Declare a conflict of interest. A committee member: no personIds (their own; reason optional). "
                + "A speaker of the proposal: personIds of committee members and a reason, which the chair sees.");

        conflicts.MapPost("/proposals/{id:guid}/conflicts/chair", async (Guid id, AddConflictRequest body, IMediator m, CancellationToken ct) =>
            {
                var conflictId = await m.Send(new AddConflict(id, body.PersonId, body.Reason), ct);
                return Results.Created($"/api/v1/conflicts/{conflictId}", new CreatedId(conflictId));
            })
            .WithName("AddConflict")
            .Produces<CreatedId>(StatusCodes.Status201Created).ProducesProblems(400, 403, 404)
            .WithSummary("A chair adds a conflict between a committee member and the proposal (reason required; audited). "
                + "A chair conflicted on the proposal gets 403: another chair or an admin manages it.");

        conflicts.MapPut("/conflicts/{conflictId:guid}", async (Guid conflictId, DecideConflictRequest body, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new DecideConflict(conflictId, body.Decision, body.Reason), ct);
                return Results.NoContent();
            })
            .WithName("DecideConflict")
            .Produces(StatusCodes.Status204NoContent).ProducesProblems(400, 403, 404)
            .WithSummary("A chair confirms or lifts a conflict (decision: Confirm | Lift; reason required; audited). A lifted conflict stays lifted "
                + "when detection runs again. A chair conflicted on the proposal gets 403.");

        var admin = api.MapGroup("/organisation-aliases").RequireAuthorization().WithTags("Admin");
        admin.MapGet("", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new ListOrganisationAliases(), ct)))
            .WithName("ListOrganisationAliases")
            .Produces<IReadOnlyList<OrganisationAliasView>>().ProducesProblems(403);
        admin.MapPost("", async (OrganisationAliasRequest body, IMediator m, CancellationToken ct) =>
                Results.Created("/api/v1/organisation-aliases", new CreatedId(await m.Send(new SaveOrganisationAlias(null, body.Alias, body.Canonical), ct))))
            .WithName("AddOrganisationAlias")
            .Produces<CreatedId>(StatusCodes.Status201Created).ProducesProblems(400, 403)
            .WithSummary("Admins: the alias means the organisation (\"Facebook\" → \"Meta\"); conflicts of the tracks naming either are refreshed.");
        admin.MapPut("/{aliasId:guid}", async (Guid aliasId, OrganisationAliasRequest body, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new SaveOrganisationAlias(aliasId, body.Alias, body.Canonical), ct);
                return Results.NoContent();
            })
            .WithName("UpdateOrganisationAlias")
            .Produces(StatusCodes.Status204NoContent).ProducesProblems(400, 403, 404);
        admin.MapDelete("/{aliasId:guid}", async (Guid aliasId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new DeleteOrganisationAlias(aliasId), ct);
                return Results.NoContent();
            })
            .WithName("DeleteOrganisationAlias")
            .Produces(StatusCodes.Status204NoContent).ProducesProblems(403, 404);
    }
}

internal sealed record DeclareConflictRequest(IReadOnlyList<Guid>? PersonIds, string? Reason);
internal sealed record DeclaredConflicts(int Declared);
internal sealed record AddConflictRequest(Guid PersonId, string? Reason);
internal sealed record DecideConflictRequest(ConflictDecision Decision, string? Reason);
internal sealed record OrganisationAliasRequest(string? Alias, string? Canonical);
