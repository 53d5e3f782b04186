using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Reviews;
using ReviewPortal.IntegrationTests.Assignment;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Reviews;

/// <summary>Steps of the review stage as people take them, through the API.</summary>
public static class ReviewSteps
{
    public static async Task AssignAsync(ReviewTrack track, Guid proposalId, SeatedMember member) =>
        Assert.True((await track.Chair.PutAsync(new Uri($"/api/v1/proposals/{proposalId}/assignments/{member.PersonId}", UriKind.Relative), null)).IsSuccessStatusCode);

    public static Task<HttpResponseMessage> PutReviewAsync(HttpClient client, Guid proposalId, object body) =>
        client.PutAsJsonAsync($"/api/v1/proposals/{proposalId}/review", body);

    /// <summary>Saves and expects 200; returns the answer (with the new version).</summary>
    public static async Task<JsonElement> SaveAsync(HttpClient client, Guid proposalId, int? score, int? confidence, bool submit, uint version,
        string speakers = "", string committee = "", object? criteria = null) =>
        await Problems.JsonAsync(await PutReviewAsync(client, proposalId,
            new { score, confidence, criteria, commentsForSpeakers = speakers, commentsForCommittee = committee, submit, version }));

    public static uint VersionOf(JsonElement review) => review.GetProperty("version").GetUInt32();

    /// <summary>The stored review of a proposal by a member, or null (read behind the app's back, for the check after).</summary>
    public static Task<Review?> StoredAsync(ReviewPortalApp app, Guid proposalId, Guid personId) =>
        app.WithDbAsync(db => db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.SubmissionId == proposalId && r.PersonId == personId));

    public static Task<int> CountAsync(ReviewPortalApp app, Guid proposalId) =>
        app.WithDbAsync(db => db.Reviews.CountAsync(r => r.SubmissionId == proposalId));
}
