using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MimeKit;
using ReviewPortal.BrowserTests.Infrastructure;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.BrowserTests;

/// <summary>The demo at the Reviewing stage (reviews in, by the real use cases) with a job server, so every mail is delivered as an .eml file.</summary>
public sealed class EveryoneConfirmedApp : BrowserApp
{
    public EveryoneConfirmedApp(PostgresServer server) : base(server)
    {
        Settings["Jobs:RunServer"] = "true";
        Settings["Seed:DemoStage"] = "Reviewing";
    }
}

/// <summary>
/// Issue 9's "done when": the LPC demo goes from the ranking to every speaker confirmed, in the browser. The chair
/// accepts the top of his ranking and releases; the admin does the same for the talks the chair is conflicted on; one
/// speaker of each of the 38 talks, signed out, confirms from the link in the letter as it was written to the mail
/// directory; the admin's dashboard then shows 38 confirmed and none waiting, and every mail of the run is an .eml file.
/// </summary>
public sealed partial class EveryoneConfirmedWalkthroughTests(EveryoneConfirmedApp app) : IClassFixture<EveryoneConfirmedApp>
{
    [Fact]
    public async Task The_LPC_demo_goes_from_the_ranking_to_every_talk_confirmed_from_the_mails_in_the_mail_directory()
    {
        var trackId = await app.WithDbAsync(db => db.Tracks.Where(t => t.Slug == ReviewPortal.Infrastructure.Seed.DemoSeeder.TrackSlug).Select(t => t.Id).SingleAsync());
        var talks = await app.WithDbAsync(db => db.Submissions.Where(s => s.TrackId == trackId && s.Kind == SubmissionKind.Talk && s.Status == SubmissionStatus.UnderReview).Select(s => s.Id).ToListAsync());
        Assert.Equal(38, talks.Count);

        // 1. The chair accepts the top of his ranking (every talk he may decide) and releases; the admin does the
        //    same for the rest (the talks of the chair's own company).
        foreach (var role in new[] { "chair", "admin" })
        {
            var login = app.DemoLogin(role);
            await using var decider = await app.NewSessionAsync();
            await decider.SignInAsync(login.Email, login.Password);
            await decider.GotoAsync($"/Chair/{trackId}/Ranking");
            var rows = await decider.Page.Locator("input[name='selected']").CountAsync();
            Assert.True(rows > 0, $"The {role}'s ranking shows no proposal.");
            await decider.Page.Locator("#top-count").FillAsync(rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await decider.ClickAsync(decider.Page.Locator("#accept-top button[type=submit]"));
            await decider.ScreenshotAsync($"everyone-confirmed-{role}-decided");

            await decider.ClickLinkAsync("Release decisions");
            await decider.ClickAsync(decider.Page.GetByRole(AriaRole.Button, new() { NameRegex = ReleaseAll() }));
            await decider.ClickAsync(decider.Page.GetByRole(AriaRole.Button, new() { NameRegex = ReleaseAndSend() }));
        }

        var decided = await app.WithDbAsync(db => db.Submissions.AsNoTracking().Where(s => talks.Contains(s.Id)).ToListAsync());
        Assert.All(decided, s => Assert.Equal(SubmissionStatus.Accepted, s.Status));
        Assert.All(decided, s => Assert.NotNull(s.DecisionReleasedUtc));

        // 2. Hangfire delivers every queued mail (the letters among them) to the mail directory.
        var until = DateTime.UtcNow.AddSeconds(90);
        while (await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.SentUtc == null)) && DateTime.UtcNow < until)
            await Task.Delay(500);
        var outbox = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Select(m => new { m.Id, m.Kind, m.ToAddress, m.SentUtc, m.LastError }).ToListAsync());
        Assert.All(outbox, m => Assert.True(m.SentUtc != null && m.LastError == null, $"{m.Kind} to {m.ToAddress}: not delivered ({m.LastError})."));
        var files = Directory.EnumerateFiles(app.MailDirectory, "*.eml").ToDictionary(f => Path.GetFileNameWithoutExtension(f)[^32..]);
        Assert.All(outbox, m => Assert.True(files.ContainsKey(m.Id.ToString("N")), $"{m.Kind} to {m.ToAddress} has no .eml file in {app.MailDirectory}."));

        // 3. For each talk, its first speaker opens the link of the letter as written to disk, signed out, and confirms.
        var letters = await app.WithDbAsync(db => (
            from l in db.DecisionLetters.AsNoTracking()
            join sp in db.SubmissionSpeakers on l.SpeakerId equals sp.Id
            where l.TrackId == trackId && l.Outcome == DecisionOutcome.Accepted
            select new { l.SubmissionId, l.OutboxMessageId, sp.Order }).ToListAsync());
        Assert.Equal(talks.Order(), letters.Select(l => l.SubmissionId).Distinct().Order());
        await using var speaker = await app.NewSessionAsync();
        foreach (var letter in letters.GroupBy(l => l.SubmissionId).Select(g => g.OrderBy(l => l.Order).First()))
        {
            var mail = await MimeMessage.LoadAsync(files[letter.OutboxMessageId.ToString("N")]);
            Assert.StartsWith("[Action required] Confirm your talk", mail.Subject, StringComparison.Ordinal);
            var link = ConfirmLink().Match(mail.TextBody ?? "");
            Assert.True(link.Success, $"No confirm link in '{mail.Subject}':\n{mail.TextBody}");
            await speaker.GotoAsync(new Uri(link.Value).PathAndQuery);
            await speaker.ClickButtonAsync("Confirm the talk");
            await Assertions.Expect(speaker.Page.Locator("#answer")).ToContainTextAsync("confirmed");
        }

        var answers = await app.WithDbAsync(db => db.SpeakerConfirmations.AsNoTracking().Where(c => talks.Contains(c.SubmissionId)).Select(c => c.Answer).ToListAsync());
        Assert.Equal(38, answers.Count(a => a == ConfirmationAnswer.Confirmed));
        Assert.Equal(38, await app.WithDbAsync(db => db.Submissions.CountAsync(s => talks.Contains(s.Id) && s.Status == SubmissionStatus.Confirmed)));

        // 4. The dashboard of the admin (who may see every decision; the chair's leaves out his conflicted five): 38 confirmed, none waiting.
        var adminLogin = app.DemoLogin("admin");
        await using var admin = await app.NewSessionAsync();
        await admin.SignInAsync(adminLogin.Email, adminLogin.Password);
        await admin.GotoAsync($"/Chair/{trackId}/Dashboard");
        await Assertions.Expect(admin.Page.Locator("[data-figure=confirmed]")).ToHaveTextAsync("38");
        await Assertions.Expect(admin.Page.Locator("[data-figure=waiting]")).ToHaveTextAsync("0");
        await admin.ScreenshotAsync("everyone-confirmed-dashboard");
    }

    [GeneratedRegex("^Release all \\d+ unreleased")]
    private static partial Regex ReleaseAll();

    [GeneratedRegex("^Release and send \\d+ mail")]
    private static partial Regex ReleaseAndSend();

    [GeneratedRegex(@"https?://\S+/Talks/Confirm\S*")]
    private static partial Regex ConfirmLink();
}
