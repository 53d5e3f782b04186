using Mediator;
using ReviewPortal.Application.Features.ApiTokens;

namespace ReviewPortal.Web.Endpoints;

/// <summary>The signed-in person's personal API tokens: create (shown once), list, revoke.</summary>
internal static class ApiTokenEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/me/tokens").RequireAuthorization().WithTags("API tokens");

        tokens.MapPost("", async (CreateApiToken command, IMediator m, CancellationToken ct) =>
            {
                var created = await m.Send(command, ct);
                return TypedResults.Created("/api/v1/me/tokens", created);
            })
            .WithName("CreateApiToken")
            .ProducesProblems(403).SessionOnly()
            .WithSummary("Create a personal API token. The token is in this answer only; only its hash is stored. Needs the sign-in cookie: a token cannot create tokens.");

        tokens.MapGet("", async (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ListMyApiTokens(), ct)))
            .WithName("ListMyApiTokens");

        tokens.MapDelete("/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new RevokeApiToken(id), ct);
                return TypedResults.NoContent();
            })
            .WithName("RevokeApiToken")
            .ProducesProblems(400, 404)
            .WithSummary("Revoke one of your tokens; it is refused from the next request on.");
    }
}
