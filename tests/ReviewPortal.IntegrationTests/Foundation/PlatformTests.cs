using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Foundation;

public sealed class JobServerApp : ReviewPortalApp
{
    public JobServerApp(PostgresServer server) : base(server) => Settings["Jobs:RunServer"] = "true";
}

public sealed class PlatformTests(JobServerApp app) : IClassFixture<JobServerApp>
{
    [Fact]
    public async Task Healthz_reports_postgresql_and_hangfire_healthy()
    {
        var body = await Eventually.ThatAsync(
            async () => await app.CreateClient().GetFromJsonAsync<JsonElement>("/healthz"),
            b => b.GetProperty("status").GetString() == "Healthy", TimeSpan.FromSeconds(20), "a healthy report");
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("postgresql").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("hangfire").GetProperty("status").GetString());
    }

    [Fact]
    public void The_job_server_registers_the_outbox_sweep_every_minute_and_the_purge_daily()
    {
        using var connection = app.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        var recurring = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection).ToDictionary(j => j.Id, j => j.Cron, StringComparer.Ordinal);

        Assert.Equal(Hangfire.Cron.Minutely(), recurring["outbox-sweep"]);
        Assert.Equal(Hangfire.Cron.Daily(3), recurring["outbox-purge"]);
    }

    [Fact]
    public void The_job_server_registers_the_discussion_digest_every_five_minutes_and_the_review_reminders_hourly()
    {
        using var connection = app.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        var recurring = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection).ToDictionary(j => j.Id, j => j.Cron, StringComparer.Ordinal);

        Assert.Equal("*/5 * * * *", recurring["discussion-digests"]);
        Assert.Equal(Hangfire.Cron.Hourly(), recurring["review-reminders"]);
    }

    [Fact]
    public async Task Pages_carry_security_headers_and_forms_carry_an_antiforgery_token()
    {
        var page = await HtmlPage.GetAsync(app.CreateClient(), "/Account/Login");
        var headers = page.Response.Headers;
        Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("script-src 'self'", headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("form input[name=__RequestVerificationToken]"));
        // The key that protects that token (and the sign-in cookie) lives in PostgreSQL, shared by every app node.
        Assert.True(await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.DataProtectionKeys)));
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        var response = await app.CreateBrowserClient().PostAsync(new Uri("/Account/Login", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "a@example.org", ["Input.Password"] = "x" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_jobs_dashboard_is_for_admins_only()
    {
        var anonymous = await app.CreateBrowserClient().GetAsync(new Uri("/jobs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var speaker = await Accounts.SignedInClientAsync(app, "not-admin@example.org");
        var forbidden = await speaker.GetAsync(new Uri("/jobs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var admin = await Accounts.SignedInAdminAsync(app, "admin@example.org");
        var dashboard = await admin.GetAsync(new Uri("/jobs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("ReviewPortal jobs", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_things_are_a_404_problem_in_the_api_and_a_404_page_in_the_browser()
    {
        var api = await app.CreateClient().GetAsync(new Uri("/api/v1/conferences/nope/tracks/nope", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);

        var browser = app.CreateClient();
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        var page = await HtmlPage.GetAsync(browser, "/c/nope/nope");
        Assert.Equal(HttpStatusCode.NotFound, page.Response.StatusCode);
        Assert.Contains("Not found", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_401_from_the_api_has_a_problem_body_and_a_browser_is_sent_to_the_login_page()
    {
        var api = await app.CreateClient().GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);

        var page = await app.CreateBrowserClient().GetAsync(new Uri("/Proposals", UriKind.Relative));
        Assert.True(HtmlPage.IsRedirect(page));
        Assert.StartsWith("http://localhost/Account/Login?ReturnUrl=%2FProposals", page.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_v1_api()
    {
        var doc = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/accounts", paths);
        Assert.Contains("/api/v1/conferences", paths);
    }
}

public sealed class StrictRateLimitApp : ReviewPortalApp
{
    public StrictRateLimitApp(PostgresServer server) : base(server) => Settings["RateLimiting:Auth:PermitLimit"] = "3";
}

public sealed class RateLimitTests(StrictRateLimitApp app) : IClassFixture<StrictRateLimitApp>
{
    [Fact]
    public async Task Repeated_sign_in_attempts_from_one_address_are_rate_limited()
    {
        var client = app.CreateBrowserClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await Accounts.TrySignInAsync(client, "someone@example.org", "guess " + i)).StatusCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(3));
        Assert.All(statuses.Skip(3), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }
}

public sealed class AdminBootstrapTests(PostgresServer server)
{
    [Fact]
    public async Task An_address_listed_in_AdminEmails_becomes_admin_at_the_next_start()
    {
        var email = $"boss-{Guid.NewGuid():N}@example.org";
        string connectionString;
        await using (var first = new ReviewPortalApp(server))
        {
            await first.InitializeAsync();
            await Accounts.SignedInClientAsync(first, email, "The Boss");
            connectionString = first.ConnectionString;
        }

        await using var second = new ConfiguredApp(server, connectionString, email);
        var client = second.CreateBrowserClient();
        await Accounts.SignInAsync(client, email, Accounts.Password);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.True(me.GetProperty("isAdmin").GetBoolean());
    }

    private sealed class ConfiguredApp : ReviewPortalApp
    {
        private readonly string _connectionString;

        public ConfiguredApp(PostgresServer server, string connectionString, string adminEmail) : base(server)
        {
            _connectionString = connectionString;
            Settings["App:AdminEmails:0"] = adminEmail;
        }

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:ReviewPortal", _connectionString);
        }
    }
}
