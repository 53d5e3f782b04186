using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Proposals;

/// <summary>The CfP deadline is enforced on the server, with the app's clock moved to either side of it.</summary>
public sealed class DeadlineTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    [Fact]
    public async Task Editing_one_second_before_the_close_succeeds_and_after_it_fails_saying_when_it_closed_in_the_conference_zone()
    {
        var chair = $"chair-{Guid.NewGuid():N}@example.org";
        await Accounts.SignedInClientAsync(app, chair);
        var trackId = await TestTracks.CreateAsync(app, chair, closesIn: TimeSpan.FromHours(2));
        var closes = await app.WithDbAsync(db => db.Tracks.Where(t => t.Id == trackId).Select(t => t.CfpClosesUtc).SingleAsync());

        var client = await Accounts.SignedInClientAsync(app, $"late-{Guid.NewGuid():N}@example.org");
        var created = await Problems.JsonAsync(await client.PostJsonAsync($"/api/v1/tracks/{trackId}/proposals",
            new { title = "Just in time", @abstract = "Abstract.", topics = new[] { "TCP" }, submit = true }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();

        app.Clock.SetUtcNow(closes.AddSeconds(-1));
        var inTime = await client.PutAsJsonAsync($"/api/v1/proposals/{id}",
            new { version = created.GetProperty("version").GetUInt32(), title = "Just in time, edited", @abstract = "Abstract." });
        var edited = await Problems.JsonAsync(inTime);

        app.Clock.SetUtcNow(closes);
        var late = await client.PutAsJsonAsync($"/api/v1/proposals/{id}",
            new { version = edited.GetProperty("version").GetUInt32(), title = "Too late", @abstract = "Abstract." });
        var problem = await Problems.AssertAsync(late, HttpStatusCode.Conflict);
        var local = TimeZoneInfo.ConvertTime(closes, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("closed on", detail, StringComparison.Ordinal);
        Assert.Contains(local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), detail, StringComparison.Ordinal);
        Assert.Contains("(America/New_York)", detail, StringComparison.Ordinal);

        var lateSubmission = await client.PostJsonAsync($"/api/v1/tracks/{trackId}/proposals",
            new { title = "Late idea", @abstract = "Abstract.", submit = true });
        await Problems.AssertAsync(lateSubmission, HttpStatusCode.Conflict);

        Assert.Equal("Just in time, edited", await app.WithDbAsync(db => db.Submissions.Where(s => s.Id == id).Select(s => s.Title).SingleAsync()));
        Assert.False(await app.WithDbAsync(db => db.Submissions.AnyAsync(s => s.Title == "Late idea")));
    }
}
