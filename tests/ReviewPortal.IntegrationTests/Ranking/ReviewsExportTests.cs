using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Reviews;
using ReviewPortal.IntegrationTests.Api;
using ReviewPortal.IntegrationTests.Infrastructure;
using static ReviewPortal.IntegrationTests.Ranking.WorkedExample;
using static ReviewPortal.IntegrationTests.Reviews.ReviewSteps;

namespace ReviewPortal.IntegrationTests.Ranking;

/// <summary><c>GET /api/v1/tracks/{id}/reviews/export.csv</c>: every submitted review, one row each, as the downloader may see it.</summary>
public sealed class ReviewsExportTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private static async Task<List<Dictionary<string, string>>> CsvAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var records = Parse(text);
        var header = records[0];
        var rows = records.Skip(1).Select(r => header.Select((h, i) => (h, i < r.Count ? r[i] : "")).ToDictionary(x => x.h, x => x.Item2)).ToList();
        rows.Add(header.ToDictionary(h => "#header:" + h, h => h)); // the last entry carries the header, for the column checks
        return rows;
    }

    /// <summary>RFC 4180 as a spreadsheet reads it: quoted fields may hold commas, quotes ("") and line breaks.</summary>
    private static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (ch is '\r') { }
            else if (ch == '\n') { record.Add(field.ToString()); field.Clear(); records.Add(record); record = []; }
            else field.Append(ch);
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }

    [Fact]
    public async Task The_chair_downloads_one_row_per_submitted_review_with_every_column_and_no_drafts()
    {
        var example = await CreateAsync(app);
        // A criterion the chair asks for, answered by Ana on C; a formula in a comment is written as text.
        var criterionId = Guid.CreateVersion7();
        await app.WithDbAsync(async db =>
        {
            db.ScoreCriteria.Add(new ScoreCriterion { Id = criterionId, TrackId = example.Track.TrackId, Name = "Relevance", ScaleMin = 1, ScaleMax = 5, Weight = 1, Order = 0 });
            await db.SaveChangesAsync();
        });
        var c = await Problems.JsonAsync(await example.Ana.Client.GetAsync(new Uri($"/api/v1/proposals/{example.C}/review", UriKind.Relative)));
        await SaveAsync(example.Ana.Client, example.C, 3, 4, submit: true, version: VersionOf(c), speakers: "=HYPERLINK(\"x\")",
            committee: "Fine.", criteria: new Dictionary<string, int?> { ["Relevance"] = 5 });

        var rows = await CsvAsync(await example.Track.Chair.GetAsync(new Uri($"/api/v1/tracks/{example.Track.TrackId}/reviews/export.csv", UriKind.Relative)));
        var header = rows[^1].Values.ToList();
        rows.RemoveAt(rows.Count - 1);
        Assert.Equal(["proposal_id", "title", "speakers", "reviewer", "score", "confidence", "criterion: Relevance", "total",
            "comments_for_speakers", "comments_for_committee", "submitted", "submitted_utc"], header);
        Assert.Equal(9, rows.Count); // Cem's draft of A is not there
        Assert.DoesNotContain(rows, r => r["comments_for_committee"] == "not sure yet");

        var anaOnC = rows.Single(r => r["proposal_id"] == example.C.ToString() && r["reviewer"] == example.Ana.Name);
        Assert.Equal(("3", "4", "5", "4"), (anaOnC["score"], anaOnC["confidence"], anaOnC["criterion: Relevance"], anaOnC["total"]));
        Assert.Equal("'=HYPERLINK(\"x\")", anaOnC["comments_for_speakers"]);
        Assert.Equal("Fine.", anaOnC["comments_for_committee"]);
        Assert.Equal("Sam Speaker", anaOnC["speakers"]);
        Assert.Contains("(America/New_York)", anaOnC["submitted"], StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(anaOnC["submitted_utc"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var utc));
        Assert.Equal(TimeSpan.Zero, utc.Offset);
        var benOnA = rows.Single(r => r["proposal_id"] == example.A.ToString() && r["reviewer"] == example.Ben.Name);
        Assert.Equal(("5", "", "5"), (benOnA["score"], benOnA["criterion: Relevance"], benOnA["total"]));
    }

    [Fact]
    public async Task In_blind_mode_the_chairs_export_still_names_the_speakers_and_a_conflicted_chairs_leaves_the_proposal_out()
    {
        var example = await CreateAsync(app);
        await app.WithDbAsync(async db =>
        {
            var track = await db.Tracks.SingleAsync(t => t.Id == example.Track.TrackId);
            track.BlindMode = BlindMode.SpeakersHidden;
            await db.SaveChangesAsync();
        });
        var url = new Uri($"/api/v1/tracks/{example.Track.TrackId}/reviews/export.csv", UriKind.Relative);
        var rows = await CsvAsync(await example.Track.Chair.GetAsync(url));
        rows.RemoveAt(rows.Count - 1);
        // The policy hides speakers from members in blind mode, not from chairs: the column follows the downloader's view.
        Assert.All(rows, r => Assert.Equal("Sam Speaker", r["speakers"]));

        var email = $"second-chair-{Guid.NewGuid():N}@example.org";
        var second = await Accounts.SignedInClientAsync(app, email, "Second Chair", "Elsewhere University");
        await AddChairAsync(example.Track, email);
        var secondId = (await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(second, "/api/v1/me")).GetProperty("id").GetGuid();
        var added = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(example.Track.Chair,
            $"/api/v1/proposals/{example.D}/conflicts/chair", new { personId = secondId, reason = "Same lab as the speaker." });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var theirs = await CsvAsync(await second.GetAsync(url));
        theirs.RemoveAt(theirs.Count - 1);
        Assert.Equal(6, theirs.Count);
        Assert.DoesNotContain(theirs, r => r["proposal_id"] == example.D.ToString());
    }

    [Fact]
    public async Task A_reviewer_gets_403_an_unknown_track_404_and_both_are_documented()
    {
        var example = await CreateAsync(app);
        var url = $"/api/v1/tracks/{example.Track.TrackId}/reviews/export.csv";
        var doc = new OpenApiDocumentTests.OpenApiDoc(await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(app.CreateClient(), "/openapi/v1.json"));
        var template = "/api/v1/tracks/{trackId}/reviews/export.csv";
        var reviewer = await example.Ben.Client.GetAsync(new Uri(url, UriKind.Relative));
        await Problems.AssertAsync(reviewer, HttpStatusCode.Forbidden);
        await doc.AssertDescribesAsync("get", template, await example.Ben.Client.GetAsync(new Uri(url, UriKind.Relative)));
        var unknown = await example.Track.Chair.GetAsync(new Uri($"/api/v1/tracks/{Guid.NewGuid()}/reviews/export.csv", UriKind.Relative));
        await Problems.AssertAsync(unknown, HttpStatusCode.NotFound);
        await doc.AssertDescribesAsync("get", template, await example.Track.Chair.GetAsync(new Uri(url, UriKind.Relative)));
    }
}
