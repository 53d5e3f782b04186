using Mediator;
using ReviewPortal.Application.Features.Confirmations;

namespace ReviewPortal.Web.Endpoints;

/// <summary>
/// Speaker confirmation (speakers, signed in or with an API token), the chairs' handling of overdue offers and the
/// waitlist, and the track's confirmation settings. Times are wall-clock times in the conference's zone unless they
/// carry an offset or "Z".
/// </summary>
internal static class ConfirmationEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("").RequireAuthorization().WithTags("Confirmations");

        group.MapGet("/proposals/{id:guid}/confirmation", async (Guid id, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new GetProposalConfirmation(id), ct)))
            .WithName("GetConfirmation")
            .Produces<ConfirmationView>().ProducesProblems(401, 404)
            .WithSummary("The offer of an accepted talk and its answer (state Waiting | Confirmed | Declined | SlotReleased, due, unavailable, "
                + "absent speakers). Its speakers and the track's chairs; anyone else, a conflicted chair included, gets 404.");

        group.MapPost("/proposals/{id:guid}/confirm", async (Guid id, ConfirmRequest body, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new ConfirmTalk(null, id, body.Unavailable, body.AbsentSpeakerIds), ct)))
            .WithName("ConfirmTalk")
            .Produces<ConfirmationView>().ProducesProblems(400, 401, 404, 409)
            .WithSummary("A speaker confirms the accepted talk: unavailable [{ start, end }] over the conference days (at most 50), "
                + "absentSpeakerIds of co-speakers who will not come. Once; 409 when already answered or after the deadline (deadlineUtc).");

        group.MapPost("/proposals/{id:guid}/decline", async (Guid id, DeclineRequest body, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new DeclineTalk(null, id, body.Reason), ct)))
            .WithName("DeclineTalk")
            .Produces<ConfirmationView>().ProducesProblems(400, 401, 404, 409)
            .WithSummary("A speaker declines the accepted (or confirmed) talk with a reason; the first waitlisted talk is offered the slot "
                + "(automatically, or by the chair's click) and the chairs are told.");

        group.MapPost("/proposals/{id:guid}/confirmation/extend", async (Guid id, ExtendRequest body, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new ExtendConfirmation(id, body.Until), ct)))
            .WithName("ExtendConfirmation")
            .Produces<ConfirmationView>().ProducesProblems(400, 401, 403, 404, 409)
            .WithSummary("A chair gives the speakers until `until` to answer. 409 when they have answered already.");

        group.MapPost("/proposals/{id:guid}/confirmation/release-slot", async (Guid id, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new ReleaseSlot(id), ct)))
            .WithName("ReleaseSlot")
            .Produces<ConfirmationView>().ProducesProblems(401, 403, 404, 409)
            .WithSummary("A chair gives up the slot of a talk whose confirmation is overdue (409 before the deadline); the waitlist promotion follows.");

        group.MapPost("/tracks/{trackId:guid}/waitlist/promote", async (Guid trackId, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new PromoteFromWaitlist(trackId), ct)))
            .WithName("PromoteFromWaitlist")
            .Produces<PromotedProposal>().ProducesProblems(401, 403, 404, 409)
            .WithSummary("A chair offers a slot to the first talk of the waitlist: it is accepted and its speakers get the acceptance mail. 409 when the waitlist is empty.");

        group.MapGet("/tracks/{trackId:guid}/confirmations", async (Guid trackId, ConfirmationFilter? filter, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new ListConfirmations(trackId, filter ?? ConfirmationFilter.All), ct)))
            .WithName("ListConfirmations")
            .Produces<TrackConfirmations>().ProducesProblems(400, 401, 403, 404)
            .WithSummary("The chairs' list of offered talks (filter All | Waiting | Overdue | Confirmed | Declined) and the waitlist in order.");

        group.MapGet("/tracks/{trackId:guid}/settings/confirmation", async (Guid trackId, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new GetConfirmationSettings(trackId), ct)))
            .WithName("GetConfirmationSettings")
            .Produces<ConfirmationSettings>().ProducesProblems(401, 403, 404)
            .WithSummary("The track's confirmation deadline (wall-clock, conference zone), reminder days and waitlist promotion (Automatic | ChairConfirms).");

        group.MapPut("/tracks/{trackId:guid}/settings/confirmation", async (Guid trackId, ConfirmationSettings body, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new UpdateConfirmationSettings(trackId, body), ct)))
            .WithName("UpdateConfirmationSettings")
            .Produces<ConfirmationSettings>().ProducesProblems(400, 401, 403, 404)
            .WithSummary("Chairs set the confirmation deadline (null: none), reminder days (1–60, default 7 and 2) and the waitlist promotion.");
    }
}

internal sealed record ConfirmRequest(IReadOnlyList<UnavailableTime>? Unavailable, IReadOnlyList<Guid>? AbsentSpeakerIds);
internal sealed record DeclineRequest(string? Reason);
internal sealed record ExtendRequest(DateTime? Until);
