using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Tracks;

/// <summary>The chair removes committee members (their seat is kept, marked removed) and changes roles; a track keeps a chair.</summary>
public sealed class CommitteeTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private async Task<(HttpClient Chair, Guid TrackId, string ChairEmail)> TrackAsync()
    {
        var chairEmail = $"chair-{Guid.NewGuid():N}@example.org";
        var chair = await Accounts.SignedInClientAsync(app, chairEmail, "Chair Person");
        return (chair, await TestTracks.CreateAsync(app, chairEmail), chairEmail);
    }

    private async Task<(HttpClient Client, Guid MemberId)> SeatAsync(HttpClient chair, Guid trackId, string name, string role = "Reviewer")
    {
        var email = $"member-{Guid.NewGuid():N}@example.org";
        var client = await Accounts.SignedInClientAsync(app, email, name);
        var settings = await Problems.JsonAsync(await chair.PostAsJsonAsync($"/api/v1/tracks/{trackId}/committee", new { email, role }));
        var id = settings.GetProperty("committee").EnumerateArray().Single(m => m.GetProperty("email").GetString() == email).GetProperty("id").GetGuid();
        return (client, id);
    }

    private static IEnumerable<string?> Names(JsonElement settings) =>
        settings.GetProperty("committee").EnumerateArray().Select(m => m.GetProperty("name").GetString());

    [Fact]
    public async Task A_chair_removes_a_member_who_loses_access_while_their_seat_is_kept_and_the_removal_is_audited()
    {
        var (chair, trackId, _) = await TrackAsync();
        var (member, memberId) = await SeatAsync(chair, trackId, "Rita Reviewer", "Chair");
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync(new Uri($"/api/v1/tracks/{trackId}/settings", UriKind.Relative))).StatusCode);

        var removed = await chair.DeleteAsync(new Uri($"/api/v1/tracks/{trackId}/committee/{memberId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);

        var settings = await Problems.JsonAsync(await chair.GetAsync(new Uri($"/api/v1/tracks/{trackId}/settings", UriKind.Relative)));
        Assert.DoesNotContain("Rita Reviewer", Names(settings));
        await Problems.AssertAsync(await member.GetAsync(new Uri($"/api/v1/tracks/{trackId}/settings", UriKind.Relative)), HttpStatusCode.Forbidden);
        var seat = await app.WithDbAsync(db => db.CommitteeMembers.IgnoreQueryFilters().AsNoTracking().SingleAsync(m => m.Id == memberId));
        Assert.NotNull(seat.RemovedUtc);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.TrackId == trackId && a.Action == "track.committee-member-removed")));

        // Seated again later: the same seat comes back.
        var email = seat.PersonId;
        var person = await app.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Id == email));
        var again = await Problems.JsonAsync(await chair.PostAsJsonAsync($"/api/v1/tracks/{trackId}/committee", new { email = person.Email, role = "Reviewer" }));
        Assert.Equal(memberId, again.GetProperty("committee").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "Rita Reviewer").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_chair_makes_a_reviewer_a_chair_and_the_track_always_keeps_one_chair()
    {
        var (chair, trackId, chairEmail) = await TrackAsync();
        var (member, memberId) = await SeatAsync(chair, trackId, "Rob Reviewer");
        var chairId = await app.WithDbAsync(db => db.CommitteeMembers.Where(m => m.TrackId == trackId && m.Person.Email == chairEmail).Select(m => m.Id).SingleAsync());

        // The only chair can be neither demoted nor removed.
        var demote = await Problems.AssertAsync(await chair.PutAsJsonAsync($"/api/v1/tracks/{trackId}/committee/{chairId}", new { role = "Reviewer" }), HttpStatusCode.Conflict);
        Assert.Contains("only chair", demote.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Problems.AssertAsync(await chair.DeleteAsync(new Uri($"/api/v1/tracks/{trackId}/committee/{chairId}", UriKind.Relative)), HttpStatusCode.Conflict);
        await Problems.AssertAsync(await chair.PostAsJsonAsync($"/api/v1/tracks/{trackId}/committee", new { email = chairEmail, role = "Reviewer" }), HttpStatusCode.Conflict);

        var promoted = await Problems.JsonAsync(await chair.PutAsJsonAsync($"/api/v1/tracks/{trackId}/committee/{memberId}", new { role = "Chair" }));
        Assert.Equal("Chair", promoted.GetProperty("committee").EnumerateArray().Single(m => m.GetProperty("id").GetGuid() == memberId).GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync(new Uri($"/api/v1/tracks/{trackId}/settings", UriKind.Relative))).StatusCode);

        // Now there are two chairs, the first can step down.
        await Problems.JsonAsync(await member.PutAsJsonAsync($"/api/v1/tracks/{trackId}/committee/{chairId}", new { role = "Reviewer" }));
        await Problems.AssertAsync(await chair.GetAsync(new Uri($"/api/v1/tracks/{trackId}/settings", UriKind.Relative)), HttpStatusCode.Forbidden);
        var roles = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.TrackId == trackId && a.Action == "track.committee-role-changed").CountAsync());
        Assert.Equal(2, roles);

        await Problems.AssertAsync(await member.DeleteAsync(new Uri($"/api/v1/tracks/{trackId}/committee/{Guid.NewGuid()}", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Someone_who_is_not_the_chair_can_neither_remove_nor_change_a_member()
    {
        var (chair, trackId, _) = await TrackAsync();
        var (reviewer, memberId) = await SeatAsync(chair, trackId, "Rae Reviewer");
        await Problems.AssertAsync(await reviewer.DeleteAsync(new Uri($"/api/v1/tracks/{trackId}/committee/{memberId}", UriKind.Relative)), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await reviewer.PutAsJsonAsync($"/api/v1/tracks/{trackId}/committee/{memberId}", new { role = "Chair" }), HttpStatusCode.Forbidden);
        Assert.Equal(CommitteeRole.Reviewer, await app.WithDbAsync(db => db.CommitteeMembers.Where(m => m.Id == memberId).Select(m => m.Role).SingleAsync()));
    }

    [Fact]
    public async Task On_the_settings_page_the_chair_sets_a_role_and_removes_a_member()
    {
        var (chair, trackId, _) = await TrackAsync();
        var (_, memberId) = await SeatAsync(chair, trackId, "Page Reviewer");

        var page = await HtmlPage.GetAsync(chair, $"/Chair/{trackId}/Settings");
        var setRole = await page.SubmitAsync(chair, new Dictionary<string, string> { ["role"] = "Chair" }, $"form[action*='handler=ChangeRole'][action*='{memberId}']");
        Assert.True(HtmlPage.IsRedirect(setRole), $"Expected a redirect, got {setRole.StatusCode}");
        Assert.Equal(CommitteeRole.Chair, await app.WithDbAsync(db => db.CommitteeMembers.Where(m => m.Id == memberId).Select(m => m.Role).SingleAsync()));

        page = await HtmlPage.GetAsync(chair, $"/Chair/{trackId}/Settings");
        Assert.Contains("Page Reviewer is now a chair.", page.Text, StringComparison.Ordinal);
        var remove = await page.SubmitAsync(chair, new Dictionary<string, string>(), $"form[action*='handler=RemoveMember'][action*='{memberId}']");
        Assert.True(HtmlPage.IsRedirect(remove));
        page = await HtmlPage.GetAsync(chair, $"/Chair/{trackId}/Settings");
        Assert.Contains("Page Reviewer is no longer on the committee.", page.Text, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector($"form[action*='{memberId}']"));
    }
}
