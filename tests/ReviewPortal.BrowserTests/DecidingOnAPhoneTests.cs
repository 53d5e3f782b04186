using Microsoft.EntityFrameworkCore;
using ReviewPortal.BrowserTests.Infrastructure;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.BrowserTests;

/// <summary>The chair decides from the ranking on a 390 px phone, without any script of ours: a row's button, then the proposal page.</summary>
public sealed class DecidingOnAPhoneTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const int PhoneWidth = 390;

    /// <summary>The elements that reach past the phone's width, to say what is too wide.</summary>
    private const string WidestScript = """
        () => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 390)
            .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + ' ' + (e.textContent || '').slice(0, 80) + ' in ' + (e.parentElement?.tagName || '') + '.' + (e.parentElement?.className || '')).join('; ')
        """;

    [Fact]
    public async Task The_chair_accepts_a_talk_from_the_ranking_on_a_phone_and_the_pages_fit_it()
    {
        var trackId = await app.WithDbAsync(db => db.Tracks.Where(t => t.Slug == "ebpf-networking").Select(t => t.Id).SingleAsync());
        var context = await app.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl,
            ViewportSize = new() { Width = PhoneWidth, Height = 844 },
            IsMobile = true,
            DeviceScaleFactor = 1,
        });
        context.SetDefaultTimeout(15_000);
        await using var browser = new BrowserSession(app, context, await context.NewPageAsync());
        var chair = app.DemoLogin("chair");
        await browser.SignInAsync(chair.Email, chair.Password);
        var started = await browser.Page.APIRequest.PostAsync($"/api/v1/tracks/{trackId}/review-phase/start");
        Assert.True(started.Ok, $"{started.Status}");

        await browser.GotoAsync($"/Chair/{trackId}/Ranking");
        Assert.True(await browser.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= PhoneWidth, "The ranking is wider than a phone.");
        var first = browser.Page.Locator("#ranking tbody tr").First;
        var proposalId = Guid.Parse((await first.GetAttributeAsync("data-proposal"))!);
        await browser.ClickAsync(first.Locator("button[value$='|Accepted']"));

        Assert.Contains("Decision saved: accepted", await browser.Page.TextContentAsync("body"), StringComparison.Ordinal);
        Assert.Equal(SubmissionStatus.Accepted, await app.WithDbAsync(db => db.Submissions.Where(s => s.Id == proposalId).Select(s => s.Status).SingleAsync()));
        Assert.Contains("draft", await browser.Page.Locator($"#ranking tr[data-proposal='{proposalId}']").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await browser.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= PhoneWidth, "The ranking with a decision is wider than a phone.");

        await browser.GotoAsync($"/Proposals/{proposalId}");
        Assert.Contains("draft", await browser.Page.Locator("#decision").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await browser.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= PhoneWidth,
            "The proposal page is wider than a phone: " + await browser.Page.EvaluateAsync<string>(WidestScript));
        await browser.ScreenshotAsync("phone-deciding");
    }
}
