using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ReviewPortal.BrowserTests.Infrastructure;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.BrowserTests;

/// <summary>The demo data with a job server, so the outbox really delivers the letters as .eml files.</summary>
public sealed class DecisionWalkthroughApp : BrowserApp
{
    public DecisionWalkthroughApp(PostgresServer server) : base(server) => Settings["Jobs:RunServer"] = "true";
}

/// <summary>
/// Issue 9's browser proof on the LPC 2023 demo track: the chair accepts two talks and rejects one from the ranking,
/// releases the decisions (with the confirmation step), and a speaker, signed out, confirms from the link in the
/// acceptance mail, giving a time they cannot make; the chair's dashboard then counts the confirmation.
/// </summary>
public sealed partial class DecisionWalkthroughTests(DecisionWalkthroughApp app) : IClassFixture<DecisionWalkthroughApp>
{
    [Fact]
    public async Task The_chair_accepts_from_the_ranking_and_releases_and_a_speaker_confirms_from_the_mail()
    {
        var trackId = await app.WithDbAsync(db => db.Tracks.Where(t => t.Slug == ReviewPortal.Infrastructure.Seed.DemoSeeder.TrackSlug).Select(t => t.Id).SingleAsync());
        var chairLogin = app.DemoLogin("chair");
        await using var chair = await app.NewSessionAsync();
        await chair.SignInAsync(chairLogin.Email, chairLogin.Password);
        var started = await chair.Context.APIRequest.PostAsync($"/api/v1/tracks/{trackId}/review-phase/start");
        Assert.True(started.Ok, await started.TextAsync());

        // 1. From the ranking: accept the first two talks the chair may decide, reject the third (one click each).
        await chair.GotoAsync($"/Chair/{trackId}/Ranking");
        var accepts = chair.Page.Locator("button[aria-label^='Accept: ']");
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var button = i < 2 ? accepts.Nth(i) : chair.Page.Locator("button[aria-label^='Reject: ']").Nth(2);
            ids.Add(Guid.Parse((await button.GetAttributeAsync("value"))!.Split('|')[0]));
            await chair.ClickAsync(button);
            Assert.StartsWith($"/Chair/{trackId}/Ranking", chair.CurrentPath, StringComparison.Ordinal);
        }

        var drafts = await app.WithDbAsync(db => db.Submissions.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id));
        Assert.Equal(SubmissionStatus.Accepted, drafts[ids[0]].Status);
        Assert.Equal(SubmissionStatus.Accepted, drafts[ids[1]].Status);
        Assert.Equal(SubmissionStatus.Rejected, drafts[ids[2]].Status);
        Assert.All(drafts.Values, s => Assert.Null(s.DecisionReleasedUtc));
        await chair.ScreenshotAsync("ranking-decided");

        // 2. Release all, after the summary of what will be sent.
        await chair.ClickLinkAsync("Release decisions");
        await chair.ClickButtonAsync("Release all 3 unreleased…");
        await Assertions.Expect(chair.Page.Locator(".release-summary")).ToContainTextAsync("mail");
        await chair.ScreenshotAsync("release-confirm");
        await chair.ClickAsync(chair.Page.GetByRole(AriaRole.Button, new() { NameRegex = ReleaseAndSend() }));
        var released = await app.WithDbAsync(db => db.Submissions.Where(s => ids.Contains(s.Id)).CountAsync(s => s.DecisionReleasedUtc != null));
        Assert.Equal(3, released);

        // 3. The first accepted talk's speaker gets the letter (delivered to the pickup directory by the job) and
        //    confirms from its link, signed out.
        var accepted = await app.WithDbAsync(db => db.Submissions.Include(s => s.Speakers).SingleAsync(s => s.Id == ids[0]));
        var speaker = accepted.Speakers.OrderBy(s => s.Order).First(s => s.Email != null);
        await using var reader = await app.NewSessionAsync();
        var letter = await reader.ReadLatestMailAsync(speaker.Email!, "decision.accepted");
        Assert.StartsWith("[Action required] Confirm your talk", letter.Subject, StringComparison.Ordinal);
        var link = letter.Links.Single(l => l.AbsolutePath == "/Talks/Confirm");
        // Hangfire delivers the outbox row: the letter lands in the pickup directory (.data/mail when run from a clone).
        var until = DateTime.UtcNow.AddSeconds(30);
        bool Delivered() => Directory.Exists(app.MailDirectory) && Directory.EnumerateFiles(app.MailDirectory, "*.eml")
            .Any(f => File.ReadAllText(f).Contains(speaker.Email!, StringComparison.OrdinalIgnoreCase));
        while (!Delivered() && DateTime.UtcNow < until)
            await Task.Delay(250);
        Assert.True(Delivered(), $"No .eml for {speaker.Email} in {app.MailDirectory}.");
        var failures = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.LastError != null).Select(m => m.Kind + " to " + m.ToAddress + ": " + m.LastError).ToListAsync());
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        await reader.GotoAsync(link.PathAndQuery);
        await reader.ExpectTextAsync(accepted.Title);
        var day = await reader.Page.Locator("select[name='Input.Blocks[0].Day'] option").Nth(1).GetAttributeAsync("value");
        await reader.Page.Locator("select[name='Input.Blocks[0].Day']").SelectOptionAsync(day!);
        await reader.Page.Locator("input[name='Input.Blocks[0].From']").FillAsync("09:00");
        await reader.Page.Locator("input[name='Input.Blocks[0].To']").FillAsync("11:00");
        await reader.ScreenshotAsync("confirm-from-mail");
        await reader.ClickButtonAsync("Confirm the talk");
        await Assertions.Expect(reader.Page.Locator("#answer")).ToContainTextAsync("confirmed");

        var offer = await app.WithDbAsync(db => db.SpeakerConfirmations.AsNoTracking().SingleAsync(c => c.SubmissionId == ids[0]));
        Assert.Equal(ConfirmationAnswer.Confirmed, offer.Answer);
        Assert.Single(offer.Unavailable);
        Assert.Equal(SubmissionStatus.Confirmed, (await app.WithDbAsync(db => db.Submissions.AsNoTracking().SingleAsync(s => s.Id == ids[0]))).Status);

        // The link page fits a phone.
        await reader.Page.SetViewportSizeAsync(390, 844);
        await reader.GotoAsync(link.PathAndQuery);
        var width = await reader.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"The confirm page is {width} px wide at 390 px.");

        // 4. The chair's dashboard counts it.
        await chair.GotoAsync($"/Chair/{trackId}/Dashboard");
        await Assertions.Expect(chair.Page.Locator("[data-figure=confirmed]")).ToHaveTextAsync("1");
        await Assertions.Expect(chair.Page.Locator("[data-figure=waiting]")).ToHaveTextAsync("1");
        await chair.Page.SetViewportSizeAsync(390, 844);
        await chair.GotoAsync($"/Chair/{trackId}/Dashboard");
        Assert.True(await chair.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390);
        await chair.ScreenshotAsync("phone-dashboard");
    }

    [GeneratedRegex("^Release and send \\d+ mail")]
    private static partial Regex ReleaseAndSend();
}
