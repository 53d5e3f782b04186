using Mediator;
using ReviewPortal.Application.Features.Committee;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Web.Endpoints;

/// <summary>Committee invitations (chairs invite, invitees answer), member profiles per track, and one's assignments.</summary>
internal static class CommitteeEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var committee = api.MapGroup("").RequireAuthorization().WithTags("Committee");

        committee.MapPost("/tracks/{trackId:guid}/invitations/preview", async (Guid trackId, InvitationRequest body, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new PreviewInvitationConflicts(trackId, body.Email, body.Name, body.Affiliation, body.PastAffiliations, body.EmailDomains), ct)))
            .WithName("PreviewInvitationConflicts")
            .ProducesProblems(400, 403, 404)
            .WithSummary("The conflicts of interest the invitee would have with the track's proposals, each with its reason; nothing is stored or sent.");

        committee.MapPost("/tracks/{trackId:guid}/invitations", async (Guid trackId, InvitationRequest body, IMediator m, CancellationToken ct) =>
            {
                var sent = await m.Send(new InviteCommitteeMember(trackId, body.Email, body.Name, body.Role, body.Affiliation, body.PastAffiliations, body.EmailDomains), ct);
                return TypedResults.Created($"/api/v1/tracks/{trackId}/invitations", sent);
            })
            .WithName("InviteCommitteeMember")
            .ProducesProblems(400, 403, 404)
            .WithSummary("Invite someone by e-mail (201); the mail has a single-use link that expires. An open invitation to the same address is replaced (its link stops working). An address already on the committee is refused (400).");

        committee.MapGet("/tracks/{trackId:guid}/invitations", async (Guid trackId, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ListInvitations(trackId), ct)))
            .WithName("ListInvitations")
            .ProducesProblems(400, 403, 404)
            .WithSummary("The track's invitations, newest first, with their state: Pending, Accepted, Declined, Revoked or Expired.");

        committee.MapDelete("/invitations/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new RevokeInvitation(id), ct);
                return TypedResults.NoContent();
            })
            .WithName("RevokeInvitation")
            .ProducesProblems(400, 403, 404, 409)
            .WithSummary("Withdraw an unanswered invitation (204); its link stops working. An answered one cannot be withdrawn (409).");

        committee.MapPost("/invitations/{id:guid}/resend", async (Guid id, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ResendInvitation(id), ct)))
            .WithName("ResendInvitation")
            .ProducesProblems(400, 403, 404, 409)
            .WithSummary("Send a pending or expired invitation again with a new link and expiry; the old link stops working.");

        committee.MapPost("/invitations/accept", async (InvitationTokenRequest body, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new AcceptInvitation(body.Token), ct)))
            .WithName("AcceptInvitation")
            .ProducesProblems(400, 404, 409)
            .WithSummary("Accept with the signed-in account (any of yours): seats it on the track with the invited role. Single use; an expired, withdrawn or answered invitation is refused (409).");

        api.MapPost("/invitations/decline", async (InvitationTokenRequest body, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new DeclineInvitation(body.Token), ct);
                return TypedResults.NoContent();
            })
            .WithTags("Committee")
            .WithName("DeclineInvitation")
            .ProducesProblems(400, 404, 409)
            .WithSummary("Decline (204); no account needed, the token is the proof. Final.");

        committee.MapGet("/tracks/{trackId:guid}/committee/me/profile", async (Guid trackId, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new GetMyCommitteeProfile(trackId), ct)))
            .WithName("GetMyCommitteeProfile")
            .ProducesProblems(400, 403, 404);

        committee.MapPut("/tracks/{trackId:guid}/committee/me/profile", async (Guid trackId, CommitteeProfileRequest body, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new UpdateMyCommitteeProfile(trackId, body.Affiliations, body.EmailDomains, body.ExpertiseTopics, body.ExpertiseKeywords, body.MaxLoad), ct);
                return TypedResults.Ok(await m.Send(new GetMyCommitteeProfile(trackId), ct));
            })
            .WithName("UpdateMyCommitteeProfile")
            .ProducesProblems(400, 403, 404)
            .WithSummary("Set your profile on the track: affiliations (no toYear = current), e-mail domains, expertise topics (from the track's list) and keywords, maximum load (null = balanced default). The track's conflicts are recomputed.");

        committee.MapGet("/tracks/{trackId:guid}/committee/profiles", async (Guid trackId, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ListCommitteeProfiles(trackId), ct)))
            .WithName("ListCommitteeProfiles")
            .ProducesProblems(400, 403, 404)
            .WithSummary("Every member's profile (chair only).");

        committee.MapPut("/tracks/{trackId:guid}/committee/{memberId:guid}/profile", async (Guid trackId, Guid memberId, MaxLoadRequest body, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new SetMemberMaxLoad(trackId, memberId, body.MaxLoad), ct);
                var profiles = await m.Send(new ListCommitteeProfiles(trackId), ct);
                return TypedResults.Ok(profiles.Single(p => p.MemberId == memberId));
            })
            .WithName("SetMemberMaxLoad")
            .ProducesProblems(400, 403, 404)
            .WithSummary("The chair sets a member's maximum load (null = balanced default); audited.");

        committee.MapGet("/me/assignments", async (IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ListMyAssignments(), ct)))
            .WithName("ListMyAssignments")
            .WithSummary("The caller's assigned proposals across all tracks, as far as the visibility policy shows them (never a conflicted one).");
    }
}

internal sealed record InvitationRequest(
    string Email,
    string Name,
    CommitteeRole Role = CommitteeRole.Reviewer,
    string? Affiliation = null,
    IReadOnlyList<AffiliationInput>? PastAffiliations = null,
    IReadOnlyList<string>? EmailDomains = null);

internal sealed record InvitationTokenRequest(string Token);

internal sealed record CommitteeProfileRequest(
    IReadOnlyList<AffiliationInput>? Affiliations,
    IReadOnlyList<string>? EmailDomains,
    IReadOnlyList<string>? ExpertiseTopics,
    IReadOnlyList<string>? ExpertiseKeywords,
    int? MaxLoad);

internal sealed record MaxLoadRequest(int? MaxLoad);
