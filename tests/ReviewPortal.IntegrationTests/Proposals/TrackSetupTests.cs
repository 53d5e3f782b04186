using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Proposals;

public sealed class TrackSetupTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private static object Settings(string name, DateTime opens, DateTime closes, DateTime reviews, string[]? topics = null) => new
    {
        name, description = "The **networking** track.", slotMinutes = 30, cfpOpens = opens, cfpCloses = closes, reviewDeadline = reviews,
        reviewersPerSubmission = 3, topics = topics ?? ["verifier", "tracing"], maxSpeakersPerProposal = 5, blindMode = "None", scoreMin = 1, scoreMax = 5,
    };

    [Fact]
    public async Task An_admin_creates_a_conference_and_track_and_its_chair_changes_a_deadline_which_is_audited()
    {
        var adminEmail = $"admin-{Guid.NewGuid():N}@example.org";
        var admin = await Accounts.SignedInAdminAsync(app, adminEmail, "Site Admin");
        var chairEmail = $"chair-{Guid.NewGuid():N}@example.org";
        var chair = await Accounts.SignedInClientAsync(app, chairEmail, "Track Chair");

        var slug = "conf" + Guid.NewGuid().ToString("N")[..6];
        var conference = await Problems.JsonAsync(await admin.PostAsJsonAsync("/api/v1/conferences",
            new { name = "Plumbers 2027", slug, timeZoneId = "Europe/Vienna", startDate = "2027-09-20", endDate = "2027-09-22" }), HttpStatusCode.Created);
        var conferenceId = conference.GetProperty("id").GetGuid();

        var created = await Problems.JsonAsync(await admin.PostAsJsonAsync($"/api/v1/conferences/{conferenceId}/tracks", new
        {
            slug = "networking",
            chairEmail,
            settings = Settings("Networking", new DateTime(2027, 3, 1, 9, 0, 0), new DateTime(2027, 6, 30, 23, 59, 0), new DateTime(2027, 7, 31, 23, 59, 0)),
        }), HttpStatusCode.Created);
        var trackId = created.GetProperty("trackId").GetGuid();
        // A wall-clock time in the conference's zone is stored in UTC: 23:59 CEST is 21:59 UTC.
        var closesUtc = await app.WithDbAsync(db => db.Tracks.Where(t => t.Id == trackId).Select(t => t.CfpClosesUtc).SingleAsync());
        Assert.Equal(new DateTimeOffset(2027, 6, 30, 21, 59, 0, TimeSpan.Zero), closesUtc);

        var page = await HtmlPage.GetAsync(app.CreateClient(), $"/c/{slug}/networking");
        Assert.Contains("Track Chair", page.Text, StringComparison.Ordinal);
        Assert.Contains("Wed 30 Jun 2027, 23:59 UTC+02:00 (Europe/Vienna)", page.Text, StringComparison.Ordinal);

        var version = created.GetProperty("version").GetUInt32();
        var updated = await Problems.JsonAsync(await chair.PutAsJsonAsync($"/api/v1/tracks/{trackId}/settings", new
        {
            version,
            settings = Settings("Networking", new DateTime(2027, 3, 1, 9, 0, 0), new DateTime(2027, 7, 7, 23, 59, 0), new DateTime(2027, 7, 31, 23, 59, 0)),
        }));
        Assert.NotEqual(version, updated.GetProperty("version").GetUInt32());

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityId == trackId && a.Action == "track.deadlines-changed"));
        Assert.Contains("2027-06-30T21:59:00", audit.Details, StringComparison.Ordinal);
        Assert.Contains("2027-07-07T21:59:00", audit.Details, StringComparison.Ordinal);

        // A stale version is a conflict, and changes nothing.
        await Problems.AssertAsync(await chair.PutAsJsonAsync($"/api/v1/tracks/{trackId}/settings", new
        {
            version,
            settings = Settings("Renamed", new DateTime(2027, 3, 1, 9, 0, 0), new DateTime(2027, 7, 7, 23, 59, 0), new DateTime(2027, 7, 31, 23, 59, 0)),
        }), HttpStatusCode.Conflict);
        Assert.Equal("Networking", await app.WithDbAsync(db => db.Tracks.Where(t => t.Id == trackId).Select(t => t.Name).SingleAsync()));

        // Even a stale save that would change nothing is a conflict: the editor has not seen the latest settings.
        await Problems.AssertAsync(await chair.PutAsJsonAsync($"/api/v1/tracks/{trackId}/settings", new
        {
            version,
            settings = Settings("Networking", new DateTime(2027, 3, 1, 9, 0, 0), new DateTime(2027, 7, 7, 23, 59, 0), new DateTime(2027, 7, 31, 23, 59, 0)),
        }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Only_admins_create_conferences_and_only_the_chair_edits_a_track()
    {
        var someone = await Accounts.SignedInClientAsync(app, $"someone-{Guid.NewGuid():N}@example.org");
        await Problems.AssertAsync(await someone.PostAsJsonAsync("/api/v1/conferences",
            new { name = "Mine", slug = "mine", timeZoneId = "UTC", startDate = "2027-01-01", endDate = "2027-01-02" }), HttpStatusCode.Forbidden);

        var chairEmail = $"chair-{Guid.NewGuid():N}@example.org";
        await Accounts.SignedInClientAsync(app, chairEmail);
        var trackId = await TestTracks.CreateAsync(app, chairEmail);
        var settings = await app.WithDbAsync(db => db.Tracks.Where(t => t.Id == trackId).Select(t => t.Version).SingleAsync());
        await Problems.AssertAsync(await someone.PutAsJsonAsync($"/api/v1/tracks/{trackId}/settings", new
        {
            version = settings,
            settings = Settings("Taken over", DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(5), DateTime.UtcNow.AddDays(9)),
        }), HttpStatusCode.Forbidden);
        Assert.False(await app.WithDbAsync(db => db.Conferences.AnyAsync(c => c.Slug == "mine")));
    }

    [Fact]
    public async Task Bad_track_settings_are_a_400_naming_the_fields()
    {
        var adminEmail = $"admin2-{Guid.NewGuid():N}@example.org";
        var admin = await Accounts.SignedInAdminAsync(app, adminEmail);

        Assert.Contains("TimeZoneId", await Problems.FieldsAsync(await admin.PostAsJsonAsync("/api/v1/conferences",
            new { name = "Bad zone", slug = "bad-zone", timeZoneId = "Mars/Olympus", startDate = "2027-01-01", endDate = "2027-01-02" })));

        var conference = await Problems.JsonAsync(await admin.PostAsJsonAsync("/api/v1/conferences",
            new { name = "Good", slug = "good" + Guid.NewGuid().ToString("N")[..6], timeZoneId = "UTC", startDate = "2027-01-01", endDate = "2027-01-02" }), HttpStatusCode.Created);
        var fields = await Problems.FieldsAsync(await admin.PostAsJsonAsync($"/api/v1/conferences/{conference.GetProperty("id").GetGuid()}/tracks", new
        {
            slug = "Not A Slug",
            chairEmail = "nobody@example.org",
            settings = Settings("", new DateTime(2027, 6, 1), new DateTime(2027, 5, 1), new DateTime(2027, 5, 2)),
        }));
        Assert.Contains("Slug", fields);
        Assert.Contains("ChairEmail", fields);
        Assert.Contains("Settings.Name", fields);
        Assert.Contains("Settings.CfpCloses", fields);

        // 02:30 on 14 March 2027 never happens in New York: the clocks jump from 02:00 to 03:00.
        var newYork = await Problems.JsonAsync(await admin.PostAsJsonAsync("/api/v1/conferences",
            new { name = "NY", slug = "ny" + Guid.NewGuid().ToString("N")[..6], timeZoneId = "America/New_York", startDate = "2027-05-01", endDate = "2027-05-02" }), HttpStatusCode.Created);
        var chairEmail = $"nychair-{Guid.NewGuid():N}@example.org";
        await Accounts.SignedInClientAsync(app, chairEmail);
        var gap = await Problems.AssertAsync(await admin.PostAsJsonAsync($"/api/v1/conferences/{newYork.GetProperty("id").GetGuid()}/tracks", new
        {
            slug = "gap",
            chairEmail,
            settings = Settings("Gap", new DateTime(2027, 1, 1), new DateTime(2027, 3, 14, 2, 30, 0), new DateTime(2027, 4, 1)),
        }), HttpStatusCode.BadRequest);
        Assert.Contains("does not exist in America/New_York", gap.GetProperty("errors").GetProperty("Settings.CfpCloses")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_edits_a_conference_and_its_deadlines_then_read_in_the_new_zone()
    {
        var adminEmail = $"admin3-{Guid.NewGuid():N}@example.org";
        var admin = await Accounts.SignedInAdminAsync(app, adminEmail);
        var slug = "edit" + Guid.NewGuid().ToString("N")[..6];
        var id = (await Problems.JsonAsync(await admin.PostAsJsonAsync("/api/v1/conferences",
            new { name = "Before", slug, timeZoneId = "America/New_York", startDate = "2027-01-10", endDate = "2027-01-12" }), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

        var edited = await Problems.JsonAsync(await admin.PutAsJsonAsync($"/api/v1/conferences/{id}",
            new { name = "After", timeZoneId = "Europe/Vienna", startDate = "2027-01-11", endDate = "2027-01-13" }));
        Assert.Equal("After", edited.GetProperty("name").GetString());
        Assert.Equal("Europe/Vienna", edited.GetProperty("timeZoneId").GetString());
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == id && a.Action == "conference.updated")));

        var someone = await Accounts.SignedInClientAsync(app, $"someone2-{Guid.NewGuid():N}@example.org");
        await Problems.AssertAsync(await someone.PutAsJsonAsync($"/api/v1/conferences/{id}",
            new { name = "Hijack", timeZoneId = "UTC", startDate = "2027-01-11", endDate = "2027-01-13" }), HttpStatusCode.Forbidden);

        var form = await HtmlPage.GetAsync(admin, $"/Admin/Conferences/{id}/Edit");
        var saved = await form.SubmitAsync(admin, new Dictionary<string, string> { ["Input.Name"] = "" });
        Assert.Contains("Input.Name", (await HtmlPage.ParseAsync(saved)).FieldErrors().Keys);
        Assert.Equal("After", await app.WithDbAsync(db => db.Conferences.Where(c => c.Id == id).Select(c => c.Name).SingleAsync()));
    }

    [Fact]
    public async Task A_speaker_edits_their_profile()
    {
        var client = await Accounts.SignedInClientAsync(app, $"profile-{Guid.NewGuid():N}@example.org", "Old Name");
        var profile = await Problems.JsonAsync(await client.PutAsJsonAsync("/api/v1/me/profile",
            new { displayName = "New Name", affiliation = "Isovalent", bio = "Works on BPF." }));
        Assert.Equal("New Name", profile.GetProperty("displayName").GetString());
        Assert.Equal("Isovalent", profile.GetProperty("affiliation").GetString());
        Assert.Contains("DisplayName", await Problems.FieldsAsync(await client.PutAsJsonAsync("/api/v1/me/profile", new { displayName = "" })));
    }
}
