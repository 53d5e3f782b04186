using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.IntegrationTests.Api;
using ReviewPortal.IntegrationTests.Infrastructure;
using static ReviewPortal.IntegrationTests.Committee.CommitteeSteps;

namespace ReviewPortal.IntegrationTests.Committee;

/// <summary>
/// "My assignments": each member sees the proposals assigned to them (through the real manual-assign use case), never
/// someone else's, never one they are conflicted on.
/// </summary>
public sealed class MyAssignmentsTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private async Task<(HttpClient Client, Guid PersonId, string Email)> SeatAsync(HttpClient chair, Guid trackId, string name)
    {
        var email = NewEmail("member");
        var client = await Accounts.SignedInClientAsync(app, email, name);
        await Problems.JsonAsync(await chair.PostJsonAsync($"/api/v1/tracks/{trackId}/committee", new { email, role = "Reviewer" }));
        return (client, await app.WithDbAsync(db => db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync()), email);
    }

    private static async Task<Guid> SubmitAsync(HttpClient speaker, Guid trackId, string title, string topic) =>
        (await Problems.JsonAsync(await speaker.PostJsonAsync($"/api/v1/tracks/{trackId}/proposals",
            new { title, @abstract = "About " + title, topics = new[] { topic }, submit = true }), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private static async Task AssignAsync(HttpClient chair, Guid proposalId, Guid personId) =>
        Assert.True((await chair.PutAsync(new Uri($"/api/v1/proposals/{proposalId}/assignments/{personId}", UriKind.Relative), null)).IsSuccessStatusCode);

    [Fact]
    public async Task Each_member_sees_only_their_own_assignments_and_not_one_they_became_conflicted_on()
    {
        var (chair, trackId, _) = await TrackAsync(app);
        var (ann, annId, _) = await SeatAsync(chair, trackId, "Ann Assigned");
        var (bob, bobId, _) = await SeatAsync(chair, trackId, "Bob Other");
        var speaker = await Accounts.SignedInClientAsync(app, NewEmail("speaker"), "Spe Aker", affiliation: "Globex Corporation");
        var tcp = await SubmitAsync(speaker, trackId, "TCP pacing", "TCP");
        var xdp = await SubmitAsync(speaker, trackId, "XDP on the wire", "XDP/AF_XDP");
        var third = await SubmitAsync(speaker, trackId, "Only for Bob", "tracing");

        // Before anything is assigned: an empty list, and the page says what to expect.
        Assert.Empty((await Problems.JsonAsync(await ann.GetAsync(new Uri("/api/v1/me/assignments", UriKind.Relative)))).EnumerateArray());
        var empty = await HtmlPage.GetAsync(ann, "/Committee/Assignments");
        Assert.Contains("The chair has not assigned you proposals yet", empty.Text, StringComparison.Ordinal);

        Assert.True((await chair.PostAsync(new Uri($"/api/v1/tracks/{trackId}/review-phase/start", UriKind.Relative), null)).IsSuccessStatusCode);
        await AssignAsync(chair, tcp, annId);
        await AssignAsync(chair, xdp, annId);
        await AssignAsync(chair, third, bobId);

        var response = await ann.GetAsync(new Uri("/api/v1/me/assignments", UriKind.Relative));
        var doc = new OpenApiDocumentTests.OpenApiDoc(await app.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json"));
        await doc.AssertDescribesAsync("get", "/api/v1/me/assignments", response);
        var mine = (await Problems.JsonAsync(response)).EnumerateArray().ToList();
        Assert.Equal([tcp, xdp], mine.Select(a => a.GetProperty("proposalId").GetGuid()).Order());
        var first = mine.Single(a => a.GetProperty("proposalId").GetGuid() == tcp);
        Assert.Equal(trackId, first.GetProperty("trackId").GetGuid());
        Assert.Equal("TCP pacing", first.GetProperty("title").GetString());
        Assert.Equal("Manual", first.GetProperty("source").GetString());
        Assert.Equal(["TCP"], first.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.True(first.TryGetProperty("assignedUtc", out _));
        var bobs = (await Problems.JsonAsync(await bob.GetAsync(new Uri("/api/v1/me/assignments", UriKind.Relative)))).EnumerateArray().ToList();
        Assert.Equal(third, Assert.Single(bobs).GetProperty("proposalId").GetGuid());

        // The page, with the time in the conference's zone; the header links to it.
        var page = await HtmlPage.GetAsync(ann, "/Committee/Assignments");
        var table = page.Document.QuerySelector("#assignments")?.TextContent ?? "";
        Assert.Contains("TCP pacing", table, StringComparison.Ordinal);
        Assert.DoesNotContain("Only for Bob", table, StringComparison.Ordinal);
        Assert.Contains("America/New_York", table, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("nav.main-nav a[href='/Committee/Assignments']"));

        // Ann now works for the speaker's company: conflicted on all three talks, she no longer sees her assignments.
        await Problems.JsonAsync(await ann.PutAsJsonAsync($"/api/v1/tracks/{trackId}/committee/me/profile",
            new { affiliations = new[] { new { organisation = "Globex Corp" } } }));
        Assert.True(await app.WithDbAsync(db => db.Conflicts.AnyAsync(c => c.SubmissionId == tcp && c.PersonId == annId && c.Active)));
        Assert.Empty((await Problems.JsonAsync(await ann.GetAsync(new Uri("/api/v1/me/assignments", UriKind.Relative)))).EnumerateArray());
        Assert.DoesNotContain("TCP pacing", (await HtmlPage.GetAsync(ann, "/Committee/Assignments")).Text, StringComparison.Ordinal);
        // Her profile page lists the conflicts with their reasons.
        var conflicts = (await HtmlPage.GetAsync(ann, $"/Committee/Profile?trackId={trackId}")).Document.QuerySelector("#my-conflicts")?.TextContent ?? "";
        Assert.Contains("TCP pacing", conflicts, StringComparison.Ordinal);
        Assert.Contains("Globex", conflicts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_on_no_committee_sees_an_empty_list_and_an_anonymous_caller_gets_401()
    {
        var nobody = await Accounts.SignedInClientAsync(app, NewEmail("nobody"), "No Body");
        Assert.Empty((await Problems.JsonAsync(await nobody.GetAsync(new Uri("/api/v1/me/assignments", UriKind.Relative)))).EnumerateArray());
        await Problems.AssertAsync(await app.CreateClient().GetAsync(new Uri("/api/v1/me/assignments", UriKind.Relative)), HttpStatusCode.Unauthorized);
        var page = await HtmlPage.GetAsync(nobody, "/Committee/Assignments");
        Assert.Null(page.Document.QuerySelector("nav.main-nav a[href='/Committee/Assignments']"));
    }
}
