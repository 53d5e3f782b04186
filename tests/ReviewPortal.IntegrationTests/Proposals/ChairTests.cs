using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Proposals;

public sealed class ChairTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>, IAsyncLifetime
{
    private Guid _trackId;
    private HttpClient _chair = null!;

    public async ValueTask InitializeAsync()
    {
        var chairEmail = $"chair-{Guid.NewGuid():N}@example.org";
        _chair = await Accounts.SignedInClientAsync(app, chairEmail, "Daniela Chair");
        _trackId = await TestTracks.CreateAsync(app, chairEmail);

        var alice = await Accounts.SignedInClientAsync(app, $"alice-{Guid.NewGuid():N}@example.org", "Alice Verifier");
        var bob = await Accounts.SignedInClientAsync(app, $"bob-{Guid.NewGuid():N}@example.org", "Bob Tracer");
        await Create(alice, "Verifier range analysis", ["verifier"], submit: true);
        await Create(alice, "Verifier loops", ["verifier"], submit: false); // a draft: never shown to the chair
        var withdrawn = await Create(bob, "Tracing with fentry", ["tracing"], submit: true);
        await Create(bob, "TCP_pacing in BPF", ["TCP", "tracing"], submit: true);
        await bob.PostAsync(new Uri($"/api/v1/proposals/{withdrawn}/withdraw", UriKind.Relative), null);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<Guid> Create(HttpClient client, string title, string[] topics, bool submit)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/tracks/{_trackId}/proposals",
            new { title, @abstract = $"About {title}.", notes = $"Notes on {title}.", topics, submit });
        return (await Problems.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    private async Task<JsonElement> List(string query = "") =>
        await Problems.JsonAsync(await _chair.GetAsync(new Uri($"/api/v1/tracks/{_trackId}/proposals{query}", UriKind.Relative)));

    private static List<string> Titles(JsonElement list) =>
        list.GetProperty("proposals").EnumerateArray().Select(p => p.GetProperty("title").GetString()!).ToList();

    [Fact]
    public async Task The_chair_sees_every_submitted_proposal_with_counts_per_state_but_no_drafts()
    {
        var all = await List();
        Assert.Equal(["Verifier range analysis", "Tracing with fentry", "TCP_pacing in BPF"], Titles(all));
        Assert.Equal(2, all.GetProperty("countsByStatus").GetProperty("Submitted").GetInt32());
        Assert.Equal(1, all.GetProperty("countsByStatus").GetProperty("Withdrawn").GetInt32());
        Assert.Equal(3, all.GetProperty("total").GetInt32());

        // The chair reads a proposal with its notes for the committee; a draft stays its speakers' own.
        var id = all.GetProperty("proposals")[0].GetProperty("id").GetGuid();
        var page = await HtmlPage.GetAsync(_chair, $"/Proposals/{id}");
        Assert.Contains("Notes on Verifier range analysis.", page.Text, StringComparison.Ordinal);
        var draft = await app.WithDbAsync(db => db.Submissions.Where(s => s.TrackId == _trackId && s.Title == "Verifier loops").Select(s => s.Id).SingleAsync());
        await Problems.AssertAsync(await _chair.GetAsync(new Uri($"/api/v1/proposals/{draft}", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_chair_filters_by_state_and_topic_and_searches_titles_and_speakers()
    {
        Assert.Equal(["Tracing with fentry"], Titles(await List("?status=Withdrawn")));
        Assert.Equal(["Tracing with fentry", "TCP_pacing in BPF"], Titles(await List("?topic=tracing")));
        Assert.Equal(["TCP_pacing in BPF"], Titles(await List("?topic=tracing&status=Submitted")));
        Assert.Equal(["Verifier range analysis"], Titles(await List("?q=RANGE")));
        Assert.Equal(["Tracing with fentry", "TCP_pacing in BPF"], Titles(await List("?q=bob%20tracer")));
        Assert.Empty(Titles(await List("?q=100%25"))); // a % in the search is a character, not a wildcard
        Assert.Equal(["TCP_pacing in BPF"], Titles(await List("?q=P_PACING")));
        Assert.Empty(Titles(await List("?q=tcp%20pacing"))); // nor is an _: it matches itself only

        var page = await HtmlPage.GetAsync(_chair, $"/Chair/{_trackId}/Proposals?topic=verifier");
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Contains("Verifier range analysis", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("TCP_pacing in BPF", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_who_does_not_chair_the_track_is_refused()
    {
        var speaker = await Accounts.SignedInClientAsync(app, $"nosy-{Guid.NewGuid():N}@example.org");
        await Problems.AssertAsync(await speaker.GetAsync(new Uri($"/api/v1/tracks/{_trackId}/proposals", UriKind.Relative)), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await speaker.GetAsync(new Uri($"/api/v1/tracks/{_trackId}/proposals/export.csv", UriKind.Relative)), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await app.CreateClient().GetAsync(new Uri($"/api/v1/tracks/{_trackId}/proposals", UriKind.Relative)), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_chair_exports_csv_and_json_and_importing_the_json_twice_does_not_duplicate()
    {
        var csvResponse = await _chair.GetAsync(new Uri($"/api/v1/tracks/{_trackId}/proposals/export.csv", UriKind.Relative));
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var csv = await csvResponse.Content.ReadAsStringAsync();
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,key,title,status", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.Contains("TCP_pacing in BPF", StringComparison.Ordinal) && l.Contains("TCP; tracing", StringComparison.Ordinal) && l.Contains("Bob Tracer <bob-", StringComparison.Ordinal));

        var json = await _chair.GetStringAsync(new Uri($"/api/v1/tracks/{_trackId}/proposals/export.json", UriKind.Relative));
        var document = JsonDocument.Parse(json).RootElement;
        Assert.Equal("reviewportal.proposals/v1", document.GetProperty("format").GetString());
        Assert.Equal(3, document.GetProperty("proposals").GetArrayLength());

        // Into the same track: everything is already there.
        var same = await Problems.JsonAsync(await _chair.PostAsync(new Uri($"/api/v1/tracks/{_trackId}/proposals/import", UriKind.Relative),
            new StringContent(json, System.Text.Encoding.UTF8, "application/json")));
        Assert.Equal(0, same.GetProperty("imported").GetInt32());
        Assert.Equal(3, same.GetProperty("alreadyPresent").GetInt32());

        // Into another track of the same chair: once, then not again.
        var chairEmail = (await _chair.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("email").GetString()!;
        var otherTrack = await TestTracks.CreateAsync(app, chairEmail);
        for (var run = 0; run < 2; run++)
        {
            var result = await Problems.JsonAsync(await _chair.PostAsync(new Uri($"/api/v1/tracks/{otherTrack}/proposals/import", UriKind.Relative),
                new StringContent(json, System.Text.Encoding.UTF8, "application/json")));
            Assert.Equal(run == 0 ? 3 : 0, result.GetProperty("imported").GetInt32());
        }

        Assert.Equal(3, await app.WithDbAsync(db => db.Submissions.CountAsync(s => s.TrackId == otherTrack)));
    }

    [Fact]
    public async Task On_the_chairs_page_a_broken_file_is_refused_and_an_export_imports_into_another_track()
    {
        var json = await _chair.GetStringAsync(new Uri($"/api/v1/tracks/{_trackId}/proposals/export.json", UriKind.Relative));
        var chairEmail = (await _chair.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("email").GetString()!;
        var otherTrack = await TestTracks.CreateAsync(app, chairEmail);

        async Task<HtmlPage> Upload(string content)
        {
            var page = await HtmlPage.GetAsync(_chair, $"/Chair/{otherTrack}/Proposals");
            var form = page.Document.QuerySelector("form[enctype='multipart/form-data']")!;
            using var body = new MultipartFormDataContent
            {
                { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
                { new StringContent(content, System.Text.Encoding.UTF8, "application/json"), "File", "proposals.json" },
            };
            var response = await _chair.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), body);
            if (HtmlPage.IsRedirect(response))
                return await HtmlPage.GetAsync(_chair, response.Headers.Location!.OriginalString);
            return await HtmlPage.ParseAsync(response);
        }

        var broken = await Upload("{ this is not json");
        Assert.Contains("This is not a ReviewPortal proposals file (JSON).", broken.Text, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Submissions.CountAsync(s => s.TrackId == otherTrack)));

        var imported = await Upload(json);
        Assert.Contains("Imported 3 proposals; 0 were already present.", imported.Text, StringComparison.Ordinal);
        var again = await Upload(json);
        Assert.Contains("Imported 0 proposals; 3 were already present.", again.Text, StringComparison.Ordinal);
        Assert.Equal(3, await app.WithDbAsync(db => db.Submissions.CountAsync(s => s.TrackId == otherTrack)));
    }

    [Fact]
    public async Task An_import_file_that_is_not_the_exchange_format_is_refused_and_changes_nothing()
    {
        var before = await app.WithDbAsync(db => db.Submissions.CountAsync());
        var response = await _chair.PostAsJsonAsync($"/api/v1/tracks/{_trackId}/proposals/import",
            new { proposals = new[] { new { title = "", speakers = Array.Empty<object>() } } });
        var fields = await Problems.FieldsAsync(response);
        Assert.Contains("Document.Format", fields);
        Assert.Equal(before, await app.WithDbAsync(db => db.Submissions.CountAsync()));
    }
}
