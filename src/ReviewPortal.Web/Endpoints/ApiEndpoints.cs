using Mediator;
using Microsoft.AspNetCore.RateLimiting;
using ReviewPortal.Application.Features.Accounts;
using ReviewPortal.Application.Features.Conferences;
using ReviewPortal.Application.Features.People;
using ReviewPortal.Application.Features.Tracks;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Endpoints;

/// <summary>/api/v1: each endpoint builds a command or query and sends it; errors become ProblemDetails.</summary>
internal static class ApiEndpoints
{
    public static void MapApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithTags("ReviewPortal").DisableAntiforgery().RejectInvalidBearerTokens().DocumentPipelineProblems();

        api.MapGet("/conferences", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new ListConferences(), ct)))
            .WithName("ListConferences")
            .Produces<IReadOnlyList<ConferenceSummary>>();
        api.MapGet("/conferences/{conference}/tracks/{track}", async (string conference, string track, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new GetTrack(conference, track), ct)))
            .WithName("GetTrack")
            .Produces<TrackDetails>().ProducesProblems(400, 404);

        // 202 whether or not the address already had an account: the answer must not tell (the owner is mailed instead).
        api.MapPost("/accounts", async (RegisterAccount command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command, ct);
                return Results.Accepted(value: new RegistrationAccepted(command.Email.Trim(), "Check your mail: a link to confirm the address is on its way."));
            })
            .RequireRateLimiting(WebSetup.AuthRateLimitPolicy)
            .WithName("RegisterAccount")
            .Produces<RegistrationAccepted>(StatusCodes.Status202Accepted)
            .WithSummary("Create an account; a confirmation mail is sent to the address (or, if it already has an account, a note to its owner).");

        api.MapGet("/me", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetMyProfile(), ct)))
            .RequireAuthorization()
            .WithName("GetMyProfile")
            .Produces<MyProfile>();

        ProposalEndpoints.Map(api);
        TrackEndpoints.Map(api);
        ApiTokenEndpoints.Map(api);
        CommitteeEndpoints.Map(api);
        AssignmentEndpoints.Map(api);
        ConflictEndpoints.Map(api);
        ReviewEndpoints.Map(api);
        DiscussionEndpoints.Map(api);
        RankingEndpoints.Map(api);
        DashboardEndpoints.Map(api);
        ReviewReadingEndpoints.Map(api);
        DecisionEndpoints.Map(api);
        DecisionLetterEndpoints.Map(api);
        ConfirmationEndpoints.Map(api);
        TimetableRunEndpoints.Map(api);
        TimetableEndpoints.Map(api);
    }
}

/// <summary>The answer to a registration, the same for a new address and a taken one.</summary>
internal sealed record RegistrationAccepted(string Email, string Detail);

/// <summary>The answer to a create that returns only the new id.</summary>
internal sealed record CreatedId(Guid Id);
