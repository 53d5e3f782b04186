using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ReviewPortal.BrowserTests.Infrastructure;
using ReviewPortal.Infrastructure.Seed;

namespace ReviewPortal.BrowserTests;

/// <summary>The LPC chair opens bidding after confirming; a reviewer bids with one click per proposal on a phone, without a reload.</summary>
public sealed class BiddingTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_chair_opens_bidding_and_a_reviewer_bids_with_one_click_on_a_phone_without_the_page_reloading()
    {
        var trackId = await app.WithDbAsync(db => db.Tracks.Where(t => t.Slug == DemoSeeder.TrackSlug).Select(t => t.Id).SingleAsync());
        await using (var chairBrowser = await app.NewSessionAsync())
        {
            var chair = app.DemoLogin("chair");
            await chairBrowser.SignInAsync(chair.Email, chair.Password);
            await chairBrowser.GotoAsync($"/Chair/Assignments?trackId={trackId}");
            await chairBrowser.ClickLinkAsync("Start the review phase…");
            await chairBrowser.ExpectTextAsync("This cannot be undone");
            await chairBrowser.ClickButtonAsync("Yes, start the review phase");
            await chairBrowser.ExpectTextAsync("The review phase has started");
        }

        await using var browser = await app.NewSessionAsync();
        await browser.Page.SetViewportSizeAsync(390, 844);
        var reviewer = app.DemoLogin("reviewer");
        await browser.SignInAsync(reviewer.Email, reviewer.Password);
        await browser.GotoAsync($"/Committee/Bids?trackId={trackId}");
        await browser.ExpectTextAsync("Eager: 0");

        await browser.Page.EvaluateAsync("() => { window.__sameDocument = true; }");
        var form = browser.Page.Locator("form.bid-form").First;
        await form.GetByRole(AriaRole.Button, new() { Name = "Eager", Exact = true }).ClickAsync();
        await Assertions.Expect(form.Locator(".bid-status")).ToHaveTextAsync("Saved");
        await Assertions.Expect(form.GetByRole(AriaRole.Button, new() { Name = "Eager", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
        await browser.ExpectTextAsync("Eager: 1");
        Assert.True(await browser.Page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "The page reloaded");

        await form.GetByRole(AriaRole.Button, new() { Name = "Not willing", Exact = true }).ClickAsync();
        await browser.ExpectTextAsync("Not willing: 1");
        await browser.ExpectTextAsync("Eager: 0");
        Assert.True(await browser.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            "The bidding page scrolls sideways at 390 px");
        await browser.ScreenshotAsync("bidding-phone", fullPage: false);
        Assert.Equal(1, await app.WithDbAsync(db => db.Bids.CountAsync()));
    }
}
