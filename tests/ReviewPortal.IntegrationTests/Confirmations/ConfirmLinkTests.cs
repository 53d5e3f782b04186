using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Confirmations;

/// <summary>The acceptance mail's confirm link, signed out: shows without changing anything, confirms once, not late, not for another talk.</summary>
public sealed class ConfirmLinkTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById(TestTracks.TimeZone);

    [Fact]
    public async Task The_link_confirms_signed_out_once_with_the_times_stored_in_UTC_and_a_second_post_changes_nothing()
    {
        var s = await ConfirmationScenario.CreateAsync(app);
        var link = await s.ConfirmLinkAsync(s.SpeakerEmail);
        var signedOut = app.CreateBrowserClient();

        // Opening the link (as a mail scanner would, twice) shows the talk, the deadline in the conference's zone, and changes nothing.
        var page = await HtmlPage.GetAsync(signedOut, link);
        await HtmlPage.GetAsync(signedOut, link);
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Contains("Accepted talk about the verifier", page.Text, StringComparison.Ordinal);
        Assert.Contains("Cora Cospeaker", page.Text, StringComparison.Ordinal);
        Assert.Contains("(America/New_York)", page.Document.QuerySelector("#due")!.TextContent, StringComparison.Ordinal);
        Assert.Equal((SubmissionStatus.Accepted, null), await s.StatusAsync(s.A));
        Assert.Equal(ConfirmationAnswer.Waiting, (await s.OfferAsync(s.A))!.Answer);

        // The first conference day, 09:00–12:30 New York time, and the co-speaker will not come.
        var day = await app.WithDbAsync(db => db.Tracks.Where(t => t.Id == s.TrackId).Select(t => t.Conference.StartDate).SingleAsync());
        var coSpeakerId = await app.WithDbAsync(db => db.SubmissionSpeakers.Where(x => x.SubmissionId == s.A && x.Name == "Cora Cospeaker").Select(x => x.Id).SingleAsync());
        var confirmed = await page.SubmitAsync(signedOut, new Dictionary<string, string>
        {
            ["Input.Blocks[0].Day"] = day.ToString("yyyy-MM-dd"),
            ["Input.Blocks[0].From"] = "09:00",
            ["Input.Blocks[0].To"] = "12:30",
            ["Input.Absent"] = coSpeakerId.ToString(),
        }, "#confirm form");
        Assert.True(HtmlPage.IsRedirect(confirmed), await confirmed.Content.ReadAsStringAsync());

        Assert.Equal((SubmissionStatus.Confirmed, null), await s.StatusAsync(s.A));
        var offer = (await s.OfferAsync(s.A))!;
        Assert.Equal(ConfirmationAnswer.Confirmed, offer.Answer);
        Assert.Null(offer.AnsweredById); // from the link, nobody signed in
        var expectedStart = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(9, 0)), NewYork), TimeSpan.Zero);
        var block = Assert.Single(offer.Unavailable);
        Assert.Equal(expectedStart, block.StartUtc);
        Assert.Equal(expectedStart.AddHours(3.5), block.EndUtc);
        Assert.NotEqual(9, block.StartUtc.UtcDateTime.Hour); // stored UTC, not the wall clock
        Assert.Equal([coSpeakerId], offer.AbsentSpeakerIds);

        // The same form posted again (a double click, a replay) is refused and changes nothing.
        var again = await page.SubmitAsync(signedOut, new Dictionary<string, string>
        {
            ["Input.Blocks[0].Day"] = day.ToString("yyyy-MM-dd"),
            ["Input.Blocks[0].WholeDay"] = "true",
        }, "#confirm form");
        var refused = await HtmlPage.ParseAsync(again);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("already confirmed", refused.Text, StringComparison.Ordinal);
        var after = (await s.OfferAsync(s.A))!;
        Assert.Equal(offer.AnsweredUtc, after.AnsweredUtc);
        Assert.Equal(offer.Unavailable, after.Unavailable);

        // The link now shows the answer and no confirm form.
        var answered = await HtmlPage.GetAsync(signedOut, link);
        Assert.Null(answered.Document.QuerySelector("#confirm form"));
        Assert.Contains("confirmed", answered.Document.QuerySelector("#answer")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_deadline_the_link_tells_the_speaker_to_ask_the_chair_and_confirms_nothing()
    {
        var s = await ConfirmationScenario.CreateAsync(app, deadlineIn: TimeSpan.FromHours(2));
        var link = await s.ConfirmLinkAsync(s.SpeakerEmail);
        var signedOut = app.CreateBrowserClient();
        var page = await HtmlPage.GetAsync(signedOut, link);
        app.Clock.Advance(TimeSpan.FromHours(3));

        var late = await HtmlPage.ParseAsync(await page.SubmitAsync(signedOut, new Dictionary<string, string>(), "#confirm form"));
        Assert.Equal(HttpStatusCode.OK, late.Response.StatusCode);
        Assert.Contains("ask the chair", late.Text, StringComparison.Ordinal);
        Assert.Equal((SubmissionStatus.Accepted, null), await s.StatusAsync(s.A));
        Assert.Equal(ConfirmationAnswer.Waiting, (await s.OfferAsync(s.A))!.Answer);

        var reopened = await HtmlPage.GetAsync(signedOut, link);
        Assert.Null(reopened.Document.QuerySelector("#confirm form"));
        Assert.Contains("Ask the track's chairs to extend it", reopened.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_for_another_talk_or_a_tampered_token_gets_a_clear_page_and_changes_nothing()
    {
        var first = await ConfirmationScenario.CreateAsync(app);
        var second = await ConfirmationScenario.CreateAsync(app);
        var link = await first.ConfirmLinkAsync(first.SpeakerEmail);
        var token = ConfirmationScenario.TokenOf(link);
        var signedOut = app.CreateBrowserClient();

        // Talk A's speaker and submission, on the other talk's offer: the parts do not belong together.
        var otherOffer = (await second.OfferAsync(second.A))!;
        var speakerOfA = await app.WithDbAsync(db => db.SubmissionSpeakers.Where(x => x.SubmissionId == first.A && x.Order == 0).Select(x => x.Id).SingleAsync());
        string crossed;
        await using (var scope = app.Services.CreateAsyncScope())
            crossed = scope.ServiceProvider.GetRequiredService<IConfirmationTokens>().Issue(new ConfirmationTicket(otherOffer.Id, first.A, speakerOfA));
        var tampered = token[..^3] + (token[^3] == 'A' ? 'B' : 'A') + token[^2..];

        foreach (var bad in new[] { crossed, tampered, "not-a-token", new string('x', 5000) })
        {
            var page = await HtmlPage.GetAsync(signedOut, "/Talks/Confirm?token=" + Uri.EscapeDataString(bad));
            Assert.Equal(HttpStatusCode.NotFound, page.Response.StatusCode);
            Assert.Contains("not valid", page.Document.QuerySelector("#link-problem")!.TextContent, StringComparison.Ordinal);
        }

        // Posting with the crossed token (the form of a real link, the token swapped) confirms neither talk.
        var real = await HtmlPage.GetAsync(signedOut, link);
        var posted = await real.SubmitAsync(signedOut, new Dictionary<string, string> { ["token"] = crossed }, "#confirm form");
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        var declined = await real.SubmitAsync(signedOut, new Dictionary<string, string> { ["token"] = tampered, ["Input.Reason"] = "x" }, "#decline form");
        Assert.Equal(HttpStatusCode.NotFound, declined.StatusCode);
        Assert.Equal(SubmissionStatus.Accepted, (await first.StatusAsync(first.A)).Status);
        Assert.Equal(SubmissionStatus.Accepted, (await second.StatusAsync(second.A)).Status);
        Assert.Equal(ConfirmationAnswer.Waiting, (await second.OfferAsync(second.A))!.Answer);
    }

    [Fact]
    public async Task Times_outside_the_conference_days_or_ending_before_they_start_get_field_errors()
    {
        var s = await ConfirmationScenario.CreateAsync(app);
        var signedOut = app.CreateBrowserClient();
        var page = await HtmlPage.GetAsync(signedOut, await s.ConfirmLinkAsync(s.SpeakerEmail));
        var start = await app.WithDbAsync(db => db.Tracks.Where(t => t.Id == s.TrackId).Select(t => t.Conference.StartDate).SingleAsync());

        var response = await page.SubmitAsync(signedOut, new Dictionary<string, string>
        {
            ["Input.Blocks[0].Day"] = start.AddDays(-1).ToString("yyyy-MM-dd"),
            ["Input.Blocks[0].WholeDay"] = "true",
            ["Input.Blocks[1].Day"] = start.ToString("yyyy-MM-dd"),
            ["Input.Blocks[1].From"] = "15:00",
            ["Input.Blocks[1].To"] = "11:00",
        }, "#confirm form");
        var refused = await HtmlPage.ParseAsync(response);
        var errors = refused.FieldErrors();
        Assert.Contains("within the conference days", errors["Input.Blocks[0]"], StringComparison.Ordinal);
        Assert.Contains("end must be after the start", errors["Input.Blocks[1]"], StringComparison.Ordinal);
        Assert.Equal(ConfirmationAnswer.Waiting, (await s.OfferAsync(s.A))!.Answer);
        Assert.Equal(SubmissionStatus.Accepted, (await s.StatusAsync(s.A)).Status);
    }

    [Fact]
    public async Task Declining_asks_for_a_reason()
    {
        var s = await ConfirmationScenario.CreateAsync(app);
        var signedOut = app.CreateBrowserClient();
        var page = await HtmlPage.GetAsync(signedOut, await s.ConfirmLinkAsync(s.SpeakerEmail));
        var refused = await HtmlPage.ParseAsync(await page.SubmitAsync(signedOut, new Dictionary<string, string> { ["Input.Reason"] = "  " }, "#decline form"));
        Assert.Contains("why", refused.FieldErrors()["Input.Reason"], StringComparison.Ordinal);
        Assert.Equal(SubmissionStatus.Accepted, (await s.StatusAsync(s.A)).Status);
        Assert.Equal((SubmissionStatus.Waitlisted, 1), await s.StatusAsync(s.W1));
    }
    [Fact]
    public async Task The_link_opened_while_someone_else_is_signed_in_acts_for_its_speaker_and_records_no_account()
    {
        var s = await ConfirmationScenario.CreateAsync(app);
        // The co-speaker has no account; the chair opens the co-speaker's link while signed in.
        var page = await HtmlPage.GetAsync(s.Chair, await s.ConfirmLinkAsync(s.CoSpeakerEmail));
        Assert.True(HtmlPage.IsRedirect(await page.SubmitAsync(s.Chair, new Dictionary<string, string>(), "#confirm form")));
        var offer = (await s.OfferAsync(s.A))!;
        Assert.Equal(ConfirmationAnswer.Confirmed, offer.Answer);
        Assert.Null(offer.AnsweredById);
        var coSpeakerId = await app.WithDbAsync(db => db.SubmissionSpeakers.Where(x => x.SubmissionId == s.A && x.Name == "Cora Cospeaker").Select(x => x.Id).SingleAsync());
        Assert.Equal(coSpeakerId, offer.AnsweredBySpeakerId);
    }
}
