using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Proposals;

/// <summary>The chair's list: sorting by any column, paging, refusing unknown filters, the way back from a proposal, the JSON download.</summary>
public sealed class ChairListTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>, IAsyncLifetime
{
    private Guid _trackId;
    private string _chairEmail = null!;
    private HttpClient _chair = null!;

    public async ValueTask InitializeAsync()
    {
        _chairEmail = $"chair-{Guid.NewGuid():N}@example.org";
        _chair = await Accounts.SignedInClientAsync(app, _chairEmail, "List Chair");
        _trackId = await TestTracks.CreateAsync(app, _chairEmail);

        // Imported with their own durations, speakers and submission times, so every column orders differently.
        var json = """
            {"format":"reviewportal.proposals/v1","proposals":[
              {"key":"a","title":"beta","abstract":".","durationMinutes":45,"submittedUtc":"2026-01-03T00:00:00Z","speakers":[{"name":"carol"}]},
              {"key":"b","title":"Alpha","abstract":".","durationMinutes":15,"submittedUtc":"2026-01-01T00:00:00Z","speakers":[{"name":"Bob"}]},
              {"key":"c","title":"Gamma","abstract":".","durationMinutes":30,"submittedUtc":"2026-01-02T00:00:00Z","speakers":[{"name":"alice"}]}]}
            """;
        var response = await _chair.PostAsync(new Uri($"/api/v1/tracks/{_trackId}/proposals/import", UriKind.Relative),
            new StringContent(json, Encoding.UTF8, "application/json"));
        await Problems.JsonAsync(response);
        await app.WithDbAsync(async db =>
        {
            var gamma = await db.Submissions.SingleAsync(s => s.TrackId == _trackId && s.Title == "Gamma");
            gamma.Withdraw(app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<JsonElement> List(string query = "") =>
        await Problems.JsonAsync(await _chair.GetAsync(new Uri($"/api/v1/tracks/{_trackId}/proposals{query}", UriKind.Relative)));

    private static List<string> Titles(JsonElement list) =>
        list.GetProperty("proposals").EnumerateArray().Select(p => p.GetProperty("title").GetString()!).ToList();

    [Theory]
    [InlineData("title", "asc", new[] { "Alpha", "beta", "Gamma" })]
    [InlineData("title", "desc", new[] { "Gamma", "beta", "Alpha" })]
    [InlineData("speakers", "asc", new[] { "Gamma", "Alpha", "beta" })]
    [InlineData("speakers", "desc", new[] { "beta", "Alpha", "Gamma" })]
    [InlineData("submitted", "asc", new[] { "Alpha", "Gamma", "beta" })]
    [InlineData("submitted", "desc", new[] { "beta", "Gamma", "Alpha" })]
    [InlineData("duration", "asc", new[] { "Alpha", "Gamma", "beta" })]
    [InlineData("duration", "desc", new[] { "beta", "Gamma", "Alpha" })]
    [InlineData("state", "asc", new[] { "Alpha", "beta", "Gamma" })]
    [InlineData("state", "desc", new[] { "Gamma", "Alpha", "beta" })]
    public async Task The_chair_sorts_by_any_column_case_insensitively(string sort, string dir, string[] expected)
    {
        Assert.Equal(expected, Titles(await List($"?sort={sort}&dir={dir}")));
    }

    [Fact]
    public async Task The_column_headers_on_the_page_sort_the_list_and_keep_the_filters()
    {
        var page = await HtmlPage.GetAsync(_chair, $"/Chair/{_trackId}/Proposals?topic=&q=a&sort=title&dir=asc");
        var rows = page.Document.QuerySelectorAll("table.list tbody tr td:first-child a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Alpha", "beta", "Gamma"], rows);

        var titleHeader = page.Document.QuerySelector("th[aria-sort] a")!;
        Assert.Equal("ascending", page.Document.QuerySelector("th[aria-sort]")!.GetAttribute("aria-sort"));
        var href = titleHeader.GetAttribute("href")!;
        Assert.Contains("dir=desc", href, StringComparison.Ordinal);
        Assert.Contains("q=a", href, StringComparison.Ordinal);

        var descending = await HtmlPage.GetAsync(_chair, href);
        Assert.Equal(["Gamma", "beta", "Alpha"],
            descending.Document.QuerySelectorAll("table.list tbody tr td:first-child a").Select(a => a.TextContent.Trim()).ToList());
    }

    [Fact]
    public async Task An_unknown_state_filter_or_sort_is_refused_rather_than_ignored()
    {
        var fields = await Problems.FieldsAsync(await _chair.GetAsync(new Uri($"/api/v1/tracks/{_trackId}/proposals?status=Bogus", UriKind.Relative)));
        Assert.Contains("Status", fields);
        fields = await Problems.FieldsAsync(await _chair.GetAsync(new Uri($"/api/v1/tracks/{_trackId}/proposals?sort=colour&dir=up&page=0", UriKind.Relative)));
        Assert.Equal(["Dir", "Page", "Sort"], fields.Order(StringComparer.Ordinal));
        fields = await Problems.FieldsAsync(await _chair.GetAsync(new Uri($"/api/v1/tracks/{_trackId}/proposals?status=Draft", UriKind.Relative)));
        Assert.Contains("Status", fields);

        var page = await HtmlPage.GetAsync(_chair, $"/Chair/{_trackId}/Proposals?status=Bogus");
        Assert.Equal(HttpStatusCode.BadRequest, page.Response.StatusCode);
        Assert.Contains("Bogus", page.Document.QuerySelector(".filters .field-error")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Empty(page.Document.QuerySelectorAll("table.list tbody tr"));
    }

    [Fact]
    public async Task A_proposal_opened_from_the_list_links_back_to_the_list_with_its_filters()
    {
        var list = await HtmlPage.GetAsync(_chair, $"/Chair/{_trackId}/Proposals?status=Submitted&sort=title&dir=desc");
        var link = list.Document.QuerySelectorAll("table.list tbody tr td:first-child a")[0];
        var details = await HtmlPage.GetAsync(_chair, link.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, details.Response.StatusCode);

        var back = details.Document.QuerySelector("a[data-back]")!;
        Assert.Equal($"/Chair/{_trackId}/Proposals?status=Submitted&sort=title&dir=desc", back.GetAttribute("href"));

        // A return address that leaves the site is not offered.
        var id = link.GetAttribute("href")!.Split('?')[0];
        var evil = await HtmlPage.GetAsync(_chair, $"{id}?returnUrl={Uri.EscapeDataString("https://evil.example/")}");
        Assert.Null(evil.Document.QuerySelector("a[data-back]"));
        var protocolRelative = await HtmlPage.GetAsync(_chair, $"{id}?returnUrl={Uri.EscapeDataString("//evil.example/")}");
        Assert.Null(protocolRelative.Document.QuerySelector("a[data-back]"));
    }

    [Fact]
    public async Task The_json_export_downloads_as_a_file()
    {
        var response = await _chair.GetAsync(new Uri($"/api/v1/tracks/{_trackId}/proposals/export.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        Assert.EndsWith(".json", disposition?.FileName?.Trim('"') ?? disposition?.FileNameStar, StringComparison.Ordinal);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(3, document.GetProperty("proposals").GetArrayLength());
    }

    [Fact]
    public async Task With_ten_thousand_proposals_the_list_shows_pages_of_fifty_and_the_right_totals()
    {
        var chairEmail = $"chair-{Guid.NewGuid():N}@example.org";
        var chair = await Accounts.SignedInClientAsync(app, chairEmail, "Busy Chair");
        var trackId = await TestTracks.CreateAsync(app, chairEmail);
        await app.WithDbAsync(async db =>
        {
            var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < 10_000; i++)
            {
                var submission = new Submission
                {
                    TrackId = trackId, Title = $"Proposal {i:D5}", Abstract = ".", CreatedUtc = start, UpdatedUtc = start,
                    Topics = [i % 2 == 0 ? "tracing" : "verifier"],
                    Speakers = [new SubmissionSpeaker { Order = 0, Name = $"Speaker {i:D5}" }],
                };
                submission.MarkImportedAsSubmitted(start.AddMinutes(i));
                db.Submissions.Add(submission);
            }

            await db.SaveChangesAsync();
        });

        var first = await Problems.JsonAsync(await chair.GetAsync(new Uri($"/api/v1/tracks/{trackId}/proposals", UriKind.Relative)));
        Assert.Equal(50, first.GetProperty("proposals").GetArrayLength());
        Assert.Equal(10_000, first.GetProperty("total").GetInt32());
        Assert.Equal(10_000, first.GetProperty("matching").GetInt32());
        Assert.Equal(1, first.GetProperty("page").GetInt32());
        Assert.Equal(50, first.GetProperty("pageSize").GetInt32());
        Assert.Equal(200, first.GetProperty("pageCount").GetInt32());

        var filtered = await Problems.JsonAsync(await chair.GetAsync(new Uri($"/api/v1/tracks/{trackId}/proposals?topic=tracing&sort=title&dir=desc&page=3", UriKind.Relative)));
        Assert.Equal(5_000, filtered.GetProperty("matching").GetInt32());
        Assert.Equal(10_000, filtered.GetProperty("total").GetInt32());
        Assert.Equal("Proposal 09798", Titles(filtered)[0]);

        var page = await HtmlPage.GetAsync(chair, $"/Chair/{trackId}/Proposals?page=2");
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Equal(50, page.Document.QuerySelectorAll("table.list tbody tr").Length);
        Assert.Contains("Proposal 00050", page.Text, StringComparison.Ordinal);
        Assert.Contains("51–100 of 10,000", page.Text, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("a[rel=next]"));
        Assert.NotNull(page.Document.QuerySelector("a[rel=prev]"));
    }
}
