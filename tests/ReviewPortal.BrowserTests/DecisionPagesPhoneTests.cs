using Microsoft.EntityFrameworkCore;
using ReviewPortal.BrowserTests.Infrastructure;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.BrowserTests;

/// <summary>The chair's release and letters pages and the speaker's released decision fit a 390 px phone (the demo track, a few decisions).</summary>
public sealed class DecisionPagesPhoneTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_chair_previews_a_letter_and_releases_on_a_phone_and_the_speaker_reads_the_decision()
    {
        var trackId = await app.WithDbAsync(db => db.Tracks.Where(t => t.Slug == ReviewPortal.Infrastructure.Seed.DemoSeeder.TrackSlug).Select(t => t.Id).SingleAsync());
        var speaker = app.DemoLogin("speaker");
        // Three decisions as drafts, through the domain (deciding is another part of issue 9); the speaker's talk is accepted.
        await app.WithDbAsync(async db =>
        {
            var proposals = await db.Submissions.Include(s => s.Speakers)
                .Where(s => s.TrackId == trackId && s.Status == SubmissionStatus.Submitted && s.Kind == SubmissionKind.Talk)
                .OrderBy(s => s.Title).ToListAsync();
            var mine = proposals.First(s => s.Speakers.Any(sp => sp.Email == speaker.Email));
            var others = proposals.Where(s => s != mine).Take(2).ToList();
            var now = DateTimeOffset.UtcNow;
            foreach (var s in others.Append(mine))
                s.StartReview(now);
            mine.Decide(SubmissionStatus.Accepted, null, now);
            others[0].Decide(SubmissionStatus.Rejected, null, now);
            others[1].Decide(SubmissionStatus.Waitlisted, 1, now);
            return await db.SaveChangesAsync();
        });

        await using var chair = await app.NewSessionAsync();
        var login = app.DemoLogin("chair");
        await chair.Page.SetViewportSizeAsync(390, 844);
        await chair.SignInAsync(login.Email, login.Password);

        await chair.GotoAsync($"/Chair/{trackId}/Ranking");
        await chair.ClickLinkAsync("Decision letters");
        await chair.Page.Locator("#accepted").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await chair.ExpectTextAsync("Nothing was sent or saved");
        await AssertFitsAsync(chair, "letters");
        await chair.ScreenshotAsync("phone-letters");

        await chair.GotoAsync($"/Chair/{trackId}/Decisions");
        await AssertFitsAsync(chair, "release");
        await chair.ClickButtonAsync("Release all 3 unreleased…");
        await chair.ExpectTextAsync("3 proposals (1 accepted, 1 rejected, 1 waitlisted)");
        await AssertFitsAsync(chair, "release confirmation");
        await chair.ClickAsync(chair.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Release and send") }));
        await chair.ExpectTextAsync("Released 3 decisions");

        await using var speakerSession = await app.NewSessionAsync();
        await speakerSession.Page.SetViewportSizeAsync(390, 844);
        await speakerSession.SignInAsync(speaker.Email, speaker.Password);
        await speakerSession.GotoAsync("/Proposals");
        await speakerSession.ExpectTextAsync("Accepted — please confirm");
        await AssertFitsAsync(speakerSession, "my proposals");
    }

    private static async Task AssertFitsAsync(BrowserSession session, string page)
    {
        var width = await session.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"The {page} page is {width} px wide at 390 px.");
    }
}
