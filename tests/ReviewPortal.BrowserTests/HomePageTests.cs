using Microsoft.Playwright;
using ReviewPortal.BrowserTests.Infrastructure;

namespace ReviewPortal.BrowserTests;

/// <summary>The public pages in a real browser, on the demo data (the LPC 2023 eBPF &amp; Networking track).</summary>
public sealed class HomePageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_home_page_lists_the_LPC_track_and_its_page_shows_the_committee()
    {
        await using var browser = await app.NewSessionAsync();

        await browser.GotoAsync("/");
        await browser.ExpectTextAsync("Linux Plumbers Conference 2023");
        var trackLink = browser.Page.GetByRole(AriaRole.Link, new() { Name = "eBPF & Networking Track", Exact = true });
        await Assertions.Expect(trackLink).ToBeVisibleAsync();
        var home = await browser.ScreenshotAsync("home");

        await browser.ClickLinkAsync("eBPF & Networking Track");
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = "Program committee" })).ToBeVisibleAsync();
        await Assertions.Expect(browser.Page.Locator("ul.committee")).ToContainTextAsync("Daniel Borkmann (Isovalent) — chair");

        Assert.True(new FileInfo(home).Length > 10_000, $"The screenshot {home} looks empty.");
    }
}
