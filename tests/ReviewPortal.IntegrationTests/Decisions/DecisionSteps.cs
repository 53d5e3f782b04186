using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Assignment;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Decisions;

/// <summary>Steps of deciding as a chair takes them, through the API, and what is stored after.</summary>
public static class DecisionSteps
{
    public static Task<HttpResponseMessage> PutDecisionAsync(HttpClient client, Guid proposalId, object body) =>
        client.PutAsJsonAsync($"/api/v1/proposals/{proposalId}/decision", body);

    /// <summary>Decides and expects 200; returns the decision state answered.</summary>
    public static async Task<JsonElement> DecideAsync(HttpClient client, Guid proposalId, string decision, int? waitlistRank = null, uint? version = null) =>
        await Problems.JsonAsync(await PutDecisionAsync(client, proposalId, new { decision, waitlistRank, version }));

    public static Task<HttpResponseMessage> PostDecisionsAsync(HttpClient client, Guid trackId, object body) =>
        client.PostAsJsonAsync($"/api/v1/tracks/{trackId}/decisions", body);

    public static Task<Submission> StoredAsync(ReviewPortalApp app, Guid proposalId) =>
        app.WithDbAsync(db => db.Submissions.AsNoTracking().SingleAsync(s => s.Id == proposalId));

    public static async Task<IReadOnlyList<(SubmissionStatus Status, int? Rank)>> StatesAsync(ReviewPortalApp app, IEnumerable<Guid> ids)
    {
        var list = ids.ToList();
        var rows = await app.WithDbAsync(db => db.Submissions.AsNoTracking().Where(s => list.Contains(s.Id)).ToListAsync());
        return list.Select(id => rows.Single(r => r.Id == id)).Select(r => (r.Status, r.WaitlistRank)).ToList();
    }

    public static async Task<Guid> PersonIdAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetGuid();

    /// <summary>Seats a second chair on the track (signed in).</summary>
    public static async Task<SeatedMember> SecondChairAsync(ReviewPortalApp app, ReviewTrack track)
    {
        var email = $"second-chair-{Guid.NewGuid():N}@example.org";
        var client = await Accounts.SignedInClientAsync(app, email, "Second Chair", "Elsewhere University");
        Assert.Equal(HttpStatusCode.OK, (await track.Chair.PostAsJsonAsync($"/api/v1/tracks/{track.TrackId}/committee", new { email, role = "Chair" })).StatusCode);
        return new SeatedMember(client, await PersonIdAsync(client), email, "Second Chair");
    }

    /// <summary>The chair records a conflict of interest between a committee member (or chair) and a proposal.</summary>
    public static async Task ConflictAsync(ReviewTrack track, Guid proposalId, Guid personId) =>
        Assert.Equal(HttpStatusCode.Created, (await track.Chair.PostAsJsonAsync($"/api/v1/proposals/{proposalId}/conflicts/chair",
            new { personId, reason = "Co-author of the speaker." })).StatusCode);

    /// <summary>Releases one decision as the release use case does (DecisionLetters.ReleaseAsync in a scope of its own).</summary>
    public static async Task ReleaseAsync(ReviewPortalApp app, Guid proposalId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReviewPortal.Infrastructure.Data.ApplicationDbContext>();
        var letters = scope.ServiceProvider.GetRequiredService<ReviewPortal.Application.Features.Decisions.DecisionLetters>();
        var submission = await db.Submissions.Include(s => s.Track).ThenInclude(t => t.Conference).Include(s => s.Speakers).SingleAsync(s => s.Id == proposalId);
        await letters.ReleaseAsync(submission, promotedFromWaitlist: false, CancellationToken.None);
        await db.SaveChangesAsync();
    }
}
