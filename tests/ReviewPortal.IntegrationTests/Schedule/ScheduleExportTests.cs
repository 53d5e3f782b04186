using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using CsvHelper;
using Ical.Net;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Schedule;

/// <summary>
/// The public exports of a published LPC-like version, read anonymously as a conference app would: they validate
/// against the c3voc schemas, the calendar and the spreadsheet read back with the right talks and times.
/// </summary>
public sealed class ScheduleExportTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private async Task<(HttpResponseMessage Response, string Body)> GetAsync(string url, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (ifNoneMatch is not null)
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        var response = await app.CreateClient().SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_validators_accept_the_shipped_pretalx_export_and_refuse_a_broken_document()
    {
        var shipped = ScheduleValidators.ReadShippedExample();
        Assert.Empty(ScheduleValidators.JsonErrors(shipped));

        var broken = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(shipped)!;
        broken["schedule"] = JsonSerializer.SerializeToElement(new { version = "1", conference = new { title = "No acronym, no days" } });
        Assert.NotEmpty(ScheduleValidators.JsonErrors(JsonSerializer.Serialize(broken)));
        Assert.NotEmpty(ScheduleValidators.XmlErrors("<schedule><version>1</version><conference><acronym>X</acronym></conference></schedule>"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Schedule_xml_of_a_track_and_of_the_conference_validates_against_the_c3voc_xsd_with_every_talk_in_the_conference_zone(bool conference)
    {
        var seeded = await PublishedSchedules.SeedAsync(app);
        var url = conference ? $"/c/{seeded.ConferenceSlug}/schedule.xml" : $"{seeded.TrackPath}/schedule.xml";
        var (response, xml) = await GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(ScheduleValidators.XmlErrors(xml));
        var doc = XDocument.Parse(xml);
        var events = doc.Descendants("event").ToList();
        Assert.Equal(39, events.Count);
        Assert.Equal(3, doc.Root!.Elements("day").Count());
        var opening = events.Single(e => e.Element("title")!.Value == "Opening remarks");
        Assert.Equal("2023-11-13T09:25:00-05:00", opening.Element("date")!.Value);
        Assert.Equal("09:25", opening.Element("start")!.Value);
        Assert.Equal("00:05", opening.Element("duration")!.Value);
        Assert.Equal(["Daniel Borkmann", "Jakub Kicinski"], opening.Descendants("person").Select(p => p.Value));
        Assert.Equal("America/New_York", doc.Root.Element("conference")!.Element("time_zone_name")!.Value);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Schedule_json_of_a_track_and_of_the_conference_validates_against_the_c3voc_json_schema(bool conference)
    {
        var seeded = await PublishedSchedules.SeedAsync(app);
        var url = conference ? $"/c/{seeded.ConferenceSlug}/schedule.json" : $"{seeded.TrackPath}/schedule.json";
        var (response, json) = await GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(ScheduleValidators.JsonErrors(json));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("https://c3voc.de/schedule/schema.json", doc.RootElement.GetProperty("$schema").GetString());
        var days = doc.RootElement.GetProperty("schedule").GetProperty("conference").GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(["2023-11-13", "2023-11-14", "2023-11-15"], days.Select(d => d.GetProperty("date").GetString()));
        var events = days.SelectMany(d => d.GetProperty("rooms").EnumerateObject().SelectMany(r => r.Value.EnumerateArray())).ToList();
        Assert.Equal(39, events.Count);
        Assert.Equal(39, events.Select(e => e.GetProperty("guid").GetString()).Distinct().Count());
        Assert.All(events, e => Assert.StartsWith("http://localhost/c/" + seeded.ConferenceSlug + "/" + seeded.TrackSlug + "/talks/", e.GetProperty("url").GetString()));
    }

    [Fact]
    public async Task The_conference_exports_merge_every_published_track_with_rooms_from_each_and_leave_out_unpublished_ones()
    {
        var first = await PublishedSchedules.SeedAsync(app);
        var second = await PublishedSchedules.SeedAsync(app, conferenceId: first.ConferenceId, trackSlug: "kernel", room: "Hall B");
        var unpublished = await PublishedSchedules.SeedAsync(app, publish: false, conferenceId: first.ConferenceId, trackSlug: "draft-track", room: "Secret room");

        var (_, xml) = await GetAsync($"/c/{first.ConferenceSlug}/schedule.xml");
        Assert.Empty(ScheduleValidators.XmlErrors(xml));
        var doc = XDocument.Parse(xml);
        Assert.Equal(78, doc.Descendants("event").Count());
        Assert.Equal(["Hall B", "Main room"], doc.Root!.Element("day")!.Elements("room").Select(r => r.Attribute("name")!.Value).Order());
        Assert.DoesNotContain("Secret room", xml, StringComparison.Ordinal);
        var (_, json) = await GetAsync($"/c/{first.ConferenceSlug}/schedule.json");
        Assert.Empty(ScheduleValidators.JsonErrors(json));
        Assert.Equal(2, JsonDocument.Parse(json).RootElement.GetProperty("schedule").GetProperty("conference").GetProperty("tracks").GetArrayLength());
        Assert.NotEqual(second.TrackId, unpublished.TrackId);
    }

    [Fact]
    public async Task The_calendar_has_one_event_per_talk_with_stable_uids_utc_times_and_a_link_to_the_talk_page()
    {
        var seeded = await PublishedSchedules.SeedAsync(app);
        var (response, ics) = await GetAsync($"{seeded.TrackPath}/schedule.ics");

        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = Ical.Net.Calendar.Load(ics)!;
        Assert.Equal(39, calendar.Events.Count);
        foreach (var slot in seeded.Slots)
        {
            var e = Assert.Single(calendar.Events, e => e.Uid == $"{slot.ProposalId}@reviewportal");
            Assert.Equal(slot.StartUtc.UtcDateTime, e.DtStart!.AsUtc);
            Assert.Equal(slot.EndUtc.UtcDateTime, e.DtEnd!.AsUtc);
            Assert.Equal($"http://localhost{seeded.TrackPath}/talks/{slot.ProposalId}", e.Url!.ToString());
        }
    }

    [Fact]
    public async Task A_speakers_calendar_holds_only_their_talks_and_an_unknown_speaker_is_404()
    {
        var seeded = await PublishedSchedules.SeedAsync(app);
        var talk = seeded.Slots.First(s => s.Title != "Opening remarks");
        var speaker = talk.Speakers[0];
        var expected = seeded.Slots.Where(s => s.Speakers.Any(p => p.SpeakerId == speaker.SpeakerId)).ToList();

        var (response, ics) = await GetAsync($"/c/{seeded.ConferenceSlug}/speakers/{speaker.SpeakerId}/schedule.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calendar = Ical.Net.Calendar.Load(ics)!;
        Assert.Equal(expected.Select(s => $"{s.ProposalId}@reviewportal").Order(), calendar.Events.Select(e => e.Uid).Order());

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/c/{seeded.ConferenceSlug}/speakers/{Guid.NewGuid()}/schedule.ics")).Response.StatusCode);
    }

    [Fact]
    public async Task The_csv_has_a_header_one_row_per_talk_quoted_fields_and_formula_safe_cells()
    {
        var seeded = await PublishedSchedules.SeedAsync(app);
        var slots = seeded.Slots.ToList();
        slots[1].Title = "=HYPERLINK(\"http://evil\"), \"quoted\"";
        await PublishedSchedules.PublishAsync(app, seeded, 2, slots);

        var (response, csvText) = await GetAsync($"{seeded.TrackPath}/schedule.csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        using var csv = new CsvDataReader(CsvReader.FromText(csvText, new CsvReaderOptions()), true);
        var table = new System.Data.DataTable();
        table.Load(csv);
        var rows = table.Rows.Cast<System.Data.DataRow>()
            .Select(r => table.Columns.Cast<System.Data.DataColumn>().ToDictionary(c => c.ColumnName, c => (object)(r[c] as string ?? ""))).ToList();
        Assert.Equal(39, rows.Count);
        var opening = rows.Single(r => (string)r["Title"] == "Opening remarks");
        Assert.Equal("2023-11-13", opening["Date"]);
        Assert.Equal("09:25", opening["Start"]);
        Assert.Equal("America/New_York (UTC-05:00)", opening["Time zone"]);
        Assert.Equal("Daniel Borkmann; Jakub Kicinski", opening["Speakers"]);
        Assert.Contains(rows, r => (string)r["Title"] == "'=HYPERLINK(\"http://evil\"), \"quoted\"");
    }

    [Fact]
    public async Task Exports_carry_the_version_as_etag_are_public_for_a_short_time_and_answer_304_to_a_reader_who_has_it()
    {
        var seeded = await PublishedSchedules.SeedAsync(app);
        foreach (var format in new[] { "xml", "json", "ics", "csv" })
        {
            var (first, _) = await GetAsync($"{seeded.TrackPath}/schedule.{format}");
            var etag = first.Headers.ETag?.Tag;
            Assert.NotNull(etag);
            Assert.Contains("v1", etag, StringComparison.Ordinal);
            Assert.True(first.Headers.CacheControl?.Public, format);
            Assert.InRange(first.Headers.CacheControl!.MaxAge!.Value.TotalSeconds, 1, 300);

            var (again, body) = await GetAsync($"{seeded.TrackPath}/schedule.{format}", etag);
            Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
            Assert.Equal("", body);
        }

        await PublishedSchedules.PublishAsync(app, seeded, 2, seeded.Slots.Skip(1).ToList());
        var (newer, _) = await GetAsync($"{seeded.TrackPath}/schedule.json", "\"json-v1\"");
        Assert.Equal(HttpStatusCode.OK, newer.StatusCode);
        Assert.Contains("v2", newer.Headers.ETag!.Tag, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_anything_is_published_and_for_unknown_names_the_exports_are_404()
    {
        var unpublished = await PublishedSchedules.SeedAsync(app, publish: false);
        foreach (var url in new[]
        {
            $"{unpublished.TrackPath}/schedule.xml", $"/c/{unpublished.ConferenceSlug}/schedule.json",
            $"/c/no-such-conference/schedule.ics", $"/c/{unpublished.ConferenceSlug}/no-such-track/schedule.csv",
        })
        {
            var (response, body) = await GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_control_character_in_the_address_is_a_clear_400_not_a_500()
    {
        var (response, _) = await GetAsync("/c/lpc%01x/schedule.json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
