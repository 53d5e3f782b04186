using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.Domain.Scheduling;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Schedule;

/// <summary>The public schedule pages as an anonymous visitor sees them: only what was published, in the conference's zone.</summary>
public sealed class PublicSchedulePageTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private Task<HtmlPage> GetAsync(string url) => HtmlPage.GetAsync(app.CreateClient(), url);

    [Fact]
    public async Task The_track_page_shows_every_day_the_talks_at_their_times_in_the_conference_zone_with_breaks_exports_and_the_version()
    {
        var seeded = await PublishedSchedules.SeedAsync(app);
        var page = await GetAsync($"{seeded.TrackPath}/schedule");

        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Contains("America/New_York", page.Text, StringComparison.Ordinal);
        Assert.Equal(3, page.Document.QuerySelectorAll("section.schedule-day").Length);
        Assert.Equal(39, page.Document.QuerySelectorAll("article.schedule-talk").Length);
        var opening = page.Document.QuerySelectorAll("article.schedule-talk").Single(a => a.TextContent.Contains("Opening remarks", StringComparison.Ordinal));
        var start = opening.QuerySelector("time")!;
        Assert.Equal("2023-11-13T14:25:00Z", start.GetAttribute("datetime"));
        Assert.Equal("09:25", start.TextContent);
        Assert.Contains("Daniel Borkmann (Isovalent)", opening.TextContent, StringComparison.Ordinal);
        Assert.Contains("Lunch", page.Text, StringComparison.Ordinal);
        Assert.Contains("version 1, published", page.Text, StringComparison.Ordinal);
        var exports = page.Document.QuerySelectorAll("a[data-export]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"{seeded.TrackPath}/schedule.ics", $"{seeded.TrackPath}/schedule.xml", $"{seeded.TrackPath}/schedule.json", $"{seeded.TrackPath}/schedule.csv"], exports);
        foreach (var url in exports)
            Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(new Uri(url!, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_talk_page_shows_its_speakers_with_affiliations_and_the_abstract_rendered_and_sanitised()
    {
        var seeded = await PublishedSchedules.SeedAsync(app);
        var slots = seeded.Slots.ToList();
        slots[3].Abstract = "Uses **bpf_loop** heavily.\n\n<script>alert('x')</script>";
        await PublishedSchedules.PublishAsync(app, seeded, 2, slots);

        var schedule = await GetAsync($"{seeded.TrackPath}/schedule");
        var link = schedule.Document.QuerySelectorAll("article.schedule-talk a").Single(a => a.TextContent == slots[3].Title).GetAttribute("href")!;
        var page = await GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Equal(slots[3].Title, page.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal("bpf_loop", page.Document.QuerySelector(".abstract strong")!.TextContent);
        Assert.Null(page.Document.QuerySelector(".abstract script"));
        foreach (var speaker in slots[3].Speakers)
            Assert.Contains(speaker.Affiliation is null ? speaker.Name : $"{speaker.Name}, {speaker.Affiliation}", page.Text, StringComparison.Ordinal);
        Assert.Contains("Version 2", page.Text, StringComparison.Ordinal);
        Assert.Contains("America/New_York", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_the_first_publish_the_pages_say_not_published_yet_and_unknown_names_are_404()
    {
        var unpublished = await PublishedSchedules.SeedAsync(app, publish: false);
        foreach (var url in new[] { $"{unpublished.TrackPath}/schedule", $"/c/{unpublished.ConferenceSlug}/schedule" })
        {
            var page = await GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
            Assert.Contains("Not published yet", page.Text, StringComparison.Ordinal);
            Assert.Empty(page.Document.QuerySelectorAll("article.schedule-talk"));
        }

        var published = await PublishedSchedules.SeedAsync(app);
        foreach (var url in new[]
        {
            "/c/no-such-conference/schedule", $"/c/{published.ConferenceSlug}/no-such-track/schedule",
            $"{published.TrackPath}/talks/{Guid.NewGuid()}", $"{unpublished.TrackPath}/talks/{published.Slots[0].ProposalId}",
            $"{published.TrackPath}/schedule?version=7",
        })
        {
            var page = await GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, page.Response.StatusCode);
        }
    }

    [Fact]
    public async Task Nothing_of_the_working_copy_notes_or_an_unpublished_track_appears_on_the_public_pages()
    {
        var seeded = await PublishedSchedules.SeedAsync(app);
        var hidden = await PublishedSchedules.SeedAsync(app, publish: false, conferenceId: seeded.ConferenceId, trackSlug: "hidden");
        await app.WithDbAsync(async db =>
        {
            var submission = new Submission { TrackId = seeded.TrackId, Title = "Working copy only talk", Abstract = "Not yet.", Notes = "Secret committee note" };
            db.Submissions.Add(submission);
            db.TimetableSlots.Add(new TimetableSlot
            {
                TrackId = seeded.TrackId, SubmissionId = submission.Id, Room = "Moved room",
                StartUtc = seeded.Slots[0].StartUtc, EndUtc = seeded.Slots[0].EndUtc,
            });
            return await db.SaveChangesAsync();
        });
        var hiddenName = await app.WithDbAsync(db => db.Tracks.Where(t => t.Id == hidden.TrackId).Select(t => t.Name).SingleAsync());

        foreach (var url in new[] { $"{seeded.TrackPath}/schedule", $"/c/{seeded.ConferenceSlug}/schedule", $"/c/{seeded.ConferenceSlug}/schedule.json", $"{seeded.TrackPath}/schedule.csv" })
        {
            var body = await (await app.CreateClient().GetAsync(new Uri(url, UriKind.Relative))).Content.ReadAsStringAsync();
            Assert.DoesNotContain("Working copy only talk", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Secret committee note", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Moved room", body, StringComparison.Ordinal);
            Assert.DoesNotContain(hiddenName, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_newer_version_replaces_the_older_on_the_pages_and_in_the_exports_as_soon_as_publishing_invalidates_the_cache()
    {
        var seeded = await PublishedSchedules.SeedAsync(app);
        var trackPage = $"{seeded.TrackPath}/schedule";
        var conferencePage = $"/c/{seeded.ConferenceSlug}/schedule";
        Assert.Contains("version 1", (await GetAsync(trackPage)).Text, StringComparison.Ordinal);
        Assert.Contains("version 1", (await GetAsync(conferencePage)).Text, StringComparison.Ordinal);
        var jsonBefore = await app.CreateClient().GetStringAsync(new Uri($"{seeded.TrackPath}/schedule.json", UriKind.Relative));

        var slots = seeded.Slots.ToList();
        slots[5].Title = "Rescheduled: a newer title";
        await PublishedSchedules.PublishAsync(app, seeded, 2, slots, invalidate: false);
        // Without the signal the kept version is still served (the cache is what makes the page fast) ...
        Assert.DoesNotContain("Rescheduled: a newer title", (await GetAsync(trackPage)).Text, StringComparison.Ordinal);

        // ... and with it, at once.
        app.Services.GetRequiredService<ReviewPortal.Application.Features.Schedule.IPublishedScheduleCache>().Invalidate(seeded.TrackId);
        foreach (var url in new[] { trackPage, conferencePage })
        {
            var page = await GetAsync(url);
            Assert.Contains("Rescheduled: a newer title", page.Text, StringComparison.Ordinal);
            Assert.Contains("version 2", page.Text, StringComparison.Ordinal);
        }

        var json = await app.CreateClient().GetStringAsync(new Uri($"{seeded.TrackPath}/schedule.json", UriKind.Relative));
        Assert.DoesNotContain("Rescheduled: a newer title", jsonBefore, StringComparison.Ordinal);
        Assert.Contains("Rescheduled: a newer title", json, StringComparison.Ordinal);

        // The older version stays readable.
        Assert.DoesNotContain("Rescheduled: a newer title", (await GetAsync($"{trackPage}?version=1")).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip", "gzip")]
    public async Task A_browser_asking_for_compression_gets_the_same_page_compressed_from_the_kept_answer_and_the_new_version_after_publish(string acceptEncoding, string expected)
    {
        var seeded = await PublishedSchedules.SeedAsync(app);
        var url = $"{seeded.TrackPath}/schedule";

        async Task<(HttpResponseMessage Response, int Sent, string Html)> ReadAsync(string? encoding)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
            if (encoding is not null)
                request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
            var response = await app.CreateClient().SendAsync(request);
            var sent = await response.Content.ReadAsByteArrayAsync();
            await using var body = new MemoryStream(sent);
            await using Stream decoded = response.Content.Headers.ContentEncoding.SingleOrDefault() switch
            {
                "br" => new BrotliStream(body, CompressionMode.Decompress),
                "gzip" => new GZipStream(body, CompressionMode.Decompress),
                null => body,
                var other => throw new InvalidOperationException($"unexpected encoding {other}"),
            };
            using var reader = new StreamReader(decoded);
            return (response, sent.Length, await reader.ReadToEndAsync());
        }

        var (plain, plainBytes, plainHtml) = await ReadAsync(null);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        await ReadAsync(acceptEncoding); // kept
        var (compressed, compressedBytes, html) = await ReadAsync(acceptEncoding);
        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal([expected], compressed.Content.Headers.ContentEncoding);
        Assert.Equal("text/html", compressed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        Assert.NotNull(compressed.Headers.Age); // from the output cache
        Assert.True(compressedBytes < plainBytes / 3, $"{compressedBytes} bytes compressed, {plainBytes} plain");
        Assert.Equal(plainHtml, html);
        Assert.Equal(39, (await HtmlPage.ParseAsync(new HttpResponseMessage { Content = new StringContent(html) })).Document.QuerySelectorAll("article.schedule-talk").Length);
        // A reader without compression is still sent the plain page, not the compressed one kept beside it.
        Assert.Empty((await ReadAsync(null)).Response.Content.Headers.ContentEncoding);

        var slots = seeded.Slots.ToList();
        slots[2].Title = "Moved after publishing";
        await PublishedSchedules.PublishAsync(app, seeded, 2, slots);
        foreach (var encoding in new[] { acceptEncoding, null })
        {
            var (_, _, after) = await ReadAsync(encoding);
            Assert.Contains("Moved after publishing", after, StringComparison.Ordinal);
            Assert.Contains("version 2", after, StringComparison.Ordinal);
        }
    }
}
