using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Assignment;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Reviews;

/// <summary>Steps of the reading side: who reads which review, and the track settings that decide it.</summary>
public static class ReviewReadingSteps
{
    public const string HiddenHeader = "X-Reviews-Hidden";

    public static Task<HttpResponseMessage> GetReviewsAsync(HttpClient client, Guid proposalId) =>
        client.GetAsync(new Uri($"/api/v1/proposals/{proposalId}/reviews", UriKind.Relative));

    /// <summary>The reviews the caller reads (200), and the reason header if any.</summary>
    public static async Task<(List<JsonElement> Reviews, string? Hidden, string Body)> ReadReviewsAsync(HttpClient client, Guid proposalId)
    {
        var response = await GetReviewsAsync(client, proposalId);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        var hidden = response.Headers.TryGetValues(HiddenHeader, out var values) ? string.Join(" ", values) : null;
        return (JsonDocument.Parse(body).RootElement.EnumerateArray().ToList(), hidden, body);
    }

    public static IEnumerable<string?> Reviewers(IEnumerable<JsonElement> reviews) =>
        reviews.Select(r => r.GetProperty("reviewer").GetProperty("name").GetString());

    /// <summary>
    /// The track's review settings, arranged directly: the settings' use case is the write side's (h-reviews), and
    /// these tests are about what the reading side does with each value.
    /// </summary>
    public static Task SetTrackAsync(ReviewPortalApp app, Guid trackId, OthersReviewsVisibility? othersReviews = null, BlindMode? blind = null) =>
        app.WithDbAsync(async db =>
        {
            var track = await db.Tracks.SingleAsync(t => t.Id == trackId);
            track.OthersReviews = othersReviews ?? track.OthersReviews;
            track.BlindMode = blind ?? track.BlindMode;
            await db.SaveChangesAsync();
        });

    /// <summary>
    /// Decides and releases a proposal through the domain (<c>Submission.Decide</c>, <c>ReleaseDecision</c>) on the
    /// DbContext: issue 9 builds the decision use cases; until then this is how a test reaches "decision released".
    /// </summary>
    public static Task DecideAndReleaseAsync(ReviewPortalApp app, Guid proposalId, SubmissionStatus decision, bool release = true) =>
        app.WithDbAsync(async db =>
        {
            var submission = await db.Submissions.Include(s => s.Track).SingleAsync(s => s.Id == proposalId);
            submission.Decide(decision, null, app.Clock.GetUtcNow());
            if (release)
                submission.ReleaseDecision(app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });

    /// <summary>Another signed-in member on the track (a second chair, or a member not assigned to anything).</summary>
    public static async Task<SeatedMember> SeatAsync(ReviewPortalApp app, ReviewTrack track, string name, string role = "Reviewer")
    {
        var email = $"seat-{Guid.NewGuid():N}@example.org";
        var client = await Accounts.SignedInClientAsync(app, email, name, "Elsewhere Org " + email[5..13]);
        var added = await track.Chair.PostAsJsonAsync($"/api/v1/tracks/{track.TrackId}/committee", new { email, role });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        return new SeatedMember(client, me.GetProperty("id").GetGuid(), email, name);
    }

    /// <summary>The member declares a conflict of interest on the proposal (active at once).</summary>
    public static async Task DeclareConflictAsync(HttpClient member, Guid proposalId) =>
        Assert.True((await member.PostAsJsonAsync($"/api/v1/proposals/{proposalId}/conflicts", new { reason = "We wrote it together." })).IsSuccessStatusCode);
}
