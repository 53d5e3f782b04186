using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Confirmations;

/// <summary>A declined talk's slot goes to the waitlist: automatically (the default) or on the chair's click; the chairs are told.</summary>
public sealed class WaitlistPromotionTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    [Fact]
    public async Task Declining_promotes_the_first_waitlisted_talk_mails_its_speakers_a_confirm_link_and_tells_the_chair()
    {
        var s = await ConfirmationScenario.CreateAsync(app);
        var signedOut = app.CreateBrowserClient();
        var page = await HtmlPage.GetAsync(signedOut, await s.ConfirmLinkAsync(s.SpeakerEmail));
        var declined = await page.SubmitAsync(signedOut, new Dictionary<string, string> { ["Input.Reason"] = "My visa was refused." }, "#decline form");
        Assert.True(HtmlPage.IsRedirect(declined));

        Assert.Equal(SubmissionStatus.Declined, (await s.StatusAsync(s.A)).Status);
        var offerA = (await s.OfferAsync(s.A))!;
        Assert.Equal((ConfirmationAnswer.Declined, "My visa was refused."), (offerA.Answer, offerA.DeclineReason));
        Assert.Equal((SubmissionStatus.Accepted, null), await s.StatusAsync(s.W1));
        Assert.True((await s.OfferAsync(s.W1))!.PromotedFromWaitlist);
        Assert.Equal((SubmissionStatus.Waitlisted, 1), await s.StatusAsync(s.W2)); // moved up

        // The promoted talk's speaker has the acceptance mail with a confirm link that opens that talk.
        var acceptances = await s.MailsAsync(s.SpeakerEmail, "decision.accepted");
        var promotedMail = Assert.Single(acceptances, m => m.Subject.Contains("First waitlisted talk", StringComparison.Ordinal));
        Assert.StartsWith("[Action required]", promotedMail.Subject, StringComparison.Ordinal);
        var promotedPage = await HtmlPage.GetAsync(signedOut, await s.ConfirmLinkAsync(s.SpeakerEmail));
        Assert.Contains("First waitlisted talk", promotedPage.Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(promotedPage.Document.QuerySelector("#confirm form"));

        var told = Assert.Single(await s.MailsAsync(s.ChairEmail, "confirmation.given-up"));
        Assert.Contains("Accepted talk about the verifier", told.TextBody, StringComparison.Ordinal);
        Assert.Contains("My visa was refused.", told.TextBody, StringComparison.Ordinal);
        Assert.Contains("\"First waitlisted talk\"", told.TextBody, StringComparison.Ordinal);

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.TrackId == s.TrackId).Select(e => e.Action).ToListAsync());
        Assert.Contains("confirmation.declined", audit);
        Assert.Contains("waitlist.promoted", audit);
    }

    [Fact]
    public async Task A_promoted_talk_that_is_declined_promotes_the_next_and_then_the_chair_hears_the_waitlist_is_empty()
    {
        var s = await ConfirmationScenario.CreateAsync(app);
        var signedOut = app.CreateBrowserClient();
        async Task DeclineLatestAsync(string reason)
        {
            var page = await HtmlPage.GetAsync(signedOut, await s.ConfirmLinkAsync(s.SpeakerEmail));
            Assert.True(HtmlPage.IsRedirect(await page.SubmitAsync(signedOut, new Dictionary<string, string> { ["Input.Reason"] = reason }, "#decline form")));
        }

        await DeclineLatestAsync("Cannot travel.");
        Assert.Equal(SubmissionStatus.Accepted, (await s.StatusAsync(s.W1)).Status);
        await DeclineLatestAsync("Changed jobs."); // W1's link: the newest acceptance mail
        Assert.Equal(SubmissionStatus.Declined, (await s.StatusAsync(s.W1)).Status);
        Assert.Equal(SubmissionStatus.Accepted, (await s.StatusAsync(s.W2)).Status);
        await DeclineLatestAsync("Sick.");
        Assert.Equal(SubmissionStatus.Declined, (await s.StatusAsync(s.W2)).Status);

        var told = (await s.MailsAsync(s.ChairEmail, "confirmation.given-up")).OrderBy(m => m.CreatedUtc).ToList();
        Assert.Equal(3, told.Count);
        Assert.Contains("\"Second waitlisted talk\"", told[1].TextBody, StringComparison.Ordinal);
        Assert.Contains("The waitlist is empty", told[2].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_ChairConfirms_the_waitlist_waits_for_the_chairs_click()
    {
        var s = await ConfirmationScenario.CreateAsync(app, WaitlistPromotion.ChairConfirms);
        var declined = await s.Speaker.PostAsJsonAsync($"/api/v1/proposals/{s.A}/decline", new { reason = "Conflicting event." });
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Equal((SubmissionStatus.Waitlisted, 1), await s.StatusAsync(s.W1));
        Assert.DoesNotContain(await s.MailsAsync(s.SpeakerEmail, "decision.accepted"), m => m.Subject.Contains("First waitlisted", StringComparison.Ordinal));
        Assert.Contains("one click", Assert.Single(await s.MailsAsync(s.ChairEmail, "confirmation.given-up")).TextBody, StringComparison.Ordinal);

        // The chair's page offers the click; the click promotes the first talk and mails it.
        var page = await HtmlPage.GetAsync(s.Chair, $"/Chair/{s.TrackId}/Confirmations");
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        var promote = await page.SubmitAsync(s.Chair, new Dictionary<string, string>(), "#waitlist form");
        Assert.True(HtmlPage.IsRedirect(promote), await promote.Content.ReadAsStringAsync());
        Assert.Equal(SubmissionStatus.Accepted, (await s.StatusAsync(s.W1)).Status);
        Assert.Equal((SubmissionStatus.Waitlisted, 1), await s.StatusAsync(s.W2));
        Assert.Single(await s.MailsAsync(s.SpeakerEmail, "decision.accepted"), m => m.Subject.Contains("First waitlisted", StringComparison.Ordinal));

        // The API's click does the same for the next one.
        var next = await Problems.JsonAsync(await s.Chair.PostAsync($"/api/v1/tracks/{s.TrackId}/waitlist/promote", null));
        Assert.Equal(s.W2, next.GetProperty("proposalId").GetGuid());
        Assert.Equal(0, next.GetProperty("remainingOnWaitlist").GetInt32());
        await Problems.AssertAsync(await s.Chair.PostAsync($"/api/v1/tracks/{s.TrackId}/waitlist/promote", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_slot_is_released_only_when_overdue_and_then_the_waitlist_is_promoted()
    {
        var s = await ConfirmationScenario.CreateAsync(app, deadlineIn: TimeSpan.FromDays(1));
        await Problems.AssertAsync(await s.Chair.PostAsync($"/api/v1/proposals/{s.A}/confirmation/release-slot", null), HttpStatusCode.Conflict);
        Assert.Equal(SubmissionStatus.Accepted, (await s.StatusAsync(s.A)).Status);

        app.Clock.Advance(TimeSpan.FromDays(1.5));
        var page = await HtmlPage.GetAsync(s.Chair, $"/Chair/{s.TrackId}/Confirmations?filter=Overdue");
        var row = page.Document.QuerySelector($"tr[data-proposal='{s.A}']")!;
        Assert.Contains("overdue", row.ClassName, StringComparison.Ordinal);
        var released = await page.SubmitAsync(s.Chair, new Dictionary<string, string>(), $"tr[data-proposal='{s.A}'] form.release-slot");
        Assert.True(HtmlPage.IsRedirect(released), await released.Content.ReadAsStringAsync());
        Assert.Equal(ConfirmationAnswer.SlotReleased, (await s.OfferAsync(s.A))!.Answer);
        Assert.Equal(SubmissionStatus.Declined, (await s.StatusAsync(s.A)).Status);
        Assert.Equal(SubmissionStatus.Accepted, (await s.StatusAsync(s.W1)).Status);
        Assert.Contains("slot has been released", Assert.Single(await s.MailsAsync(s.ChairEmail, "confirmation.given-up")).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_extension_lets_the_speaker_confirm_after_the_tracks_deadline()
    {
        var s = await ConfirmationScenario.CreateAsync(app, deadlineIn: TimeSpan.FromDays(1));
        var until = app.Clock.GetUtcNow().AddDays(10);
        var extended = await Problems.JsonAsync(await s.Chair.PostAsJsonAsync($"/api/v1/proposals/{s.A}/confirmation/extend", new { until = until.UtcDateTime }));
        Assert.Equal(until.ToUnixTimeSeconds(), extended.GetProperty("dueUtc").GetDateTimeOffset().ToUnixTimeSeconds());
        await Problems.AssertAsync(await s.Chair.PostAsJsonAsync($"/api/v1/proposals/{s.A}/confirmation/extend",
            new { until = app.Clock.GetUtcNow().AddDays(-1).UtcDateTime }), HttpStatusCode.BadRequest);

        app.Clock.Advance(TimeSpan.FromDays(2));
        await Problems.AssertAsync(await s.Chair.PostAsync($"/api/v1/proposals/{s.A}/confirmation/release-slot", null), HttpStatusCode.Conflict);
        var confirmed = await s.Speaker.PostAsJsonAsync($"/api/v1/proposals/{s.A}/confirm", new { unavailable = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(SubmissionStatus.Confirmed, (await s.StatusAsync(s.A)).Status);
    }
    [Fact]
    public async Task A_chair_conflicted_on_the_declined_talk_is_told_only_that_a_talk_they_are_conflicted_with_was_declined()
    {
        var s = await ConfirmationScenario.CreateAsync(app);
        var secondEmail = $"second-chair-{Guid.NewGuid():N}@example.org";
        var second = await Accounts.SignedInClientAsync(app, secondEmail, "Second Chair", "Elsewhere University");
        Assert.Equal(HttpStatusCode.OK, (await s.Chair.PostAsJsonAsync($"/api/v1/tracks/{s.TrackId}/committee", new { email = secondEmail, role = "Chair" })).StatusCode);
        var secondId = (await second.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/me")).GetProperty("id").GetGuid();
        var conflict = await s.Chair.PostAsJsonAsync($"/api/v1/proposals/{s.A}/conflicts/chair", new { personId = secondId, reason = "Co-author of the speaker." });
        Assert.Equal(HttpStatusCode.Created, conflict.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await s.Speaker.PostAsJsonAsync($"/api/v1/proposals/{s.A}/decline", new { reason = "Private reason." })).StatusCode);

        var toConflicted = Assert.Single(await s.MailsAsync(secondEmail, "confirmation.given-up")).TextBody;
        Assert.Contains("A talk you are conflicted with", toConflicted, StringComparison.Ordinal);
        Assert.DoesNotContain("Accepted talk about the verifier", toConflicted, StringComparison.Ordinal);
        Assert.DoesNotContain("Private reason.", toConflicted, StringComparison.Ordinal);
        Assert.DoesNotContain("Sam Speaker", toConflicted, StringComparison.Ordinal);
        Assert.Contains("\"First waitlisted talk\"", toConflicted, StringComparison.Ordinal);
        Assert.Contains("Private reason.", Assert.Single(await s.MailsAsync(s.ChairEmail, "confirmation.given-up")).TextBody, StringComparison.Ordinal);

        // Nor does the conflicted chair read the offer or act on it.
        await Problems.AssertAsync(await second.GetAsync($"/api/v1/proposals/{s.A}/confirmation"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await second.PostAsJsonAsync($"/api/v1/proposals/{s.A}/confirmation/extend", new { until = DateTime.UtcNow.AddDays(90) }), HttpStatusCode.Forbidden);
    }
}
