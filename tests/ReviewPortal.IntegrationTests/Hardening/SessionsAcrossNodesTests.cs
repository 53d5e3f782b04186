using System.Net;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Hardening;

/// <summary>Two app nodes on one database share the sessions: a sign-out on one ends the cookie on the other.</summary>
public sealed class SessionsAcrossNodesTests(PostgresServer server)
{
    [Fact]
    public async Task Signing_out_on_one_node_ends_the_cookie_on_the_other_within_its_cache_time()
    {
        await using var nodeA = new ReviewPortalApp(server);
        await nodeA.InitializeAsync();
        await using var nodeB = new SecondNode(server, nodeA.ConnectionString);

        var email = $"two-nodes-{Guid.NewGuid():N}@example.org";
        await Accounts.SignedInClientAsync(nodeA, email);
        var browser = nodeA.CreateBrowserClient();
        var cookie = await SessionCookies.SignInAndCopyCookieAsync(browser, email, Accounts.Password);
        var onB = SessionCookies.Replaying(nodeB, cookie);
        Assert.Equal(HttpStatusCode.OK, await SessionCookies.MeStatusAsync(onB)); // B reads the session A stored

        await SessionCookies.SignOutAsync(browser);

        Assert.Equal(HttpStatusCode.Unauthorized, await SessionCookies.MeStatusAsync(SessionCookies.Replaying(nodeA, cookie))); // at once on A
        await Eventually.ThatAsync(() => SessionCookies.MeStatusAsync(onB), s => s == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(15), "node B to notice the sign-out"); // within B's Sessions:CacheSeconds
    }

    private sealed class SecondNode : ReviewPortalApp
    {
        private readonly string _connectionString;

        public SecondNode(PostgresServer server, string connectionString) : base(server)
        {
            _connectionString = connectionString;
            Settings["Sessions:CacheSeconds"] = "1";
        }

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:ReviewPortal", _connectionString);
        }
    }
}
