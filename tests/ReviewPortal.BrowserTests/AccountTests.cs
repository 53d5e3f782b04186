using Microsoft.Playwright;
using ReviewPortal.BrowserTests.Infrastructure;

namespace ReviewPortal.BrowserTests;

/// <summary>Creating an account the way a person does: the register form, the link from the mail, the sign-in form.</summary>
public sealed class AccountTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task A_visitor_registers_opens_the_mailed_link_and_signs_in()
    {
        await using var browser = await app.NewSessionAsync();
        var email = $"speaker-{Guid.NewGuid():N}@example.org";

        await browser.GotoAsync("/");
        await browser.ClickLinkAsync("Register");
        await browser.FillAsync("Your name", "Ada Speaker");
        await browser.FillAsync("E-mail", email);
        await browser.FillAsync("Affiliation (optional)", "Analytical Engines");
        await browser.FillAsync("Password (at least 10 characters)", Password);
        await browser.FillAsync("Input.ConfirmPassword", Password); // by name works too
        await browser.ClickButtonAsync("Register");
        await browser.ExpectTextAsync("Check your mail");

        var mail = await browser.ReadLatestMailAsync(email, "account.confirm-email");
        Assert.NotNull(mail.FirstLink);
        await browser.OpenLinkFromLatestMailAsync(email, "account.confirm-email");
        await browser.ExpectTextAsync("your e-mail address is confirmed");

        await browser.ClickLinkAsync("sign in");
        await browser.FillAsync("E-mail", email);
        await browser.FillAsync("Password", Password);
        await browser.ClickButtonAsync("Sign in");

        Assert.Equal("/", browser.CurrentPath);
        var account = browser.Page.GetByRole(AriaRole.Navigation, new() { Name = "Account" });
        await Assertions.Expect(account.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }
}
