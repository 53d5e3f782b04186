using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Foundation;

public sealed class AccountTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    [Fact]
    public async Task Register_puts_a_confirmation_mail_in_the_outbox_and_the_link_lets_the_person_sign_in()
    {
        var client = app.CreateBrowserClient();
        var register = await HtmlPage.GetAsync(client, "/Account/Register");
        var response = await register.SubmitAsync(client, new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Ada Speaker",
            ["Input.Email"] = "ada@example.org",
            ["Input.Affiliation"] = "Analytical Engines",
            ["Input.Password"] = Accounts.Password,
            ["Input.ConfirmPassword"] = Accounts.Password,
        });
        Assert.True(HtmlPage.IsRedirect(response));
        Assert.StartsWith("/Account/RegisterConfirmation", response.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var mail = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == "ada@example.org"));
        Assert.Equal("account.confirm-email", mail.Kind);
        Assert.Null(mail.SentUtc);
        Assert.Contains("Hello Ada Speaker", mail.TextBody, StringComparison.Ordinal);

        // Before confirming, signing in is refused with a message saying why.
        var early = await HtmlPage.ParseAsync(await Accounts.TrySignInAsync(client, "ada@example.org", Accounts.Password));
        Assert.Contains("Confirm your e-mail address first", early.Text, StringComparison.Ordinal);

        await Accounts.ConfirmFromMailAsync(app, client, "ada@example.org");
        await Accounts.SignInAsync(client, "ada@example.org", Accounts.Password);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("Ada Speaker", me.GetProperty("displayName").GetString());
        Assert.Equal("Analytical Engines", me.GetProperty("affiliation").GetString());
    }

    [Fact]
    public async Task Register_page_shows_field_errors_and_creates_nothing()
    {
        var client = app.CreateBrowserClient();
        var register = await HtmlPage.GetAsync(client, "/Account/Register");
        var response = await register.SubmitAsync(client, new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "",
            ["Input.Email"] = "not-an-address",
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "short",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await HtmlPage.ParseAsync(response)).FieldErrors();
        Assert.Contains("Input.Email", errors.Keys);
        Assert.Contains("Input.DisplayName", errors.Keys);
        Assert.Contains("Input.Password", errors.Keys);
        Assert.False(await app.WithDbAsync(db => db.People.AnyAsync(p => p.Email == "not-an-address")));
    }

    [Fact]
    public async Task Invalid_registration_through_the_api_is_a_400_problem_with_the_fields_named()
    {
        var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/accounts", new { email = "nope", password = "x", displayName = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("Email", fields);
        Assert.Contains("Password", fields);
        Assert.Contains("DisplayName", fields);
        Assert.False(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == "nope")));
    }

    [Fact]
    public async Task Registering_the_same_address_twice_makes_one_account_and_mails_its_owner()
    {
        var client = app.CreateClient();
        var first = await client.PostAsJsonAsync("/api/v1/accounts", new { email = "twice@example.org", password = Accounts.Password, displayName = "Once" });
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        // The same answer as for a new address (see Hardening.AccountSecurityTests): the form does not tell who has an account.
        var second = await client.PostAsJsonAsync("/api/v1/accounts", new { email = "twice@example.org", password = Accounts.Password, displayName = "Twice" });
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.People.CountAsync(p => p.Email == "twice@example.org")));
        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == "twice@example.org" && m.Kind == "account.register-attempt")));
    }

    [Fact]
    public async Task An_anonymous_call_to_a_protected_endpoint_is_401()
    {
        var response = await app.CreateClient().GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var client = await Accounts.SignedInClientAsync(app, "lock@example.org");
        var other = app.CreateBrowserClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await Accounts.TrySignInAsync(other, "lock@example.org", "wrong password " + i);
            if (i < 4)
                Assert.Contains("The e-mail or password is wrong", (await HtmlPage.ParseAsync(wrong)).Text, StringComparison.Ordinal);
        }

        var right = await Accounts.TrySignInAsync(other, "lock@example.org", Accounts.Password);
        Assert.True(HtmlPage.IsRedirect(right));
        Assert.Equal("/Account/Lockout", right.Headers.Location?.OriginalString);
        _ = client;
    }

    [Fact]
    public async Task A_password_reset_mail_lets_the_owner_choose_a_new_password()
    {
        await Accounts.SignedInClientAsync(app, "forgot@example.org");
        var client = app.CreateBrowserClient();
        var forgot = await HtmlPage.GetAsync(client, "/Account/ForgotPassword");
        var sent = await HtmlPage.ParseAsync(await forgot.SubmitAsync(client, new Dictionary<string, string> { ["Email"] = "forgot@example.org" }));
        Assert.Contains("reset link is on its way", sent.Text, StringComparison.Ordinal);

        var mail = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .SingleAsync(m => m.ToAddress == "forgot@example.org" && m.Kind == "account.reset-password"));
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(mail.TextBody, @"https?://\S+").Value);
        var reset = await HtmlPage.GetAsync(client, link.PathAndQuery);
        var done = await reset.SubmitAsync(client, new Dictionary<string, string> { ["Input.NewPassword"] = "a brand new passphrase", ["Input.ConfirmPassword"] = "a brand new passphrase" });
        Assert.True(HtmlPage.IsRedirect(done));

        await Accounts.SignInAsync(client, "forgot@example.org", "a brand new passphrase");
        var old = await Accounts.TrySignInAsync(app.CreateBrowserClient(), "forgot@example.org", Accounts.Password);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode); // the form again, with an error: the old password no longer works
    }

    [Fact]
    public async Task A_reset_request_for_an_unknown_address_looks_the_same_and_sends_nothing()
    {
        var client = app.CreateBrowserClient();
        var forgot = await HtmlPage.GetAsync(client, "/Account/ForgotPassword");
        var page = await HtmlPage.ParseAsync(await forgot.SubmitAsync(client, new Dictionary<string, string> { ["Email"] = "nobody@example.org" }));
        Assert.Contains("reset link is on its way", page.Text, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == "nobody@example.org")));
    }
}
