using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Features.Confirmations;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Confirmations;

/// <summary>Reminders to confirm: at 7 and 2 days before the deadline, once each, each speaker with their own link; none once answered.</summary>
public sealed class ConfirmationReminderTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private Task<int> RunAsync() => app.SendAsSystemAsync(new SendConfirmationReminders());

    private async Task<List<string>> RemindersToAsync(string email) =>
        (await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == email && m.Kind == "confirmation.reminder")
            .OrderBy(m => m.CreatedUtc).Select(m => m.TextBody).ToListAsync()));

    [Fact]
    public async Task Each_speaker_is_reminded_at_7_and_2_days_before_the_deadline_once_each_with_their_own_link()
    {
        var s = await ConfirmationScenario.CreateAsync(app, deadlineIn: TimeSpan.FromDays(10));
        await RunAsync();
        Assert.Empty(await RemindersToAsync(s.SpeakerEmail));

        app.Clock.Advance(TimeSpan.FromDays(3.5)); // 6.5 days before
        await RunAsync();
        await RunAsync();
        var first = Assert.Single(await RemindersToAsync(s.SpeakerEmail));
        Assert.Single(await RemindersToAsync(s.CoSpeakerEmail));
        Assert.Contains("/Talks/Confirm?token=", first, StringComparison.Ordinal);

        // The co-speaker's link speaks for the co-speaker: it opens the talk, and differs from the speaker's.
        var speakerLink = await s.ConfirmLinkAsync(s.SpeakerEmail, "confirmation.reminder");
        var coLink = await s.ConfirmLinkAsync(s.CoSpeakerEmail, "confirmation.reminder");
        Assert.NotEqual(speakerLink, coLink);
        var page = await HtmlPage.GetAsync(app.CreateBrowserClient(), coLink);
        Assert.Contains("Accepted talk about the verifier", page.Text, StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromDays(5)); // 1.5 days before
        await RunAsync();
        await RunAsync();
        Assert.Equal(2, (await RemindersToAsync(s.SpeakerEmail)).Count);
        Assert.Equal(2, (await RemindersToAsync(s.CoSpeakerEmail)).Count);

        app.Clock.Advance(TimeSpan.FromDays(2)); // past the deadline: nothing more
        await RunAsync();
        Assert.Equal(2, (await RemindersToAsync(s.SpeakerEmail)).Count);
    }

    [Fact]
    public async Task Several_points_due_at_once_send_one_mail_and_an_answered_talk_gets_none()
    {
        var s = await ConfirmationScenario.CreateAsync(app, deadlineIn: TimeSpan.FromDays(1)); // both 7 and 2 are due
        await RunAsync();
        await RunAsync();
        Assert.Single(await RemindersToAsync(s.SpeakerEmail));
        var points = await app.WithDbAsync(db => db.ConfirmationReminders.Where(r => r.SubmissionId == s.A).Select(r => r.DaysBefore).OrderBy(d => d).ToListAsync());
        Assert.Equal([2, 7], points);

        var answered = await ConfirmationScenario.CreateAsync(app, deadlineIn: TimeSpan.FromDays(8));
        var confirmed = await answered.Speaker.PostAsync($"/api/v1/proposals/{answered.A}/confirm",
            new StringContent("""{"unavailable":[]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(confirmed.IsSuccessStatusCode);
        app.Clock.Advance(TimeSpan.FromDays(1.5));
        await RunAsync();
        Assert.Empty(await RemindersToAsync(answered.SpeakerEmail));
    }

    [Fact]
    public async Task An_extended_deadline_moves_the_reminders_with_it()
    {
        var s = await ConfirmationScenario.CreateAsync(app, deadlineIn: TimeSpan.FromDays(8));
        var until = app.Clock.GetUtcNow().AddDays(30);
        var extended = await s.Chair.PostAsync($"/api/v1/proposals/{s.A}/confirmation/extend",
            new StringContent($$"""{"until":"{{until.UtcDateTime:yyyy-MM-ddTHH:mm:ss}}Z"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(extended.IsSuccessStatusCode, await extended.Content.ReadAsStringAsync());

        app.Clock.Advance(TimeSpan.FromDays(2)); // 6 days before the track's deadline, 28 before the extension
        await RunAsync();
        Assert.Empty(await RemindersToAsync(s.SpeakerEmail));
        app.Clock.Advance(TimeSpan.FromDays(22)); // 6 days before the extension
        await RunAsync();
        var mail = Assert.Single(await RemindersToAsync(s.SpeakerEmail));
        Assert.Contains(await app.WithDbAsync(db => db.Tracks.Where(t => t.Id == s.TrackId).Select(t => t.Conference.Name).SingleAsync()), mail, StringComparison.Ordinal);
    }
}
