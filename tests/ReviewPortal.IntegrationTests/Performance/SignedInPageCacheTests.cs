using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.IntegrationTests.Hardening;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Performance;

/// <summary>
/// The signed-in page cache (ADR 0023) as a chair and a speaker notice it: a reload is served from memory, and still
/// nobody ever sees a page from before a change, another person's page, or a page after signing out.
/// </summary>
public sealed class SignedInPageCacheTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    /// <summary>
    /// A client that sends exactly the cookies it is given and adds those the server sets (a browser's jar, visible):
    /// the first load sets the antiforgery cookie, so the second is the first one the cache may keep.
    /// </summary>
    private sealed class Browser(HttpClient client, string cookies)
    {
        public string Cookies { get; private set; } = cookies;

        public async Task<HttpResponseMessage> GetAsync(string url)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("Cookie", Cookies);
            var response = await client.SendAsync(request);
            foreach (var set in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = set.Split(';', 2)[0];
                var name = pair.Split('=', 2)[0];
                var kept = Cookies.Split("; ").Where(c => !c.StartsWith(name + "=", StringComparison.Ordinal));
                // An empty value with a past expiry is the server deleting the cookie, as a browser does.
                Cookies = string.Join("; ", pair.EndsWith('=') ? kept : kept.Append(pair));
            }
            return response;
        }

        /// <summary>Loads the page until it is answered from the cache (the Age header), at most three times.</summary>
        public async Task<string> LoadUntilCachedAsync(string url)
        {
            for (var i = 0; i < 3; i++)
            {
                var response = await GetAsync(url);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                if (response.Headers.Age is not null)
                    return await response.Content.ReadAsStringAsync();
            }
            Assert.Fail($"{url} was never served from the cache.");
            return "";
        }
    }

    private async Task<(Browser Chair, HttpClient ChairJar, HttpClient Speaker, Guid TrackId, string Email)> ChairWithTrackAsync()
    {
        var email = $"chair-{Guid.NewGuid():N}@example.org";
        var jar = await Accounts.SignedInClientAsync(app, email, "Cora Chair");
        var trackId = await TestTracks.CreateAsync(app, email);
        var cookie = await SessionCookies.SignInAndCopyCookieAsync(app.CreateBrowserClient(), email, Accounts.Password);
        var chair = new Browser(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }), cookie);
        var speaker = await Accounts.SignedInClientAsync(app, $"speaker-{Guid.NewGuid():N}@example.org", "Sam Speaker");
        return (chair, jar, speaker, trackId, email);
    }

    private static async Task<Guid> SubmitAsync(HttpClient speaker, Guid trackId, string title)
    {
        var response = await speaker.PostAsJsonAsync($"/api/v1/tracks/{trackId}/proposals", new
        {
            title,
            @abstract = "An abstract long enough for the call, about tracing BPF programs in production.",
            topics = new[] { "tracing" },
            submit = true,
        });
        return (await Problems.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_reloaded_list_comes_from_the_cache_and_a_new_submission_shows_on_the_next_load()
    {
        var (chair, _, speaker, trackId, _) = await ChairWithTrackAsync();
        await SubmitAsync(speaker, trackId, "First talk on tracing");
        var list = $"/Chair/{trackId}/Proposals";
        Assert.Contains("First talk on tracing", await chair.LoadUntilCachedAsync(list));

        await SubmitAsync(speaker, trackId, "Second talk on tracing");

        var response = await chair.GetAsync(list);
        Assert.Null(response.Headers.Age);
        Assert.Contains("Second talk on tracing", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_change_made_by_a_bulk_statement_shows_on_the_next_load()
    {
        var (chair, _, _, trackId, _) = await ChairWithTrackAsync();
        var list = $"/Chair/{trackId}/Proposals";
        await chair.LoadUntilCachedAsync(list);

        var renamed = $"Renamed track {Guid.NewGuid():N}";
        await app.WithDbAsync(db => db.Tracks.Where(t => t.Id == trackId).ExecuteUpdateAsync(u => u.SetProperty(t => t.Name, renamed)));

        Assert.Contains(renamed, await (await chair.GetAsync(list)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Someone_else_opening_the_same_address_gets_their_own_answer_not_the_chairs_cached_page()
    {
        var (chair, _, speaker, trackId, _) = await ChairWithTrackAsync();
        var id = await SubmitAsync(speaker, trackId, "A talk only its speaker and the chair may read");
        Assert.Contains("Notes for the committee", await chair.LoadUntilCachedAsync($"/Proposals/{id}"));

        var outsider = await Accounts.SignedInClientAsync(app, $"outsider-{Guid.NewGuid():N}@example.org", "Olga Outsider");
        var response = await outsider.GetAsync($"/Proposals/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("A talk only its speaker", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task After_signing_out_the_old_cookies_get_the_sign_in_page_not_the_cached_list()
    {
        var email = $"chair-{Guid.NewGuid():N}@example.org";
        await Accounts.SignedInClientAsync(app, email, "Cora Chair");
        var trackId = await TestTracks.CreateAsync(app, email);
        var jar = app.CreateBrowserClient();
        var cookie = await SessionCookies.SignInAndCopyCookieAsync(jar, email, Accounts.Password);
        var chair = new Browser(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }), cookie);
        var list = $"/Chair/{trackId}/Proposals";
        await chair.LoadUntilCachedAsync(list);

        await SessionCookies.SignOutAsync(jar); // the same session as the copied cookie

        var response = await chair.GetAsync(list);
        Assert.True(HtmlPage.IsRedirect(response), $"Expected the sign-in page, got {response.StatusCode}");
        Assert.Contains("/Account/Login", response.Headers.Location?.ToString() ?? "");
    }

    [Fact]
    public async Task Time_passing_on_the_apps_clock_renders_the_page_again()
    {
        var (chair, _, _, trackId, _) = await ChairWithTrackAsync();
        var list = $"/Chair/{trackId}/Proposals";
        await chair.LoadUntilCachedAsync(list);

        app.Clock.Advance(TimeSpan.FromSeconds(6)); // more than PageCache:Seconds (5)

        Assert.Null((await chair.GetAsync(list)).Headers.Age);
    }
}
