using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Hardening;

/// <summary>What the request pipeline answers to hostile or odd requests: hosts, charsets, big uploads, the error page, headers.</summary>
public sealed class RequestPipelineTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private HttpClient Browser(bool cookies = false)
    {
        var client = cookies ? app.CreateBrowserClient() : app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Accept.ParseAdd(BrowserAccept);
        return client;
    }

    [Fact]
    public async Task A_request_for_a_host_other_than_the_public_one_is_refused()
    {
        var evil = app.CreateClient(new() { BaseAddress = new Uri("http://evil.example"), AllowAutoRedirect = false });
        var response = await evil.GetAsync(new Uri("/Account/ForgotPassword", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        // The public host and loopback (health probes on the box) are served.
        foreach (var host in new[] { "http://localhost", "http://127.0.0.1" })
        {
            var ok = await app.CreateClient(new() { BaseAddress = new Uri(host) }).GetAsync(new Uri("/Account/ForgotPassword", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
    }

    [Theory]
    [InlineData("application/json; charset=utf-7")]
    [InlineData("application/json; charset=x-unknown")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task Json_in_a_charset_other_than_utf8_is_a_415_problem(string contentType)
    {
        var content = new StringContent("""{"email":"charset@example.org","password":"correct horse battery","displayName":"C"}""");
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await app.CreateClient().PostAsync(new Uri("/api/v1/accounts", UriKind.Relative), content);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("UTF-8", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_declared_as_utf8_is_read()
    {
        var content = new StringContent($$"""{"email":"utf8-{{Guid.NewGuid():N}}@example.org","password":"correct horse battery","displayName":"Zoë"}""");
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=UTF-8");
        var response = await app.CreateClient().PostAsync(new Uri("/api/v1/accounts", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task An_api_error_is_a_problem_even_when_a_browser_asks_for_it()
    {
        // A browser's fetch sends text/html among its Accept types; the exception handler had already moved the path to /Error.
        var response = await Browser().GetAsync(new Uri("/api/v1/conferences/nope/tracks/nope", UriKind.Relative));
        await Problems.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/Error")]
    [InlineData("/Error?code=0")]
    [InlineData("/Error?code=99")]
    [InlineData("/Error?code=1000")]
    [InlineData("/Error?code=-1")]
    [InlineData("/Error?code=500")]
    [InlineData("/Error?code=abc")]
    public async Task The_error_page_opened_directly_is_a_404_page(string url)
    {
        var page = await HtmlPage.GetAsync(Browser(), url);
        Assert.Equal(HttpStatusCode.NotFound, page.Response.StatusCode);
        Assert.Contains("Not found", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_error_page_posted_to_directly_is_a_404_page()
    {
        var response = await Browser().PostAsync(new Uri("/Error?code=0", UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_file_over_the_upload_limit_on_the_chairs_import_page_is_a_field_error_naming_the_limit()
    {
        var chairEmail = $"chair-{Guid.NewGuid():N}@example.org";
        var chair = await Accounts.SignedInClientAsync(app, chairEmail, "Big File Chair");
        var trackId = await TestTracks.CreateAsync(app, chairEmail);

        var page = await HtmlPage.GetAsync(chair, $"/Chair/{trackId}/Proposals");
        var form = page.Document.QuerySelector("form[enctype='multipart/form-data']")!;
        Assert.Contains("up to 10 MB", form.TextContent, StringComparison.Ordinal);

        using var body = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[11 * 1024 * 1024]), "File", "proposals.json" },
        };
        var response = await chair.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), body);
        var shown = HtmlPage.IsRedirect(response)
            ? await HtmlPage.GetAsync(chair, response.Headers.Location!.OriginalString)
            : await HtmlPage.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, shown.Response.StatusCode);
        Assert.Contains("10 MB", shown.FieldErrors()["File"], StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Submissions.CountAsync(s => s.TrackId == trackId)));
    }

    [Fact]
    public async Task A_body_over_the_upload_limit_on_the_import_api_is_a_413_problem_naming_the_limit()
    {
        var chairEmail = $"chair-{Guid.NewGuid():N}@example.org";
        var chair = await Accounts.SignedInClientAsync(app, chairEmail, "Big Body Chair");
        var trackId = await TestTracks.CreateAsync(app, chairEmail);
        var content = new ByteArrayContent(new byte[11 * 1024 * 1024]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await chair.PostAsync(new Uri($"/api/v1/tracks/{trackId}/proposals/import", UriKind.Relative), content);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("10 MB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_in_api_answers_and_exports_are_not_stored_by_caches()
    {
        var chairEmail = $"chair-{Guid.NewGuid():N}@example.org";
        var chair = await Accounts.SignedInClientAsync(app, chairEmail, "Cache Chair");
        var trackId = await TestTracks.CreateAsync(app, chairEmail);

        foreach (var url in new[] { "/api/v1/me", $"/api/v1/tracks/{trackId}/proposals", $"/api/v1/tracks/{trackId}/proposals/export.csv", $"/api/v1/tracks/{trackId}/proposals/export.json" })
        {
            var response = await chair.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{url}: Cache-Control is '{response.Headers.CacheControl}'");
        }
    }

    [Fact]
    public async Task Without_signing_in_a_page_that_needs_it_says_sign_in_and_links_to_the_login_with_the_way_back()
    {
        var page = await HtmlPage.GetAsync(Browser(), "/jobs");
        Assert.Equal(HttpStatusCode.Unauthorized, page.Response.StatusCode);
        Assert.Contains("Sign in needed", page.Text, StringComparison.Ordinal);
        var signIn = page.Document.QuerySelectorAll("main a").Single(a => a.TextContent.Trim() == "Sign in");
        Assert.Equal("/Account/Login?ReturnUrl=%2Fjobs", signIn.GetAttribute("href"));
    }

    [Fact]
    public async Task A_page_one_may_not_open_says_not_allowed_and_links_home()
    {
        var speaker = await Accounts.SignedInClientAsync(app, $"denied-{Guid.NewGuid():N}@example.org");
        speaker.DefaultRequestHeaders.Accept.ParseAdd(BrowserAccept);
        foreach (var url in new[] { "/jobs", "/Account/AccessDenied" })
        {
            var page = await HtmlPage.GetAsync(speaker, url);
            Assert.Equal(HttpStatusCode.Forbidden, page.Response.StatusCode);
            Assert.Contains("Not allowed", page.Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
            Assert.Contains(page.Document.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/");
        }
    }

    [Fact]
    public async Task A_page_that_does_not_exist_says_not_found_and_links_home()
    {
        var page = await HtmlPage.GetAsync(Browser(), "/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, page.Response.StatusCode);
        Assert.Equal("Not found", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains(page.Document.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/");
    }

    [Fact]
    public async Task Every_page_starts_with_a_skip_link_to_the_content_and_names_a_favicon_that_is_served()
    {
        var page = await HtmlPage.GetAsync(Browser(), "/");
        var first = page.Document.Body!.QuerySelector("a")!;
        Assert.Equal("Skip to content", first.TextContent.Trim());
        Assert.NotNull(page.Document.QuerySelector(first.GetAttribute("href")!));

        var icon = page.Document.QuerySelector("link[rel=icon]")!.GetAttribute("href")!;
        foreach (var url in new[] { icon, "/favicon.ico" })
        {
            var response = await app.CreateClient().GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("image/", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        }
    }
}

/// <summary>Development without App:PublicBaseUrl: links in mail name the address the app listens on, never the request's Host.</summary>
public sealed class DevelopmentLinkTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    [Fact]
    public async Task A_reset_or_confirmation_mail_requested_with_a_forged_host_links_to_the_app_not_to_that_host()
    {
        var email = $"poison-{Guid.NewGuid():N}@example.org";
        var evil = app.CreateClient(new() { BaseAddress = new Uri("http://evil.example"), AllowAutoRedirect = false, HandleCookies = true });
        var registered = await evil.PostAsJsonAsync("/api/v1/accounts", new { email, password = Accounts.Password, displayName = "Poisoned" });
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        await Accounts.ConfirmFromMailAsync(app, app.CreateBrowserClient(), email);

        var forgot = await HtmlPage.GetAsync(evil, "/Account/ForgotPassword");
        await forgot.SubmitAsync(evil, new Dictionary<string, string> { ["Email"] = email });

        var mails = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == email).ToListAsync());
        Assert.Contains(mails, m => m.Kind == "account.reset-password");
        Assert.All(mails, m =>
        {
            Assert.DoesNotContain("evil.example", m.TextBody, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("http://localhost/Account/", m.TextBody, StringComparison.Ordinal);
        });
    }
}

/// <summary>Behind a TLS-terminating proxy (public URL https, the request itself http).</summary>
public sealed class HttpsPublicUrlTests(HttpsPublicApp app) : IClassFixture<HttpsPublicApp>
{
    [Fact]
    public async Task Every_cookie_is_secure_when_the_public_url_is_https()
    {
        var email = $"secure-{Guid.NewGuid():N}@example.org";
        var api = app.CreateClient();
        var registered = await api.PostAsJsonAsync("/api/v1/accounts", new { email, password = Accounts.Password, displayName = "Secure" });
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        await Accounts.ConfirmFromMailAsync(app, api, email);
        Assert.StartsWith(HttpsPublicApp.PublicBaseUrl + "/Account/", await Accounts.ConfirmationLinkAsync(app, email), StringComparison.Ordinal);

        // Cookies by hand: a cookie container would not send secure cookies back over http.
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var login = await HtmlPage.GetAsync(client, "/Account/Login");
        var cookies = login.Response.Headers.GetValues("Set-Cookie").ToList();
        var form = login.Document.QuerySelector("main form")!;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
                ["Input.Email"] = email,
                ["Input.Password"] = Accounts.Password,
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => c.Split(';')[0])));
        var signedIn = await client.SendAsync(post);
        Assert.True(HtmlPage.IsRedirect(signedIn), $"Sign-in failed: {signedIn.StatusCode}");
        cookies.AddRange(signedIn.Headers.GetValues("Set-Cookie"));

        Assert.Contains(cookies, c => c.StartsWith("ReviewPortal.Auth", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("ReviewPortal.Antiforgery", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>On real Kestrel.</summary>
public sealed class KestrelHeaderTests(KestrelApp app) : IClassFixture<KestrelApp>
{
    [Fact]
    public async Task Answers_do_not_name_the_server_software()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        foreach (var url in new[] { "/", "/api/v1/conferences", "/no/such/page" })
        {
            var response = await http.GetAsync(new Uri(url, UriKind.Relative));
            Assert.False(response.Headers.Contains("Server"), $"{url}: Server: {string.Join(",", response.Headers.Server)}");
        }
    }
}

/// <summary>The sign-in rate limit as a browser and as an API client meet it.</summary>
public sealed class RateLimitAnswerTests(Foundation.StrictRateLimitApp app) : IClassFixture<Foundation.StrictRateLimitApp>
{
    [Fact]
    public async Task Too_many_attempts_get_a_429_page_in_the_browser_and_a_429_problem_in_the_api_both_saying_when_to_retry()
    {
        var browser = app.CreateBrowserClient();
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
            last = await Accounts.TrySignInAsync(browser, "someone@example.org", "guess " + i);

        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        Assert.Equal("text/html", last.Content.Headers.ContentType?.MediaType);
        var page = await HtmlPage.ParseAsync(last);
        Assert.Contains("Too many attempts", page.Text, StringComparison.Ordinal);

        var api = await app.CreateClient().PostAsJsonAsync("/api/v1/accounts", new { email = "x@example.org", password = "x", displayName = "x" });
        await Problems.AssertAsync(api, HttpStatusCode.TooManyRequests);
        Assert.True(api.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
    }
}

/// <summary>PostgreSQL refuses connections: every user gets a quick 503 with Retry-After, not a slow 500.</summary>
public sealed class DatabaseDownTests(DatabaseDownApp app) : IClassFixture<DatabaseDownApp>
{
    [Fact]
    public async Task A_page_is_a_503_page_with_retry_after_quickly()
    {
        var browser = app.CreateClient();
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        await browser.GetAsync(new Uri("/favicon.ico", UriKind.Relative)); // the app is up

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var page = await HtmlPage.GetAsync(browser, "/");
        watch.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Response.StatusCode);
        Assert.True(page.Response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        Assert.Contains("Try again", page.Text, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task An_api_call_is_a_503_problem_with_retry_after_quickly()
    {
        var client = app.CreateClient();
        await client.GetAsync(new Uri("/favicon.ico", UriKind.Relative));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var response = await client.GetAsync(new Uri("/api/v1/conferences", UriKind.Relative));
        watch.Stop();

        await Problems.AssertAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
    }
}

/// <summary>PostgreSQL goes away under signed-in users: open pooled connections are cut, new ones refused.</summary>
public sealed class DatabaseGoesDownTests(DatabaseGoesDownApp app) : IClassFixture<DatabaseGoesDownApp>
{
    [Fact]
    public async Task A_signed_in_speaker_gets_the_503_page_and_the_api_a_503_problem_when_the_database_goes_away()
    {
        var speaker = await Accounts.SignedInClientAsync(app, $"down-{Guid.NewGuid():N}@example.org");
        speaker.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        Assert.Equal(HttpStatusCode.OK, (await HtmlPage.GetAsync(speaker, "/Proposals")).Response.StatusCode);

        app.Proxy.Down();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var page = await HtmlPage.GetAsync(speaker, "/Proposals");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Response.StatusCode);
        Assert.True(page.Response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        Assert.Contains("Try again in a few seconds", page.Text, StringComparison.Ordinal);
        Assert.True(page.Response.Headers.CacheControl?.NoStore == true);

        var api = await speaker.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        await Problems.AssertAsync(api, HttpStatusCode.ServiceUnavailable);
        Assert.True(api.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(6), $"took {watch.Elapsed} for both");
    }
}
