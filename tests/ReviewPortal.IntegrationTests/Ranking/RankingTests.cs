using System.Net;
using System.Net.Http.Json;
using ReviewPortal.IntegrationTests.Api;
using ReviewPortal.IntegrationTests.Infrastructure;
using static ReviewPortal.IntegrationTests.Ranking.WorkedExample;

namespace ReviewPortal.IntegrationTests.Ranking;

/// <summary>The chair's calibrated ranking through <c>GET /api/v1/tracks/{id}/ranking</c> and the page, on real PostgreSQL.</summary>
public sealed class RankingTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private const double Exact = 0.0005;

    [Fact]
    public async Task The_chair_sees_the_worked_example_calibrated_A_before_B_where_the_mean_puts_B_first()
    {
        var example = await CreateAsync(app);
        var rows = await RankingAsync(example.Track.Chair, example.Track.TrackId);
        Assert.Equal(4, rows.Count);

        // The doc's first table: plain statistics; Cem's draft of A counts nowhere (2 reviews in, 3 assigned).
        var a = Row(rows, example.A);
        Assert.Equal((2, 3), (a.GetProperty("reviewsIn").GetInt32(), a.GetProperty("assigned").GetInt32()));
        Assert.Equal(4.0, Number(a, "mean")!.Value, Exact);
        Assert.Equal(1.0, Number(a, "spread")!.Value, Exact);
        Assert.True(a.GetProperty("disagreement").GetBoolean());
        var b = Row(rows, example.B);
        Assert.Equal(4.5, Number(b, "mean")!.Value, Exact);
        Assert.Equal(4.5, Number(b, "median")!.Value, Exact);
        Assert.Equal(13.0 / 3, Number(b, "weightedMean")!.Value, Exact);
        Assert.Equal(0.5, Number(b, "spread")!.Value, Exact);
        Assert.False(b.GetProperty("disagreement").GetBoolean());
        var d = Row(rows, example.D);
        Assert.Equal(34.0 / 11, Number(d, "weightedMean")!.Value, Exact);
        Assert.True(d.GetProperty("disagreement").GetBoolean());

        // The second table: the exact solution of the normal equations, as fractions.
        Assert.Equal(5918.0 / 1387, Number(a, "calibrated")!.Value, Exact);
        Assert.Equal(5611.0 / 1387, Number(b, "calibrated")!.Value, Exact);
        Assert.Equal(4969.0 / 1387, Number(Row(rows, example.C), "calibrated")!.Value, Exact);
        Assert.Equal(221.0 / 73, Number(d, "calibrated")!.Value, Exact);

        // Ranked by the calibrated score: A, B, C, D (the default order, rank 1 first).
        Assert.Equal([example.A, example.B, example.C, example.D], rows.Select(r => r.GetProperty("proposalId").GetGuid()));
        Assert.Equal([1, 2, 3, 4], rows.Select(r => r.GetProperty("rank").GetInt32()));
    }

    [Fact]
    public async Task The_page_shows_the_calibrated_column_the_flags_the_offsets_and_three_charts()
    {
        var example = await CreateAsync(app);
        var page = await HtmlPage.GetAsync(example.Track.Chair, $"/Chair/{example.Track.TrackId}/Ranking");
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        var rows = page.Document.QuerySelectorAll("#ranking tbody tr");
        Assert.Equal(4, rows.Length);
        Assert.Contains("4.27", rows[0].QuerySelector("td[data-label='Calibrated']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, page.Document.QuerySelectorAll("#ranking tr.disagreement").Length);
        Assert.NotNull(page.Document.QuerySelector("#calibrated-meaning a[href='/Help/Ranking']"));

        // Per reviewer: Ana's offset −0.70 (harsh), Ben +0.17 (neutral), Cem +0.53 (lenient); done / assigned.
        var stats = page.Document.QuerySelectorAll("#reviewer-stats tbody tr").ToDictionary(
            r => r.QuerySelector("td[data-label='Member']")!.TextContent.Trim(),
            r => (Done: r.QuerySelector("td[data-label='Reviews done / assigned']")!.TextContent.Trim(),
                Offset: r.QuerySelector("td[data-label='Offset']")!.TextContent.Trim(),
                Leaning: r.QuerySelector("td[data-label='Leaning']")!.TextContent.Trim()));
        Assert.Equal(("3 / 3", "−0.70", "harsh"), stats[example.Ana.Name]);
        Assert.Equal(("3 / 3", "+0.17", "neutral"), stats[example.Ben.Name]);
        Assert.Equal(("3 / 4", "+0.53", "lenient"), stats[example.Cem.Name]);

        // Three charts, each with a title and a text description, scaled by a viewBox.
        var charts = page.Document.QuerySelectorAll("svg.chart");
        Assert.Equal(3, charts.Length);
        Assert.All(charts, c =>
        {
            Assert.NotNull(c.GetAttribute("viewBox"));
            Assert.False(string.IsNullOrWhiteSpace(c.QuerySelector("title")?.TextContent));
            Assert.False(string.IsNullOrWhiteSpace(c.QuerySelector("desc")?.TextContent));
        });
        Assert.Equal(9, charts[1].QuerySelectorAll("circle.dot").Length);
        Assert.Contains("1 (strong reject): 0", charts[0].QuerySelector("desc")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"{example.Cem.Name}: 3 of 4 submitted", charts[2].QuerySelector("desc")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ranking_sorts_and_filters_by_its_columns()
    {
        var example = await CreateAsync(app);
        var (chair, trackId) = (example.Track.Chair, example.Track.TrackId);
        static IEnumerable<Guid> Ids(IReadOnlyList<System.Text.Json.JsonElement> rows) => rows.Select(r => r.GetProperty("proposalId").GetGuid());

        Assert.Equal([example.B, example.A, example.C, example.D], Ids(await RankingAsync(chair, trackId, "?sort=mean&dir=desc")));
        Assert.Equal([example.A, example.B, example.C, example.D], Ids(await RankingAsync(chair, trackId, "?sort=calibrated&dir=desc")));
        Assert.Equal([example.D, example.C, example.B, example.A], Ids(await RankingAsync(chair, trackId, "?sort=rank&dir=desc")));
        Assert.Equal(example.A, Ids(await RankingAsync(chair, trackId, "?sort=SPREAD&dir=desc")).First());
        Assert.Equal([example.A, example.D], Ids(await RankingAsync(chair, trackId, "?disagreement=true")));
        Assert.Equal([example.B, example.C], Ids(await RankingAsync(chair, trackId, "?disagreement=false")));
        Assert.Equal([example.D], Ids(await RankingAsync(chair, trackId, "?minReviews=3")));
        Assert.Equal([example.B, example.C], Ids(await RankingAsync(chair, trackId, "?maxSpread=0.5")));
        Assert.Equal([example.A, example.B], Ids(await RankingAsync(chair, trackId, "?minCalibrated=4")));
        Assert.Equal([example.B], Ids(await RankingAsync(chair, trackId, "?minMean=4.5&maxWeightedMean=4.4")));
        Assert.Equal(4, (await RankingAsync(chair, trackId, "?state=UnderReview&topic=verifier")).Count);
        Assert.Empty(await RankingAsync(chair, trackId, "?state=Accepted"));
        Assert.Empty(await RankingAsync(chair, trackId, "?topic=tracing"));

        // The page's header links sort; its filter form filters.
        var page = await HtmlPage.GetAsync(chair, $"/Chair/{trackId}/Ranking?disagreement=true&sort=mean&dir=desc");
        Assert.Equal(2, page.Document.QuerySelectorAll("#ranking tbody tr").Length);
        Assert.Equal("descending", page.Document.QuerySelector("th[aria-sort]")!.GetAttribute("aria-sort"));
        Assert.Contains("sort=mean&dir=asc", page.Document.QuerySelector("th[aria-sort] a")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conflicted_chair_does_not_see_the_proposal_another_chair_does_and_both_get_the_same_model()
    {
        var example = await CreateAsync(app);
        var email = $"second-chair-{Guid.NewGuid():N}@example.org";
        var second = await Accounts.SignedInClientAsync(app, email, "Second Chair", "Elsewhere University");
        await AddChairAsync(example.Track, email);
        var secondId = (await second.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/me")).GetProperty("id").GetGuid();
        var added = await example.Track.Chair.PostAsJsonAsync($"/api/v1/proposals/{example.A}/conflicts/chair", new { personId = secondId, reason = "Co-author of the speaker." });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);

        var theirs = await RankingAsync(second, example.Track.TrackId);
        Assert.Equal([example.B, example.C, example.D], theirs.Select(r => r.GetProperty("proposalId").GetGuid()));
        Assert.Equal([1, 2, 3], theirs.Select(r => r.GetProperty("rank").GetInt32()));
        // A's reviews still take part in the fit: B's calibrated score is the same for both chairs.
        var mine = await RankingAsync(example.Track.Chair, example.Track.TrackId);
        Assert.Equal(4, mine.Count);
        Assert.Equal(Number(Row(mine, example.B), "calibrated")!.Value, Number(Row(theirs, example.B), "calibrated")!.Value, 1e-12);

        var page = await HtmlPage.GetAsync(second, $"/Chair/{example.Track.TrackId}/Ranking");
        Assert.Equal(3, page.Document.QuerySelectorAll("#ranking tbody tr").Length);
        Assert.Contains("1 proposal is left out: you have a conflict of interest", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Talk 0 about the verifier", page.Document.QuerySelector("#ranking")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reviewer_an_outsider_and_an_unknown_track_get_403_or_404()
    {
        var example = await CreateAsync(app);
        var url = $"/api/v1/tracks/{example.Track.TrackId}/ranking";
        await Problems.AssertAsync(await example.Ana.Client.GetAsync(new Uri(url, UriKind.Relative)), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await example.Track.Speaker.GetAsync(new Uri(url, UriKind.Relative)), HttpStatusCode.Forbidden);
        var unknown = await example.Track.Chair.GetAsync(new Uri($"/api/v1/tracks/{Guid.NewGuid()}/ranking", UriKind.Relative));
        await Problems.AssertAsync(unknown, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        // A chair of another track is no chair of this one.
        var other = await ReviewPortal.IntegrationTests.Assignment.ReviewTrack.CreateAsync(app, members: 0, proposals: 0, startReview: false);
        await Problems.AssertAsync(await other.Chair.GetAsync(new Uri(url, UriKind.Relative)), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, (await example.Ana.Client.GetAsync(new Uri($"/Chair/{example.Track.TrackId}/Ranking", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("?sort=score", "Sort")]
    [InlineData("?sort=mean%00", "Sort")]
    [InlineData("?dir=sideways", "Dir")]
    [InlineData("?state=Draft", "State")]
    [InlineData("?state=Nope", "State")]
    [InlineData("?disagreement=maybe", "Disagreement")]
    [InlineData("?minReviews=two", "MinReviews")]
    [InlineData("?minReviews=-1", "MinReviews")]
    [InlineData("?maxMean=NaN", "MaxMean")]
    [InlineData("?minCalibrated=1e400", "MinCalibrated")]
    [InlineData("?maxSpread=0,5", "MaxSpread")]
    [InlineData("?topic=%1B%5B31m", "Topic")]
    public async Task Hostile_query_parameters_get_400_naming_the_parameter(string query, string field)
    {
        var example = await CreateAsync(app);
        var response = await example.Track.Chair.GetAsync(new Uri($"/api/v1/tracks/{example.Track.TrackId}/ranking{query}", UriKind.Relative));
        Assert.Contains(field, await Problems.FieldsAsync(response));

        // The page (which has fewer filters) says the same next to its filter form, with a 400 and no rows.
        if (field is not ("Sort" or "Dir" or "State" or "Topic" or "Disagreement" or "MinReviews"))
            return;
        var page = await HtmlPage.GetAsync(example.Track.Chair, $"/Chair/{example.Track.TrackId}/Ranking{query}");
        Assert.Equal(HttpStatusCode.BadRequest, page.Response.StatusCode);
        Assert.Empty(page.Document.QuerySelectorAll("#ranking tbody tr"));
        Assert.NotEmpty(page.Document.QuerySelectorAll(".filters .field-error"));
    }

    [Fact]
    public async Task A_huge_topic_is_refused_and_the_ranking_endpoint_answers_as_documented()
    {
        var example = await CreateAsync(app);
        var url = $"/api/v1/tracks/{example.Track.TrackId}/ranking";
        var huge = await example.Track.Chair.GetAsync(new Uri($"{url}?topic={new string('x', 5000)}", UriKind.Relative));
        Assert.Contains("Topic", await Problems.FieldsAsync(huge));

        var doc = new OpenApiDocumentTests.OpenApiDoc(await app.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json"));
        var template = "/api/v1/tracks/{trackId}/ranking";
        await doc.AssertDescribesAsync("get", template, await example.Track.Chair.GetAsync(new Uri(url, UriKind.Relative)));
        await doc.AssertDescribesAsync("get", template, await example.Track.Chair.GetAsync(new Uri($"{url}?sort=nope", UriKind.Relative)));
        await doc.AssertDescribesAsync("get", template, await example.Ana.Client.GetAsync(new Uri(url, UriKind.Relative)));
        await doc.AssertDescribesAsync("get", template, await example.Track.Chair.GetAsync(new Uri($"/api/v1/tracks/{Guid.NewGuid()}/ranking", UriKind.Relative)));
    }
}
