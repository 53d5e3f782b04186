using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.IntegrationTests.Hardening;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.SelfService;

/// <summary>What a person can do with their own account without asking anyone (issue 6, "rough edges").</summary>
public sealed partial class SelfServiceTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private static string NewEmail(string what) => $"{what}-{Guid.NewGuid():N}@example.org";

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_the_repeat_and_ends_my_other_sessions_but_not_this_one()
    {
        var email = NewEmail("change-pw");
        var client = await Accounts.SignedInClientAsync(app, email);
        var other = app.CreateBrowserClient();
        await Accounts.SignInAsync(other, email, Accounts.Password);

        var form = await HtmlPage.GetAsync(client, "/Account/ChangePassword");
        var refused = await HtmlPage.ParseAsync(await form.SubmitAsync(client, new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "not my password at all",
            ["Input.NewPassword"] = "short",
            ["Input.ConfirmPassword"] = "different",
        }));
        var errors = refused.FieldErrors();
        Assert.Contains("Input.CurrentPassword", errors.Keys);
        Assert.Contains("Input.NewPassword", errors.Keys);
        Assert.Contains("Input.ConfirmPassword", errors.Keys);

        var changed = await form.SubmitAsync(client, new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = Accounts.Password,
            ["Input.NewPassword"] = "my second long passphrase",
            ["Input.ConfirmPassword"] = "my second long passphrase",
        });
        Assert.True(HtmlPage.IsRedirect(changed), $"{changed.StatusCode}");
        var profile = await HtmlPage.GetAsync(client, changed.Headers.Location!.OriginalString);
        Assert.Contains("other sessions were ended", profile.Text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, await SessionCookies.MeStatusAsync(client));
        Assert.Equal(HttpStatusCode.Unauthorized, await SessionCookies.MeStatusAsync(other));
        await Accounts.SignInAsync(app.CreateBrowserClient(), email, "my second long passphrase");
        var old = await Accounts.TrySignInAsync(app.CreateBrowserClient(), email, Accounts.Password);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
    }

    [Fact]
    public async Task The_login_page_offers_a_new_confirmation_mail_and_the_resend_page_answers_the_same_for_any_address()
    {
        var email = NewEmail("resend");
        var created = await app.CreateClient().PostAsJsonAsync("/api/v1/accounts", new { email, password = Accounts.Password, displayName = "Lost Mail" });
        Assert.True(created.IsSuccessStatusCode);
        var client = app.CreateBrowserClient();
        var login = await HtmlPage.ParseAsync(await Accounts.TrySignInAsync(client, email, Accounts.Password));
        var resendLink = login.Document.QuerySelector("a[href^='/Account/ResendConfirmation']")?.GetAttribute("href");
        Assert.NotNull(resendLink);

        var resend = await HtmlPage.GetAsync(client, resendLink);
        var known = await HtmlPage.ParseAsync(await resend.SubmitAsync(client, new Dictionary<string, string> { ["Email"] = email }));
        var unknownAddress = NewEmail("nobody");
        var unknown = await HtmlPage.ParseAsync(await resend.SubmitAsync(client, new Dictionary<string, string> { ["Email"] = unknownAddress }));
        Assert.Equal(unknown.Document.QuerySelector("main")!.TextContent.Replace(unknownAddress, "EMAIL", StringComparison.Ordinal),
            known.Document.QuerySelector("main")!.TextContent.Replace(email, "EMAIL", StringComparison.Ordinal));
        Assert.Contains("confirmation link is on its way", known.Text, StringComparison.Ordinal);

        Assert.Equal(2, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == email && m.Kind == "account.confirm-email")));
        Assert.False(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == unknownAddress)));
        await Accounts.ConfirmFromMailAsync(app, client, email); // the newest link works
        await Accounts.SignInAsync(client, email, Accounts.Password);
    }

    [Fact]
    public async Task Changing_the_email_takes_effect_only_when_the_new_address_confirms_it_and_the_old_address_is_told()
    {
        var oldEmail = NewEmail("old");
        var newEmail = NewEmail("new");
        var client = await Accounts.SignedInClientAsync(app, oldEmail, "Moving Person");

        var form = await HtmlPage.GetAsync(client, "/Account/ChangeEmail");
        var wrong = await HtmlPage.ParseAsync(await form.SubmitAsync(client, new Dictionary<string, string>
        {
            ["Input.NewEmail"] = newEmail,
            ["Input.CurrentPassword"] = "not my password at all",
        }));
        Assert.Contains("Input.CurrentPassword", wrong.FieldErrors().Keys);
        Assert.False(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == newEmail)));

        var asked = await HtmlPage.ParseAsync(await form.SubmitAsync(client, new Dictionary<string, string>
        {
            ["Input.NewEmail"] = newEmail,
            ["Input.CurrentPassword"] = Accounts.Password,
        }));
        Assert.Contains("confirmation link is on its way", asked.Text, StringComparison.Ordinal);
        // Nothing changes until the new address confirms.
        Assert.Equal(oldEmail, (await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/me")).GetProperty("email").GetString());

        var mail = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == newEmail && m.Kind == "account.change-email"));
        var confirm = await HtmlPage.GetAsync(client, new Uri(LinkPattern().Match(mail.TextBody).Value).PathAndQuery);
        Assert.Contains("Your e-mail address is now", confirm.Text, StringComparison.Ordinal);

        Assert.Equal(newEmail, (await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/me")).GetProperty("email").GetString());
        var told = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == oldEmail && m.Kind == "account.email-changed"));
        Assert.Contains(newEmail, told.TextBody, StringComparison.Ordinal);
        await Accounts.SignInAsync(app.CreateBrowserClient(), newEmail, Accounts.Password);
        var byOld = await Accounts.TrySignInAsync(app.CreateBrowserClient(), oldEmail, Accounts.Password);
        Assert.Equal(HttpStatusCode.OK, byOld.StatusCode);
    }

    [Fact]
    public async Task Changing_to_a_taken_address_answers_the_same_and_changes_nothing()
    {
        var mine = NewEmail("mine");
        var theirs = NewEmail("theirs");
        await Accounts.SignedInClientAsync(app, theirs);
        var client = await Accounts.SignedInClientAsync(app, mine);

        var form = await HtmlPage.GetAsync(client, "/Account/ChangeEmail");
        var asked = await HtmlPage.ParseAsync(await form.SubmitAsync(client, new Dictionary<string, string>
        {
            ["Input.NewEmail"] = theirs,
            ["Input.CurrentPassword"] = Accounts.Password,
        }));
        Assert.Contains("confirmation link is on its way", asked.Text, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == theirs && m.Kind == "account.change-email")));
        Assert.Equal(mine, (await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/me")).GetProperty("email").GetString());
    }

    [Fact]
    public async Task The_reset_form_asks_for_the_new_password_twice()
    {
        var email = NewEmail("reset-repeat");
        await Accounts.SignedInClientAsync(app, email);
        var client = app.CreateBrowserClient();
        var forgot = await HtmlPage.GetAsync(client, "/Account/ForgotPassword");
        await forgot.SubmitAsync(client, new Dictionary<string, string> { ["Email"] = email });
        var mail = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == email && m.Kind == "account.reset-password"));
        var reset = await HtmlPage.GetAsync(client, new Uri(LinkPattern().Match(mail.TextBody).Value).PathAndQuery);
        Assert.NotNull(reset.Document.QuerySelector("input[name='Input.ConfirmPassword']"));

        var mismatch = await HtmlPage.ParseAsync(await reset.SubmitAsync(client, new Dictionary<string, string>
        {
            ["Input.NewPassword"] = "a brand new passphrase",
            ["Input.ConfirmPassword"] = "a brand new passphrasE",
        }));
        Assert.Contains("Input.ConfirmPassword", mismatch.FieldErrors().Keys);
        await Accounts.SignInAsync(app.CreateBrowserClient(), email, Accounts.Password); // unchanged
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
