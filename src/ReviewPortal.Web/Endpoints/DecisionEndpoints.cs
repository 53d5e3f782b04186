using Mediator;
using ReviewPortal.Application.Features.Decisions;

namespace ReviewPortal.Web.Endpoints;

/// <summary>Deciding proposals (a contract: the paths and fields are in issue 9 and docs/api.md).</summary>
internal static class DecisionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("").RequireAuthorization().WithTags("Decisions");

        group.MapPut("/proposals/{id:guid}/decision", async (Guid id, DecisionRequest body, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new DecideProposal(id, body.Decision, body.WaitlistRank, body.Version), ct)))
            .WithName("DecideProposal")
            .Produces<ProposalDecisionState>().ProducesProblems(400, 403, 404, 409)
            .WithSummary("Chair: decide one proposal (a draft until released). decision: Accepted, Rejected, Waitlisted or Undecided (takes a draft back); "
                + "waitlistRank only with Waitlisted (null: the end of the waitlist). With version (the one you read) a change made in between is 409. "
                + "403 for a chair with a conflict of interest; 404 for anyone else who may not decide.");

        group.MapPost("/tracks/{trackId:guid}/decisions", async (Guid trackId, DecisionsRequest body, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new DecideProposals(trackId, body.Decisions), ct)))
            .WithName("DecideProposals")
            .Produces<DecisionsMade>().ProducesProblems(400, 403, 404)
            .WithSummary("Chair: decide many proposals of the track at once, all or nothing: [{ proposalId, decision, waitlistRank }], at most 1,000; "
                + "one item that cannot be decided (another track's, conflicted, released, a duplicate) is a 400 naming it (decisions[i]) and nothing changes.");

        group.MapPost("/tracks/{trackId:guid}/decisions/accept-top", async (Guid trackId, AcceptTopRequest body, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new AcceptTopProposals(trackId, body.Count, body.WaitlistCount, body.RejectRest), ct)))
            .WithName("AcceptTopProposals")
            .Produces<TopProposalsDecided>().ProducesProblems(400, 403, 404)
            .WithSummary("Chair: accept the top count by the calibrated ranking (released decisions left alone), waitlist the next waitlistCount, "
                + "reject the rest only with rejectRest: true. Answers how many changed and the programme's capacity.");

        group.MapGet("/tracks/{trackId:guid}/capacity", async (Guid trackId, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new GetProgrammeCapacity(trackId), ct)))
            .WithName("GetProgrammeCapacity")
            .Produces<ProgrammeCapacityInfo>().ProducesProblems(400, 403, 404)
            .WithSummary("Chair: the programme's capacity (the track setting programmeCapacity) and how many talks hold a place now.");
    }
}

internal sealed record DecisionRequest(string? Decision, int? WaitlistRank, uint? Version);

internal sealed record DecisionsRequest(IReadOnlyList<DecisionItem> Decisions);

internal sealed record AcceptTopRequest(int Count, int? WaitlistCount, bool RejectRest);
