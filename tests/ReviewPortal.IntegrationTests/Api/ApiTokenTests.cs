using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Api;

/// <summary>Personal API tokens end to end: created with the cookie session, then used with no cookie at all.</summary>
public sealed class ApiTokenTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.org";

    private static async Task<(Guid Id, string Token)> CreateTokenAsync(HttpClient signedIn, string name = "CI script", int expiresInDays = 90)
    {
        var created = await Problems.JsonAsync(
            await signedIn.PostJsonAsync("/api/v1/me/tokens", new { name, expiresInDays }), HttpStatusCode.Created);
        return (created.GetProperty("id").GetGuid(), created.GetProperty("token").GetString()!);
    }

    /// <summary>A client with no cookie jar: only the Authorization header says who it is.</summary>
    private HttpClient BearerClient(string token)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static Task<HttpResponseMessage> Get(HttpClient client, string url) => client.GetAsync(new Uri(url, UriKind.Relative));

    [Fact]
    public async Task A_new_token_is_shown_once_and_acts_as_its_owner_without_a_cookie()
    {
        var owner = await Accounts.SignedInClientAsync(app, NewEmail("owner"), "Tina Token");
        var response = await owner.PostJsonAsync("/api/v1/me/tokens", new { name = "CI script", expiresInDays = 90 });
        var created = await Problems.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal(["id", "token"], created.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var token = created.GetProperty("token").GetString()!;
        Assert.StartsWith("rp_", token, StringComparison.Ordinal);

        var bearer = BearerClient(token);
        var me = await Problems.JsonAsync(await Get(bearer, "/api/v1/me"));
        var cookieMe = await Problems.JsonAsync(await Get(owner, "/api/v1/me"));
        Assert.Equal(cookieMe.GetProperty("id").GetGuid(), me.GetProperty("id").GetGuid());
        Assert.Equal("Tina Token", me.GetProperty("displayName").GetString());

        // Writes work with the token (no antiforgery token, no cookie).
        var renamed = await Problems.JsonAsync(await bearer.PutAsJsonAsync("/api/v1/me/profile", new { displayName = "Tina Renamed" }));
        Assert.Equal("Tina Renamed", renamed.GetProperty("displayName").GetString());

        var chairEmail = NewEmail("chair");
        await Accounts.SignedInClientAsync(app, chairEmail);
        var trackId = await TestTracks.CreateAsync(app, chairEmail);
        var proposal = await Problems.JsonAsync(await bearer.PostJsonAsync($"/api/v1/tracks/{trackId}/proposals",
            new { title = "Tokens for tooling", @abstract = "Scripts submit too.", topics = new[] { "TCP" }, submit = true }), HttpStatusCode.Created);
        Assert.Equal("Tina Renamed", proposal.GetProperty("speakers")[0].GetProperty("name").GetString());
        var mine = await Problems.JsonAsync(await Get(owner, "/api/v1/me/proposals"));
        Assert.Contains(mine.EnumerateArray(), p => p.GetProperty("id").GetGuid() == proposal.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_token_has_only_its_owners_rights_another_speakers_proposal_stays_404()
    {
        var chairEmail = NewEmail("chair");
        await Accounts.SignedInClientAsync(app, chairEmail);
        var trackId = await TestTracks.CreateAsync(app, chairEmail);
        var other = await Accounts.SignedInClientAsync(app, NewEmail("other"));
        var theirs = (await Problems.JsonAsync(await other.PostJsonAsync($"/api/v1/tracks/{trackId}/proposals",
            new { title = "Not yours", @abstract = "…", topics = new[] { "TCP" }, submit = true }), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var (_, token) = await CreateTokenAsync(await Accounts.SignedInClientAsync(app, NewEmail("owner")));
        var bearer = BearerClient(token);
        await Problems.AssertAsync(await Get(bearer, $"/api/v1/proposals/{theirs}"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await bearer.PostAsync(new Uri($"/api/v1/proposals/{theirs}/withdraw", UriKind.Relative), null), HttpStatusCode.NotFound);
        // Not an admin: the admin-only endpoint refuses.
        await Problems.AssertAsync(await bearer.PostJsonAsync("/api/v1/conferences",
            new { name = "Nope", slug = "nope-" + Guid.NewGuid().ToString("N")[..6], timeZoneId = "UTC", startDate = "2027-01-01", endDate = "2027-01-02" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_chairs_token_reads_the_chairs_list_and_a_speakers_token_gets_403_there()
    {
        var chairEmail = NewEmail("chair");
        var chair = await Accounts.SignedInClientAsync(app, chairEmail);
        var trackId = await TestTracks.CreateAsync(app, chairEmail);
        var speaker = await Accounts.SignedInClientAsync(app, NewEmail("speaker"));
        await Problems.JsonAsync(await speaker.PostJsonAsync($"/api/v1/tracks/{trackId}/proposals",
            new { title = "Listed for the chair", @abstract = "…", topics = new[] { "TCP" }, submit = true }), HttpStatusCode.Created);

        var (_, chairToken) = await CreateTokenAsync(chair);
        var list = await Problems.JsonAsync(await Get(BearerClient(chairToken), $"/api/v1/tracks/{trackId}/proposals"));
        Assert.Equal(["Listed for the chair"], list.GetProperty("proposals").EnumerateArray().Select(p => p.GetProperty("title").GetString()));

        var (_, speakerToken) = await CreateTokenAsync(speaker);
        await Problems.AssertAsync(await Get(BearerClient(speakerToken), $"/api/v1/tracks/{trackId}/proposals"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_admins_token_carries_the_admin_role()
    {
        var admin = await Accounts.SignedInAdminAsync(app, NewEmail("admin"));
        var (_, token) = await CreateTokenAsync(admin);
        var bearer = BearerClient(token);
        Assert.True((await Problems.JsonAsync(await Get(bearer, "/api/v1/me"))).GetProperty("isAdmin").GetBoolean());
        await Problems.JsonAsync(await bearer.PostJsonAsync("/api/v1/conferences",
            new { name = "Token Conf", slug = "tok-" + Guid.NewGuid().ToString("N")[..8], timeZoneId = "Europe/Vienna", startDate = "2027-09-20", endDate = "2027-09-22" }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_revoked_token_is_refused_at_once_with_401()
    {
        var owner = await Accounts.SignedInClientAsync(app, NewEmail("owner"));
        var (id, token) = await CreateTokenAsync(owner);
        var bearer = BearerClient(token);
        await Problems.JsonAsync(await Get(bearer, "/api/v1/me"));

        var revoke = await owner.DeleteAsync(new Uri($"/api/v1/me/tokens/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        var refused = await Get(bearer, "/api/v1/me");
        await Problems.AssertAsync(refused, HttpStatusCode.Unauthorized);
        Assert.StartsWith("Bearer", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain((await Problems.JsonAsync(await Get(owner, "/api/v1/me/tokens"))).EnumerateArray(), t => t.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task A_token_can_revoke_itself_but_not_create_another()
    {
        var owner = await Accounts.SignedInClientAsync(app, NewEmail("owner"));
        var (id, token) = await CreateTokenAsync(owner);
        var bearer = BearerClient(token);

        var refused = await Problems.AssertAsync(await bearer.PostJsonAsync("/api/v1/me/tokens", new { name = "successor", expiresInDays = 365 }), HttpStatusCode.Forbidden);
        Assert.Contains("only while signed in", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single((await Problems.JsonAsync(await Get(owner, "/api/v1/me/tokens"))).EnumerateArray());

        Assert.Equal(HttpStatusCode.NoContent, (await bearer.DeleteAsync(new Uri($"/api/v1/me/tokens/{id}", UriKind.Relative))).StatusCode);
        await Problems.AssertAsync(await Get(bearer, "/api/v1/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_401_and_listed_as_expired()
    {
        var owner = await Accounts.SignedInClientAsync(app, NewEmail("owner"));
        var (id, token) = await CreateTokenAsync(owner, "short-lived", expiresInDays: 1);
        var bearer = BearerClient(token);
        await Problems.JsonAsync(await Get(bearer, "/api/v1/me"));

        app.Clock.Advance(TimeSpan.FromDays(1));
        var refused = await Problems.AssertAsync(await Get(bearer, "/api/v1/me"), HttpStatusCode.Unauthorized);
        Assert.Contains("expired", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var listed = (await Problems.JsonAsync(await Get(owner, "/api/v1/me/tokens"))).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == id);
        Assert.True(listed.GetProperty("expired").GetBoolean());
    }

    [Fact]
    public async Task A_garbage_or_unknown_token_is_401_even_where_no_sign_in_is_needed()
    {
        foreach (var token in new[] { "garbage", "rp_" + new string('A', 43), "rp_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_') })
        {
            var bearer = BearerClient(token);
            await Problems.AssertAsync(await Get(bearer, "/api/v1/me"), HttpStatusCode.Unauthorized);
            await Problems.AssertAsync(await Get(bearer, "/api/v1/conferences"), HttpStatusCode.Unauthorized);
        }

        // Without any token the public endpoint stays public.
        Assert.Equal(HttpStatusCode.OK, (await Get(app.CreateClient(), "/api/v1/conferences")).StatusCode);
    }

    [Fact]
    public async Task Pages_do_not_accept_a_token_only_the_sign_in_cookie()
    {
        var (_, token) = await CreateTokenAsync(await Accounts.SignedInClientAsync(app, NewEmail("owner")));
        var page = await Get(BearerClient(token), "/Proposals");
        Assert.True(HtmlPage.IsRedirect(page), $"Expected the login redirect, got {(int)page.StatusCode}");
        Assert.Contains("/Account/Login", page.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_a_hash_of_the_token_is_stored_and_the_list_never_shows_the_secret()
    {
        var owner = await Accounts.SignedInClientAsync(app, NewEmail("owner"));
        var (id, token) = await CreateTokenAsync(owner, "laptop");

        var row = await app.WithDbAsync(db => db.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == id));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), row.SecretHash);
        Assert.DoesNotContain(token[3..], Encoding.UTF8.GetString(row.SecretHash), StringComparison.Ordinal);
        Assert.DoesNotContain(token[3..], row.Name, StringComparison.Ordinal);

        var body = await (await Get(owner, "/api/v1/me/tokens")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(token[3..], body, StringComparison.Ordinal);
        var listed = JsonDocument.Parse(body).RootElement.EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == id);
        Assert.Equal(["createdUtc", "expired", "expiresUtc", "id", "lastUsedUtc", "name"], listed.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("laptop", listed.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Last_used_is_recorded_at_most_once_a_minute()
    {
        var owner = await Accounts.SignedInClientAsync(app, NewEmail("owner"));
        var (id, token) = await CreateTokenAsync(owner);
        Task<DateTimeOffset?> LastUsed() => app.WithDbAsync(db => db.ApiTokens.Where(t => t.Id == id).Select(t => t.LastUsedUtc).SingleAsync());
        Assert.Null(await LastUsed());

        var bearer = BearerClient(token);
        await Problems.JsonAsync(await Get(bearer, "/api/v1/me"));
        var first = await LastUsed();
        Assert.NotNull(first);
        await Problems.JsonAsync(await Get(bearer, "/api/v1/me"));
        Assert.Equal(first, await LastUsed());

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await Problems.JsonAsync(await Get(bearer, "/api/v1/me"));
        Assert.True(await LastUsed() > first);
    }

    [Fact]
    public async Task Another_persons_token_cannot_be_revoked_and_is_404()
    {
        var (id, token) = await CreateTokenAsync(await Accounts.SignedInClientAsync(app, NewEmail("owner")));
        var stranger = await Accounts.SignedInClientAsync(app, NewEmail("stranger"));
        await Problems.AssertAsync(await stranger.DeleteAsync(new Uri($"/api/v1/me/tokens/{id}", UriKind.Relative)), HttpStatusCode.NotFound);
        await Problems.JsonAsync(await Get(BearerClient(token), "/api/v1/me"));
    }

    [Fact]
    public async Task Without_a_session_or_token_the_token_endpoints_are_401()
    {
        var anonymous = app.CreateClient();
        await Problems.AssertAsync(await anonymous.PostJsonAsync("/api/v1/me/tokens", new { name = "x", expiresInDays = 1 }), HttpStatusCode.Unauthorized);
        await Problems.AssertAsync(await Get(anonymous, "/api/v1/me/tokens"), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("""{"name":"ci\u0000bot","expiresInDays":30}""", "Name")]
    [InlineData("""{"name":"ci\u0007bot","expiresInDays":30}""", "Name")]
    [InlineData("""{"name":"two\nlines","expiresInDays":30}""", "Name")]
    [InlineData("""{"name":"   ","expiresInDays":30}""", "Name")]
    [InlineData("""{"name":"ci","expiresInDays":366}""", "ExpiresInDays")]
    [InlineData("""{"name":"ci","expiresInDays":0}""", "ExpiresInDays")]
    [InlineData("""{"name":"ci","expiresInDays":-5}""", "ExpiresInDays")]
    public async Task A_bad_name_or_lifetime_is_a_400_naming_the_field_and_creates_nothing(string json, string field)
    {
        var email = NewEmail("owner");
        var owner = await Accounts.SignedInClientAsync(app, email);
        var response = await owner.PostAsync(new Uri("/api/v1/me/tokens", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal([field], await Problems.FieldsAsync(response));
        Assert.Empty((await Problems.JsonAsync(await Get(owner, "/api/v1/me/tokens"))).EnumerateArray());
    }

    [Theory]
    [InlineData("null")]
    [InlineData("""{"name":"ci","expiresInDays":99999999999999}""")]
    [InlineData("""{"name":"ci","expiresInDays":"soon"}""")]
    [InlineData("""{"name":null,"expiresInDays":30}""")]
    [InlineData("""{"expiresInDays":30}""")]
    [InlineData("{")]
    public async Task An_unreadable_or_null_body_is_a_400_problem(string json)
    {
        var owner = await Accounts.SignedInClientAsync(app, NewEmail("owner"));
        var response = await owner.PostAsync(new Uri("/api/v1/me/tokens", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
        await Problems.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Empty((await Problems.JsonAsync(await Get(owner, "/api/v1/me/tokens"))).EnumerateArray());
    }

    [Fact]
    public async Task A_name_longer_than_100_characters_is_refused_and_the_lifetime_defaults_to_90_days()
    {
        var owner = await Accounts.SignedInClientAsync(app, NewEmail("owner"));
        Assert.Equal(["Name"], await Problems.FieldsAsync(await owner.PostJsonAsync("/api/v1/me/tokens", new { name = new string('n', 101), expiresInDays = 30 })));

        var created = await Problems.JsonAsync(await owner.PostJsonAsync("/api/v1/me/tokens", new { name = new string('n', 100) }), HttpStatusCode.Created);
        var listed = (await Problems.JsonAsync(await Get(owner, "/api/v1/me/tokens"))).EnumerateArray().Single();
        Assert.Equal(created.GetProperty("id").GetGuid(), listed.GetProperty("id").GetGuid());
        var lifetime = listed.GetProperty("expiresUtc").GetDateTimeOffset() - listed.GetProperty("createdUtc").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromDays(90), lifetime);
    }
}

/// <summary>The same tokens on the pages: the profile lists them, /Account/ApiTokens creates (shown once) and revokes.</summary>
public sealed class ApiTokenPageTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    [Fact]
    public async Task A_token_made_on_the_page_is_shown_once_works_and_can_be_revoked_from_the_profile()
    {
        var owner = await Accounts.SignedInClientAsync(app, $"owner-{Guid.NewGuid():N}@example.org");
        var form = await HtmlPage.GetAsync(owner, "/Account/ApiTokens");
        var answer = await HtmlPage.ParseAsync(await form.SubmitAsync(owner, new Dictionary<string, string>
        {
            ["Input.Name"] = "Export script",
            ["Input.ExpiresInDays"] = "30",
        }));
        Assert.Equal(HttpStatusCode.OK, answer.Response.StatusCode);
        Assert.Contains("no-store", answer.Response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var token = answer.Document.QuerySelector("#new-token")?.GetAttribute("value");
        Assert.StartsWith("rp_", token, StringComparison.Ordinal);
        Assert.Contains("shown only this once", answer.Text, StringComparison.Ordinal);

        var bearer = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await Problems.JsonAsync(await bearer.GetAsync(new Uri("/api/v1/me", UriKind.Relative)));

        // Later visits list it by name, never the token itself.
        var profile = await HtmlPage.GetAsync(owner, "/Account/Profile");
        Assert.Contains("Export script", profile.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(token![3..], profile.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(token[3..], (await HtmlPage.GetAsync(owner, "/Account/ApiTokens")).Text, StringComparison.Ordinal);

        var revoked = await profile.SubmitAsync(owner, new Dictionary<string, string>(), "form.revoke-token");
        Assert.True(HtmlPage.IsRedirect(revoked));
        await Problems.AssertAsync(await bearer.GetAsync(new Uri("/api/v1/me", UriKind.Relative)), HttpStatusCode.Unauthorized);
        Assert.DoesNotContain("Export script", (await HtmlPage.GetAsync(owner, "/Account/Profile")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_token_form_shows_the_errors_next_to_the_fields()
    {
        var email = $"owner-{Guid.NewGuid():N}@example.org";
        var owner = await Accounts.SignedInClientAsync(app, email);
        var form = await HtmlPage.GetAsync(owner, "/Account/ApiTokens");
        var answer = await HtmlPage.ParseAsync(await form.SubmitAsync(owner, new Dictionary<string, string>
        {
            ["Input.Name"] = "",
            ["Input.ExpiresInDays"] = "1000",
        }));
        var errors = answer.FieldErrors();
        Assert.Contains("name", errors["Input.Name"], StringComparison.Ordinal);
        Assert.Contains("365", errors["Input.ExpiresInDays"], StringComparison.Ordinal);
        Assert.Null(answer.Document.QuerySelector("#new-token"));
        Assert.Equal(0, await app.WithDbAsync(db => db.ApiTokens.CountAsync(t => db.People.Any(p => p.Id == t.PersonId && p.Email == email))));
    }

    [Fact]
    public async Task The_token_page_needs_sign_in()
    {
        var response = await app.CreateBrowserClient().GetAsync(new Uri("/Account/ApiTokens", UriKind.Relative));
        Assert.True(HtmlPage.IsRedirect(response));
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
