using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Tracks;

/// <summary>The audit-log page: a chair reads their track's entries, an admin everything; filters and pages.</summary>
public sealed class AuditLogTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private async Task<(HttpClient Chair, Guid TrackId)> TrackWithChangesAsync(string memberName, int members = 1)
    {
        var chairEmail = $"chair-{Guid.NewGuid():N}@example.org";
        var chair = await Accounts.SignedInClientAsync(app, chairEmail, "Chair " + memberName);
        var trackId = await TestTracks.CreateAsync(app, chairEmail);
        for (var i = 0; i < members; i++)
        {
            var email = $"member-{Guid.NewGuid():N}@example.org";
            await Accounts.SignedInClientAsync(app, email, $"{memberName} {i}");
            await Problems.JsonAsync(await chair.PostAsJsonAsync($"/api/v1/tracks/{trackId}/committee", new { email, role = "Reviewer" }));
        }

        return (chair, trackId);
    }

    [Fact]
    public async Task A_chair_reads_the_audit_log_of_their_track_filtered_by_action_and_not_another_tracks_entries()
    {
        var (chair, trackId) = await TrackWithChangesAsync("Mine");
        var (_, otherTrack) = await TrackWithChangesAsync("Theirs");

        var page = await HtmlPage.GetAsync(chair, "/Audit");
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Contains("track.committee-member-set", page.Text, StringComparison.Ordinal);
        Assert.Contains("Chair Mine", page.Text, StringComparison.Ordinal); // who did it
        Assert.DoesNotContain("Theirs 0", page.Text, StringComparison.Ordinal);

        var filtered = await HtmlPage.GetAsync(chair, $"/Audit?trackId={trackId}&action=track.deadlines-changed");
        Assert.DoesNotContain("Mine 0", filtered.Text, StringComparison.Ordinal);
        Assert.Contains("No entries match", filtered.Text, StringComparison.Ordinal);

        var byActor = await HtmlPage.GetAsync(chair, $"/Audit?trackId={trackId}&actor=chair%20mine");
        Assert.Contains("Mine 0", byActor.Text, StringComparison.Ordinal);
        var nobody = await HtmlPage.GetAsync(chair, $"/Audit?trackId={trackId}&actor=somebody-else");
        Assert.Contains("No entries match", nobody.Text, StringComparison.Ordinal);

        var forbidden = await chair.GetAsync(new Uri($"/Audit?trackId={otherTrack}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task The_audit_log_pages_newest_first_and_filters_by_date()
    {
        var (chair, trackId) = await TrackWithChangesAsync("Pager");
        var memberId = await app.WithDbAsync(db =>
            db.CommitteeMembers.Where(m => m.TrackId == trackId && m.Person.DisplayName == "Pager 0").Select(m => m.Id).SingleAsync());
        for (var i = 0; i < 51; i++) // 1 seat + 51 role changes = 52 entries: two pages of 50
            await Problems.JsonAsync(await chair.PutAsJsonAsync($"/api/v1/tracks/{trackId}/committee/{memberId}", new { role = i % 2 == 0 ? "Chair" : "Reviewer" }));

        var first = await HtmlPage.GetAsync(chair, $"/Audit?trackId={trackId}");
        Assert.Contains("52 entries · page 1 of 2", first.Text, StringComparison.Ordinal);
        var firstRows = first.Document.QuerySelectorAll("table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(50, firstRows.Count);
        Assert.False(firstRows.Any(r => r.Contains("track.committee-member-set", StringComparison.Ordinal)), string.Join("\n", firstRows)); // the oldest is on page 2
        var older = first.Document.QuerySelector("nav.pager a")?.GetAttribute("href");
        Assert.NotNull(older);
        var second = await HtmlPage.GetAsync(chair, older);
        Assert.Contains("page 2 of 2", second.Text, StringComparison.Ordinal);
        Assert.Contains("track.committee-member-set", second.Document.QuerySelector("table")!.TextContent, StringComparison.Ordinal);

        var today = app.Clock.GetUtcNow().UtcDateTime;
        var past = await HtmlPage.GetAsync(chair, $"/Audit?trackId={trackId}&to={today.AddDays(-1):yyyy-MM-dd}");
        Assert.Contains("No entries match", past.Text, StringComparison.Ordinal);
        var upside = await HtmlPage.GetAsync(chair, $"/Audit?trackId={trackId}&from={today:yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}");
        Assert.Contains("The end date must not be before the start date.", upside.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_reads_every_tracks_entries_and_someone_who_chairs_nothing_is_refused()
    {
        await TrackWithChangesAsync("AdminSees");
        var admin = await Accounts.SignedInAdminAsync(app, $"admin-{Guid.NewGuid():N}@example.org", "Ada Admin");
        var page = await HtmlPage.GetAsync(admin, "/Audit?actor=chair%20adminsees");
        Assert.Contains("AdminSees 0", page.Text, StringComparison.Ordinal);

        var nobody = await Accounts.SignedInClientAsync(app, $"nobody-{Guid.NewGuid():N}@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await nobody.GetAsync(new Uri("/Audit", UriKind.Relative))).StatusCode);
    }
}
