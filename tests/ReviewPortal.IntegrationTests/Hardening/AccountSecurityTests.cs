using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Hardening;

/// <summary>
/// What an attacker probing the account forms can learn (issue 6, points 7 and 8): nothing about who has an
/// account, and nothing from a cookie copied before its owner signed out.
/// </summary>
public sealed partial class AccountSecurityTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private static string NewEmail(string what) => $"{what}-{Guid.NewGuid():N}@example.org";

    // ---- point 7: account enumeration ----

    [Fact]
    public async Task Registering_a_taken_address_looks_exactly_like_registering_a_new_one_and_the_owner_is_mailed_instead()
    {
        var owner = NewEmail("owner");
        await Accounts.SignedInClientAsync(app, owner, "Original Owner");
        var fresh = NewEmail("fresh");

        var taken = await RegisterThroughThePageAsync(owner);
        var free = await RegisterThroughThePageAsync(fresh);

        Assert.Equal(free.Status, taken.Status);
        Assert.Equal(Uri.UnescapeDataString(free.Location ?? "").Replace(fresh, "EMAIL", StringComparison.Ordinal),
            Uri.UnescapeDataString(taken.Location ?? "").Replace(owner, "EMAIL", StringComparison.Ordinal));
        Assert.Equal(free.Text.Replace(fresh, "EMAIL", StringComparison.Ordinal), taken.Text.Replace(owner, "EMAIL", StringComparison.Ordinal));
        Assert.DoesNotContain("taken", taken.Text, StringComparison.OrdinalIgnoreCase);

        // No second account; the owner is told, with a way to sign in or reset the password.
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == owner)));
        Assert.Equal(1, await app.WithDbAsync(db => db.People.CountAsync(p => p.Email == owner)));
        var mail = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == owner && m.Kind == "account.register-attempt"));
        Assert.Contains("tried to register", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("/Account/Login", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("/Account/ForgotPassword", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == owner && m.Kind == "account.confirm-email")));
    }

    [Fact]
    public async Task Registering_a_taken_address_through_the_api_answers_like_a_new_one()
    {
        var owner = NewEmail("api-owner");
        var client = app.CreateClient();
        var first = await client.PostAsJsonAsync("/api/v1/accounts", new { email = owner, password = Accounts.Password, displayName = "Once" });
        var again = await client.PostAsJsonAsync("/api/v1/accounts", new { email = owner, password = Accounts.Password, displayName = "Twice" });
        var other = await client.PostAsJsonAsync("/api/v1/accounts", new { email = NewEmail("api-new"), password = Accounts.Password, displayName = "New" });

        Assert.True(first.IsSuccessStatusCode, $"{first.StatusCode}");
        Assert.Equal(other.StatusCode, again.StatusCode);
        Assert.Equal(other.Headers.Location, again.Headers.Location);
        Assert.Equal(Shape(await other.Content.ReadFromJsonAsync<JsonElement>()), Shape(await again.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(1, await app.WithDbAsync(db => db.People.CountAsync(p => p.Email == owner)));
        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == owner && m.Kind == "account.register-attempt")));
    }

    [Fact]
    public async Task Signing_in_with_an_unknown_address_says_the_same_as_a_wrong_password()
    {
        var known = NewEmail("known");
        await Accounts.SignedInClientAsync(app, known);

        var unknown = await ErrorTextAsync(NewEmail("nobody"), Accounts.Password);
        var wrong = await ErrorTextAsync(known, "not the password at all");

        Assert.Equal(wrong, unknown);
        Assert.Contains("The e-mail or password is wrong", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unconfirmed_account_with_a_wrong_password_does_not_say_confirm_first()
    {
        var unconfirmed = NewEmail("unconfirmed");
        var created = await app.CreateClient().PostAsJsonAsync("/api/v1/accounts", new { email = unconfirmed, password = Accounts.Password, displayName = "Not Yet" });
        Assert.True(created.IsSuccessStatusCode);

        var wrong = await ErrorTextAsync(unconfirmed, "not the password at all");
        Assert.DoesNotContain("Confirm your e-mail", wrong, StringComparison.Ordinal);
        Assert.Equal(await ErrorTextAsync(NewEmail("nobody"), "not the password at all"), wrong);

        // Only the right password earns the hint (and a way to get a new confirmation mail).
        var right = await ErrorTextAsync(unconfirmed, Accounts.Password);
        Assert.Contains("Confirm your e-mail address first", right, StringComparison.Ordinal);
    }

    // ---- point 8: server-side sessions ----

    [Fact]
    public async Task A_cookie_copied_before_sign_out_no_longer_works_after_it()
    {
        var email = NewEmail("replay");
        await Accounts.SignedInClientAsync(app, email);
        var browser = app.CreateBrowserClient();
        var cookie = await SessionCookies.SignInAndCopyCookieAsync(browser, email, Accounts.Password);
        var copy = SessionCookies.Replaying(app, cookie);
        Assert.Equal(HttpStatusCode.OK, await SessionCookies.MeStatusAsync(copy));

        await SessionCookies.SignOutAsync(browser);

        Assert.Equal(HttpStatusCode.Unauthorized, await SessionCookies.MeStatusAsync(copy));
        var page = await copy.GetAsync(new Uri("/Proposals", UriKind.Relative));
        Assert.True(HtmlPage.IsRedirect(page));
        Assert.Contains("/Account/Login", page.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_profile_lists_my_sessions_and_ending_the_other_one_stops_its_cookie()
    {
        var email = NewEmail("two-sessions");
        await Accounts.SignedInClientAsync(app, email);
        var laptop = app.CreateBrowserClient();
        laptop.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        await Accounts.SignInAsync(laptop, email, Accounts.Password);
        var phone = app.CreateBrowserClient();
        phone.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36");
        await Accounts.SignInAsync(phone, email, Accounts.Password);

        var profile = await HtmlPage.GetAsync(laptop, "/Account/Profile");
        var sessions = profile.Document.QuerySelectorAll("#sessions li");
        Assert.Contains(sessions, s => s.TextContent.Contains("Firefox on Linux", StringComparison.Ordinal) && s.TextContent.Contains("this device", StringComparison.Ordinal));
        Assert.Contains(sessions, s => s.TextContent.Contains("Chrome on Android", StringComparison.Ordinal));
        Assert.Contains("UTC", profile.Document.QuerySelector("#sessions")!.TextContent, StringComparison.Ordinal);

        var ended = await profile.SubmitAsync(laptop, new Dictionary<string, string>(), "form#end-other-sessions");
        Assert.True(HtmlPage.IsRedirect(ended), $"{ended.StatusCode}");

        Assert.Equal(HttpStatusCode.Unauthorized, await SessionCookies.MeStatusAsync(phone));
        Assert.Equal(HttpStatusCode.OK, await SessionCookies.MeStatusAsync(laptop));
        var after = await HtmlPage.GetAsync(laptop, "/Account/Profile");
        Assert.Single(after.Document.QuerySelectorAll("#sessions li"));
    }

    [Fact]
    public async Task Ending_one_named_session_from_the_profile_stops_only_that_cookie()
    {
        var email = NewEmail("end-one");
        var first = await Accounts.SignedInClientAsync(app, email);
        var second = app.CreateBrowserClient();
        await Accounts.SignInAsync(second, email, Accounts.Password);
        var third = app.CreateBrowserClient();
        await Accounts.SignInAsync(third, email, Accounts.Password);

        // From the first device, end the session shown last (the most recent: the third device's).
        var profile = await HtmlPage.GetAsync(first, "/Account/Profile");
        var forms = profile.Document.QuerySelectorAll("#sessions form.end-session");
        Assert.Equal(2, forms.Length); // the current session has no "end" button
        var newest = profile.Document.QuerySelectorAll("#sessions li").First(li => li.QuerySelector("form.end-session") is not null);
        var response = await profile.SubmitAsync(first, new Dictionary<string, string>(), $"form#{newest.QuerySelector("form.end-session")!.Id}");
        Assert.True(HtmlPage.IsRedirect(response));

        Assert.Equal(HttpStatusCode.OK, await SessionCookies.MeStatusAsync(first));
        var statuses = new[] { await SessionCookies.MeStatusAsync(second), await SessionCookies.MeStatusAsync(third) };
        Assert.Single(statuses, s => s == HttpStatusCode.Unauthorized);
        Assert.Single(statuses, s => s == HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_password_reset_ends_every_session_of_the_account()
    {
        var email = NewEmail("reset-ends");
        var signedIn = await Accounts.SignedInClientAsync(app, email);
        var other = app.CreateBrowserClient();
        await Accounts.SignInAsync(other, email, Accounts.Password);

        var anonymous = app.CreateBrowserClient();
        var forgot = await HtmlPage.GetAsync(anonymous, "/Account/ForgotPassword");
        await forgot.SubmitAsync(anonymous, new Dictionary<string, string> { ["Email"] = email });
        var mail = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == email && m.Kind == "account.reset-password"));
        var reset = await HtmlPage.GetAsync(anonymous, new Uri(LinkPattern().Match(mail.TextBody).Value).PathAndQuery);
        var done = await reset.SubmitAsync(anonymous, new Dictionary<string, string>
        {
            ["Input.NewPassword"] = "a brand new passphrase",
            ["Input.ConfirmPassword"] = "a brand new passphrase",
        });
        Assert.True(HtmlPage.IsRedirect(done), $"{done.StatusCode}");

        Assert.Equal(HttpStatusCode.Unauthorized, await SessionCookies.MeStatusAsync(signedIn));
        Assert.Equal(HttpStatusCode.Unauthorized, await SessionCookies.MeStatusAsync(other));
    }

    [Fact]
    public async Task A_signed_in_page_reads_its_session_from_the_cache_without_writing_to_the_database()
    {
        var email = NewEmail("cheap");
        var client = await Accounts.SignedInClientAsync(app, email);
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var before = await app.WithDbAsync(db => db.UserSessions.AsNoTracking().SingleAsync(s => s.UserId == userId && s.RevokedUtc == null));

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, await SessionCookies.MeStatusAsync(client));

        var after = await app.WithDbAsync(db => db.UserSessions.AsNoTracking().SingleAsync(s => s.Id == before.Id));
        Assert.Equal(before.LastSeenUtc, after.LastSeenUtc); // last-seen is written at most once a minute
    }

    private async Task<(HttpStatusCode Status, string? Location, string Text)> RegisterThroughThePageAsync(string email)
    {
        var client = app.CreateBrowserClient();
        var register = await HtmlPage.GetAsync(client, "/Account/Register");
        var response = await register.SubmitAsync(client, new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Someone Else",
            ["Input.Email"] = email,
            ["Input.Password"] = "another long passphrase",
            ["Input.ConfirmPassword"] = "another long passphrase",
        });
        var location = response.Headers.Location?.OriginalString;
        var shown = location is null ? await HtmlPage.ParseAsync(response) : await HtmlPage.GetAsync(client, location);
        return (response.StatusCode, location, shown.Document.QuerySelector("main")?.TextContent ?? shown.Text);
    }

    private async Task<string> ErrorTextAsync(string email, string password)
    {
        var response = await Accounts.TrySignInAsync(app.CreateBrowserClient(), email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ParseAsync(response);
        return page.Document.QuerySelector(".errors")?.TextContent.Trim() ?? "";
    }

    /// <summary>A JSON body's property names and kinds, not its values (an id differs between two answers).</summary>
    private static string Shape(JsonElement json) => json.ValueKind == JsonValueKind.Object
        ? "{" + string.Join(",", json.EnumerateObject().Select(p => p.Name + ":" + Shape(p.Value))) + "}"
        : json.ValueKind.ToString();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
