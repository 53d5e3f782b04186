using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Features.Discussion;
using ReviewPortal.Domain.Outbox;
using ReviewPortal.IntegrationTests.Assignment;
using ReviewPortal.IntegrationTests.Infrastructure;
using ReviewPortal.IntegrationTests.Reviews;

namespace ReviewPortal.IntegrationTests.Discussion;

/// <summary>A small track with one proposal, three assigned members and one member not assigned to it.</summary>
public sealed record DiscussionTrack(ReviewTrack Track, Guid Proposal, SeatedMember Ann, SeatedMember Ben, SeatedMember Cat, SeatedMember Unassigned)
{
    public const string ChairName = "Carla Chair";

    public static async Task<DiscussionTrack> CreateAsync(ReviewPortalApp app)
    {
        var track = await ReviewTrack.CreateAsync(app, members: 4, proposals: 1);
        var proposal = track.Proposals[0];
        foreach (var member in track.Members.Take(3))
            await ReviewSteps.AssignAsync(track, proposal, member);
        return new DiscussionTrack(track, proposal, track.Members[0], track.Members[1], track.Members[2], track.Members[3]);
    }

    public async Task<string> ChairEmailAsync(ReviewPortalApp app) =>
        await app.WithDbAsync(db => db.People.Where(p => p.Id == Track.ChairId).Select(p => p.Email).SingleAsync());
}

public static class DiscussionSteps
{
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, Guid proposalId, object body) =>
        client.PostAsJsonAsync($"/api/v1/proposals/{proposalId}/discussion", body);

    public static async Task CommentAsync(HttpClient client, Guid proposalId, string body) =>
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(client, proposalId, new { body })).StatusCode);

    public static Task<HttpResponseMessage> ReadAsync(HttpClient client, Guid proposalId) =>
        client.GetAsync(new Uri($"/api/v1/proposals/{proposalId}/discussion", UriKind.Relative));

    public static Task<int> RunDigestAsync(ReviewPortalApp app) => app.SendAsSystemAsync(new SendDiscussionDigests());

    public static Task<List<OutboxMessage>> DigestsToAsync(ReviewPortalApp app, string email) =>
        app.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.ToAddress == email && m.Kind == "discussion.digest").OrderBy(m => m.CreatedUtc).ToListAsync());

    public static Task<int> CommentCountAsync(ReviewPortalApp app, Guid proposalId) =>
        app.WithDbAsync(db => db.DiscussionComments.CountAsync(c => c.SubmissionId == proposalId));
}
