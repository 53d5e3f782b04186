using Microsoft.Playwright;
using ReviewPortal.BrowserTests.Infrastructure;

namespace ReviewPortal.BrowserTests;

/// <summary>A speaker makes an API token from the profile page, copies it from the one page that shows it, and revokes it.</summary>
public sealed class ApiTokenTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_speaker_creates_a_token_from_the_profile_sees_it_once_on_a_phone_and_revokes_it()
    {
        await using var browser = await app.NewSessionAsync();
        var speaker = app.DemoLogin("speaker");
        await browser.Page.SetViewportSizeAsync(390, 844);
        await browser.SignInAsync(speaker.Email, speaker.Password);

        await browser.GotoAsync("/Account/Profile");
        await browser.ClickLinkAsync("Create an API token");
        await browser.FillAsync("What is it for?", "Export script");
        await browser.FillAsync("Expires after (days)", "30");
        await browser.ClickButtonAsync("Create token");

        await browser.ExpectTextAsync("shown only this once");
        var token = await browser.Page.Locator("#new-token").InputValueAsync();
        Assert.StartsWith("rp_", token, StringComparison.Ordinal);
        Assert.True(await browser.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            "The token page scrolls sideways at 390 px");
        await browser.ScreenshotAsync("api-tokens");

        await browser.GotoAsync("/Account/Profile");
        await browser.ExpectTextAsync("Export script");
        Assert.DoesNotContain(token, await browser.TextAsync(), StringComparison.Ordinal);
        await browser.ClickButtonAsync("Revoke “Export script”");
        await browser.ExpectTextAsync("Token revoked");
        Assert.DoesNotContain("Export script", await browser.TextAsync(), StringComparison.Ordinal);
    }
}
