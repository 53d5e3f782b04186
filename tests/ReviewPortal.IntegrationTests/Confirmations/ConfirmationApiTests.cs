using System.Net;
using System.Net.Http.Json;
using System.Text;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Confirmations;

/// <summary>The confirmation API for speakers and chairs, with hostile input refused by field and nothing stored.</summary>
public sealed class ConfirmationApiTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private static Task<HttpResponseMessage> PostJson(HttpClient client, string url, string json) =>
        client.PostAsync(new Uri(url, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task AssertRefusedOnAsync(HttpResponseMessage response, string field)
    {
        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"Expected an error on {field}: {problem}");
    }

    [Fact]
    public async Task A_signed_in_speaker_confirms_by_API_with_instants_and_wall_clock_times_and_the_chair_reads_them()
    {
        var s = await ConfirmationScenario.CreateAsync(app);
        var (day, _) = await app.WithDbAsync(async db =>
        {
            var c = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Tracks, t => t.Id == s.TrackId);
            var conf = await db.Conferences.FindAsync(c.ConferenceId);
            return (conf!.StartDate, conf.EndDate);
        });
        var d = day.ToString("yyyy-MM-dd");
        var confirmed = await PostJson(s.Speaker, $"/api/v1/proposals/{s.A}/confirm",
            $$"""{"unavailable":[{"start":"{{d}}T09:00:00","end":"{{d}}T10:00:00"},{"start":"{{d}}T20:00:00Z","end":"{{d}}T21:00:00Z"}]}""");
        var view = await Problems.JsonAsync(confirmed);
        Assert.Equal("Confirmed", view.GetProperty("state").GetString());
        var blocks = view.GetProperty("unavailable").EnumerateArray().Select(b => b.GetProperty("startUtc").GetDateTimeOffset()).ToList();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TestTracks.TimeZone);
        Assert.Equal(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(9, 0)), zone), TimeSpan.Zero), blocks[0]);
        Assert.Equal(new DateTimeOffset(day.ToDateTime(new TimeOnly(20, 0)), TimeSpan.Zero), blocks[1]);
        Assert.Equal(SubmissionStatus.Confirmed, (await s.StatusAsync(s.A)).Status);

        // Once: a second confirm is 409 and changes nothing.
        await Problems.AssertAsync(await s.Speaker.PostAsJsonAsync($"/api/v1/proposals/{s.A}/confirm", new { unavailable = Array.Empty<object>() }), HttpStatusCode.Conflict);
        Assert.Equal(2, (await s.OfferAsync(s.A))!.Unavailable.Count);

        var chairView = await Problems.JsonAsync(await s.Chair.GetAsync($"/api/v1/proposals/{s.A}/confirmation"));
        Assert.Equal("Confirmed", chairView.GetProperty("state").GetString());
        Assert.Equal(2, chairView.GetProperty("unavailable").GetArrayLength());
        Assert.False(chairView.GetProperty("canConfirm").GetBoolean());
        // The chair's proposal page shows the answer and the times.
        var page = await HtmlPage.GetAsync(s.Chair, $"/Proposals/{s.A}");
        Assert.Contains("confirmed", page.Document.QuerySelector("#confirmation #answer")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, page.Document.QuerySelectorAll("#confirmation #unavailable-given li").Length);
    }

    [Fact]
    public async Task A_signed_in_speaker_declines_on_the_proposal_page_and_a_missing_reason_is_a_field_error()
    {
        var s = await ConfirmationScenario.CreateAsync(app);
        var page = await HtmlPage.GetAsync(s.Speaker, $"/Proposals/{s.A}");
        Assert.NotNull(page.Document.QuerySelector("#confirmation #confirm form"));
        var refused = await HtmlPage.ParseAsync(await page.SubmitAsync(s.Speaker, new Dictionary<string, string>(), "#confirmation #decline form"));
        Assert.Contains("Input.Reason", refused.FieldErrors().Keys);
        await AssertRefusedOnAsync(await s.Speaker.PostAsJsonAsync($"/api/v1/proposals/{s.A}/decline", new { reason = "" }), "Reason");
        Assert.Equal(SubmissionStatus.Accepted, (await s.StatusAsync(s.A)).Status);

        var declined = await page.SubmitAsync(s.Speaker, new Dictionary<string, string> { ["Input.Reason"] = "A family event." }, "#confirmation #decline form");
        Assert.True(HtmlPage.IsRedirect(declined));
        var offer = (await s.OfferAsync(s.A))!;
        Assert.Equal(ConfirmationAnswer.Declined, offer.Answer);
        Assert.NotNull(offer.AnsweredById); // signed in: the account is recorded
        Assert.Equal(SubmissionStatus.Accepted, (await s.StatusAsync(s.W1)).Status);
    }

    [Fact]
    public async Task Hostile_input_is_refused_by_field_and_stores_nothing()
    {
        var s = await ConfirmationScenario.CreateAsync(app);
        var url = $"/api/v1/proposals/{s.A}";
        await AssertRefusedOnAsync(await PostJson(s.Speaker, $"{url}/decline", """{"reason":"Visa\u0000refused"}"""), "Reason");
        await AssertRefusedOnAsync(await PostJson(s.Speaker, $"{url}/decline", """{"reason":"\u001b[31mred"}"""), "Reason");
        await AssertRefusedOnAsync(await PostJson(s.Speaker, $"{url}/confirm", """{"unavailable":[null]}"""), "Unavailable[0]");
        await AssertRefusedOnAsync(await PostJson(s.Speaker, $"{url}/confirm", """{"unavailable":[{"start":null,"end":null}]}"""), "Unavailable[0].Start");
        // A null id cannot even be read as a list of ids: a 400 problem, not a 500.
        await Problems.AssertAsync(await PostJson(s.Speaker, $"{url}/confirm", """{"unavailable":[],"absentSpeakerIds":[null]}"""), HttpStatusCode.BadRequest);
        await AssertRefusedOnAsync(await s.Speaker.PostAsJsonAsync($"{url}/confirm", new { unavailable = Array.Empty<object>(), absentSpeakerIds = new[] { Guid.NewGuid() } }), "AbsentSpeakerIds");
        var many = Enumerable.Range(0, 51).Select(_ => new { start = "2030-01-01T09:00:00", end = "2030-01-01T10:00:00" }).ToArray();
        await AssertRefusedOnAsync(await s.Speaker.PostAsJsonAsync($"{url}/confirm", new { unavailable = many }), "Unavailable");
        await AssertRefusedOnAsync(await s.Speaker.PostAsJsonAsync($"{url}/confirm", new { unavailable = new[] { new { start = "2001-01-01T09:00:00", end = "2001-01-01T10:00:00" } } }), "Unavailable[0].Start");
        await AssertRefusedOnAsync(await s.Speaker.PostAsJsonAsync($"{url}/decline", new { reason = new string('x', 2_001) }), "Reason");
        var huge = await s.Speaker.PostAsJsonAsync($"{url}/decline", new { reason = new string('x', 3_000_000) });
        Assert.True(huge.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, huge.StatusCode.ToString());
        Assert.Equal("application/problem+json", huge.Content.Headers.ContentType?.MediaType);
        await Problems.AssertAsync(await PostJson(s.Speaker, $"{url}/confirm", "{\"unavailable\":"), HttpStatusCode.BadRequest);

        Assert.Equal(SubmissionStatus.Accepted, (await s.StatusAsync(s.A)).Status);
        Assert.Equal(ConfirmationAnswer.Waiting, (await s.OfferAsync(s.A))!.Answer);
    }

    [Fact]
    public async Task Someone_who_is_not_a_speaker_gets_404_and_another_tracks_chair_cannot_manage_it()
    {
        var s = await ConfirmationScenario.CreateAsync(app);
        var other = await ConfirmationScenario.CreateAsync(app);
        var memberEmail = $"member-{Guid.NewGuid():N}@example.org";
        var member = await Accounts.SignedInClientAsync(app, memberEmail, "Mona Member");
        Assert.Equal(HttpStatusCode.OK, (await s.Chair.PostAsJsonAsync($"/api/v1/tracks/{s.TrackId}/committee", new { email = memberEmail, role = "Reviewer" })).StatusCode);

        foreach (var client in new[] { member, other.Speaker, other.Chair })
        {
            await Problems.AssertAsync(await client.PostAsJsonAsync($"/api/v1/proposals/{s.A}/confirm", new { unavailable = Array.Empty<object>() }), HttpStatusCode.NotFound);
            await Problems.AssertAsync(await client.PostAsJsonAsync($"/api/v1/proposals/{s.A}/decline", new { reason = "Not mine." }), HttpStatusCode.NotFound);
        }

        await Problems.AssertAsync(await other.Speaker.GetAsync($"/api/v1/proposals/{s.A}/confirmation"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await other.Chair.GetAsync($"/api/v1/proposals/{s.A}/confirmation"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await other.Chair.PostAsJsonAsync($"/api/v1/proposals/{s.A}/confirmation/extend", new { until = DateTime.UtcNow.AddDays(90) }), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await other.Chair.PostAsync($"/api/v1/proposals/{s.A}/confirmation/release-slot", null), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await other.Chair.PostAsync($"/api/v1/tracks/{s.TrackId}/waitlist/promote", null), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await member.PostAsync($"/api/v1/tracks/{s.TrackId}/waitlist/promote", null), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await s.Speaker.PostAsJsonAsync($"/api/v1/proposals/{s.A}/confirmation/extend", new { until = DateTime.UtcNow.AddDays(90) }), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await app.CreateClient().PostAsJsonAsync($"/api/v1/proposals/{s.A}/confirm", new { unavailable = Array.Empty<object>() }), HttpStatusCode.Unauthorized);

        Assert.Equal(SubmissionStatus.Accepted, (await s.StatusAsync(s.A)).Status);
        Assert.Equal((SubmissionStatus.Waitlisted, 1), await s.StatusAsync(s.W1));
    }

    [Fact]
    public async Task The_chair_sets_the_confirmation_deadline_reminders_and_promotion_in_the_conferences_zone()
    {
        var s = await ConfirmationScenario.CreateAsync(app);
        var settingsUrl = $"/api/v1/tracks/{s.TrackId}/settings/confirmation";
        var start = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Tracks.Where(t => t.Id == s.TrackId).Select(t => t.Conference.StartDate)));
        var local = start.AddDays(-14).ToDateTime(new TimeOnly(17, 0));
        var saved = await Problems.JsonAsync(await s.Chair.PutAsJsonAsync(settingsUrl, new { deadline = local, reminderDays = new[] { 3, 10 }, promotion = "ChairConfirms" }));
        Assert.Equal("ChairConfirms", saved.GetProperty("promotion").GetString());
        var track = await app.WithDbAsync(db => db.Tracks.FindAsync(s.TrackId).AsTask());
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TestTracks.TimeZone);
        Assert.Equal(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero), track!.ConfirmationDeadlineUtc);
        Assert.Equal([10, 3], track.ConfirmationReminderDays);
        Assert.Equal(ReviewPortal.Domain.Conferences.WaitlistPromotion.ChairConfirms, track.WaitlistPromotion);

        await AssertRefusedOnAsync(await s.Chair.PutAsJsonAsync(settingsUrl, new { deadline = local, reminderDays = new[] { 0 }, promotion = "Automatic" }), "Settings.ReminderDays[0]");
        await Problems.AssertAsync(await s.Speaker.PutAsJsonAsync(settingsUrl, new { deadline = local, reminderDays = new[] { 3 }, promotion = "Automatic" }), HttpStatusCode.Forbidden);

        // The track's Settings page has the same fields and saves them.
        var page = await HtmlPage.GetAsync(s.Chair, $"/Chair/{s.TrackId}/Settings");
        var posted = await page.SubmitAsync(s.Chair, new Dictionary<string, string>
        {
            ["Deadline"] = local.AddDays(1).ToString("yyyy-MM-ddTHH:mm"),
            ["ReminderDays"] = "7, 2",
            ["Promotion"] = "Automatic",
        }, "#confirmation-settings form");
        Assert.True(HtmlPage.IsRedirect(posted), await posted.Content.ReadAsStringAsync());
        track = await app.WithDbAsync(db => db.Tracks.FindAsync(s.TrackId).AsTask());
        Assert.Equal([7, 2], track!.ConfirmationReminderDays);
        Assert.Equal(ReviewPortal.Domain.Conferences.WaitlistPromotion.Automatic, track.WaitlistPromotion);
    }
}
