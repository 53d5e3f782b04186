using Mediator;
using Microsoft.AspNetCore.Mvc;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Endpoints;

/// <summary>Call for proposals: a speaker's proposals, and a chair's view, export and import of a track's proposals.</summary>
internal static class ProposalEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var speaker = api.MapGroup("").RequireAuthorization().WithTags("Proposals");

        speaker.MapPost("/tracks/{trackId:guid}/proposals", async (Guid trackId, ProposalRequest body,
                [FromHeader(Name = "Idempotency-Key")] Guid? idempotencyKey, IMediator m, CancellationToken ct) =>
            {
                var id = await m.Send(new CreateProposal(trackId, body.Title, body.Abstract, body.Notes, body.Topics, body.CoSpeakers,
                    body.Submit, idempotencyKey ?? body.ClientRequestId), ct);
                return Results.Created($"/api/v1/proposals/{id}", await m.Send(new GetProposal(id), ct));
            })
            .WithName("CreateProposal")
            .Produces<ProposalDetails>(StatusCodes.Status201Created).ProducesProblems(404, 409)
            .WithSummary("Create a proposal as a draft, or submit it at once (submit: true). Send an Idempotency-Key header (a GUID) so a retry creates nothing new.");

        speaker.MapGet("/proposals/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetProposal(id), ct)))
            .WithName("GetProposal")
            // Not signed in is answered like any proposal the caller may not see: 404 (the visibility policy), not 401.
            .AllowAnonymous()
            .Produces<ProposalDetails>().ProducesProblems(404)
            .WithSummary("One proposal as the visibility policy lets the caller see it (docs/visibility.md): a conflicted committee member gets only the "
                + "title and hasConflict: true; in blind review members get no speakers. 404 for anyone it is hidden from, signed in or not.");

        speaker.MapPut("/proposals/{id:guid}", async (Guid id, ProposalUpdateRequest body, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new UpdateProposal(id, body.Version, body.Title, body.Abstract, body.Notes, body.Topics, body.CoSpeakers), ct);
                return Results.Ok(await m.Send(new GetProposal(id), ct));
            })
            .WithName("UpdateProposal")
            .Produces<ProposalDetails>().ProducesProblems(404, 409)
            .WithSummary("Edit a proposal. 'version' is the one you read; if it changed since, the answer is 409 and nothing is saved.");

        speaker.MapPost("/proposals/{id:guid}/submit", async (Guid id, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new SubmitProposal(id), ct);
                return Results.Ok(await m.Send(new GetProposal(id), ct));
            })
            .WithName("SubmitProposal")
            .Produces<ProposalDetails>().ProducesProblems(400, 404, 409);

        speaker.MapPost("/proposals/{id:guid}/withdraw", async (Guid id, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new WithdrawProposal(id), ct);
                return Results.Ok(await m.Send(new GetProposal(id), ct));
            })
            .WithName("WithdrawProposal")
            .Produces<ProposalDetails>().ProducesProblems(400, 404, 409);

        speaker.MapDelete("/proposals/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new DeleteDraft(id), ct);
                return Results.NoContent();
            })
            .WithName("DeleteDraft")
            .Produces(StatusCodes.Status204NoContent).ProducesProblems(404, 409)
            .WithSummary("Delete a draft (204). A submitted proposal cannot be deleted (409): withdraw it instead.");

        speaker.MapGet("/me/proposals", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new ListMyProposals(), ct)))
            .WithName("ListMyProposals")
            .Produces<IReadOnlyList<MyProposal>>();

        var chair = api.MapGroup("/tracks/{trackId:guid}/proposals").RequireAuthorization().WithTags("Chair");

        chair.MapGet("", async (Guid trackId, string? status, string? topic, string? q, string? sort, string? dir, int? page, int? pageSize,
                IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new ListTrackProposals(trackId, status, topic, q, sort, dir,
                    page ?? 1, pageSize ?? ListTrackProposals.DefaultPageSize), ct)))
            .WithName("ListTrackProposals")
            .Produces<TrackProposals>().ProducesProblems(400, 403, 404)
            .WithSummary("One page of the track's proposals. sort: submitted (default), title, speakers, state, duration; dir: asc (default) or desc; "
                + "page (from 1) and pageSize (default 50, at most 500). An unknown status, sort or dir is a 400.");

        chair.MapGet("/export.json", async (Guid trackId, HttpContext http, IMediator m, CancellationToken ct) =>
            {
                var document = await m.Send(new ExportProposals(trackId), ct);
                // A download, not a page to look at: the browser saves it under a name that says what it is.
                http.Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
                {
                    FileName = $"proposals-{trackId:N}.json",
                }.ToString();
                return Results.Json(document, contentType: "application/json", statusCode: StatusCodes.Status200OK);
            })
            .WithName("ExportProposalsJson")
            .Produces<ProposalsDocument>(StatusCodes.Status200OK, "application/json").ProducesProblems(400, 403, 404);

        chair.MapGet("/export.csv", async (Guid trackId, IMediator m, CancellationToken ct) =>
                Results.File(System.Text.Encoding.UTF8.GetBytes(await m.Send(new ExportProposalsCsv(trackId), ct)),
                    "text/csv; charset=utf-8", $"proposals-{trackId:N}.csv"))
            .WithName("ExportProposalsCsv")
            .Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesProblems(400, 403, 404);

        chair.MapPost("/import", async (Guid trackId, ProposalsDocument document, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new ImportProposals(trackId, document), ct)))
            .WithName("ImportProposals")
            .WithMetadata(new TakesUploadAttribute())
            .Produces<ImportResult>().ProducesProblems(403, 404)
            .WithSummary("Import proposals in the export's JSON format; proposals already present (same key or id) are skipped.");
    }
}

/// <param name="ClientRequestId">Alternative to the Idempotency-Key header.</param>
internal sealed record ProposalRequest(
    string Title, string Abstract, string? Notes, IReadOnlyList<string>? Topics, IReadOnlyList<CoSpeakerInput>? CoSpeakers,
    bool Submit = false, Guid? ClientRequestId = null);

internal sealed record ProposalUpdateRequest(
    uint Version, string Title, string Abstract, string? Notes, IReadOnlyList<string>? Topics, IReadOnlyList<CoSpeakerInput>? CoSpeakers);
