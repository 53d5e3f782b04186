using Mediator;
using ReviewPortal.Application.Features.Decisions;

namespace ReviewPortal.Web.Endpoints;

/// <summary>Releasing decisions and the chair's letter templates (a contract: the release path and fields are in issue 9 and docs/api.md).</summary>
internal static class DecisionLetterEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var track = api.MapGroup("/tracks/{trackId:guid}").RequireAuthorization().WithTags("Decisions");

        track.MapPost("/decisions/release", async (Guid trackId, ReleaseRequest body, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new ReleaseDecisions(trackId, body.ProposalIds), ct)))
            .WithName("ReleaseDecisions")
            .Produces<ReleaseResult>().ProducesProblems(400, 403, 404, 409)
            .WithSummary("Chair: release decisions to the speakers, one mail per speaker and proposal (each sent once, however often this is called). "
                + "proposalIds null: every decided, unreleased proposal you may decide (the ones you are conflicted on come back in skipped); "
                + "a list: exactly those, each of the track and decided, or 400 naming the first that is not and nothing released. "
                + "Answers { released, letters, skipped: [{ proposalId, title, reason }] }.");

        track.MapGet("/decision-templates", async (Guid trackId, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new GetDecisionTemplates(trackId), ct)))
            .WithName("GetDecisionTemplates")
            .Produces<IReadOnlyList<DecisionTemplateView>>().ProducesProblems(400, 403, 404)
            .WithSummary("Chair: the three letters (accepted, rejected, waitlisted): [{ outcome, subject, body, includeReviewComments, isDefault, version, updatedUtc }].");

        track.MapPut("/decision-templates/{outcome}", async (Guid trackId, string outcome, TemplateRequest body, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new SaveDecisionTemplate(trackId, outcome, body.Subject, body.Body, body.IncludeReviewComments, body.Version), ct)))
            .WithName("SaveDecisionTemplate")
            .Produces<DecisionTemplateView>().ProducesProblems(400, 403, 404, 409)
            .WithSummary("Chair: word the letter for an outcome (Liquid; invalid Liquid is 400 with Fluid's message on the field, nothing saved). "
                + "version: the one you read (0 while the default is in use), or 409.");

        track.MapDelete("/decision-templates/{outcome}", async (Guid trackId, string outcome, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new ResetDecisionTemplate(trackId, outcome), ct)))
            .WithName("ResetDecisionTemplate")
            .Produces<DecisionTemplateView>().ProducesProblems(400, 403, 404)
            .WithSummary("Chair: back to the built-in letter for the outcome; answers the default.");

        track.MapPost("/decision-templates/{outcome}/preview", async (Guid trackId, string outcome, PreviewRequest body, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new PreviewDecisionLetter(trackId, outcome, body.ProposalId, body.Subject, body.Body, body.IncludeReviewComments), ct)))
            .WithName("PreviewDecisionLetter")
            .Produces<DecisionLetterPreview>().ProducesProblems(400, 403, 404)
            .WithSummary("Chair: the letter rendered on a real proposal of the track as its first speaker would get it: { subject, body, to }. "
                + "subject/body/includeReviewComments preview unsaved text (else the saved letter); proposalId null: the first decided one with that outcome. Sends nothing.");
    }
}

internal sealed record ReleaseRequest(IReadOnlyList<Guid?>? ProposalIds);

internal sealed record TemplateRequest(string? Subject, string? Body, bool IncludeReviewComments, uint Version);

internal sealed record PreviewRequest(Guid? ProposalId, string? Subject, string? Body, bool? IncludeReviewComments);
