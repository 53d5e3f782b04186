using System.Net;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Hardening;

/// <summary>The authentication cookie as an attacker who copied it would hold it: a header to replay on a fresh client.</summary>
internal static class SessionCookies
{
    public const string Name = "ReviewPortal.Auth";

    /// <summary>Signs in through the login form and returns the auth cookie(s) the server set, as a Cookie header value.</summary>
    public static async Task<string> SignInAndCopyCookieAsync(HttpClient client, string email, string password)
    {
        var response = await Accounts.TrySignInAsync(client, email, password);
        Assert.True(HtmlPage.IsRedirect(response), $"Sign-in of {email} failed: {response.StatusCode}");
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
        var auth = cookies.Select(c => c.Split(';', 2)[0]).Where(c => c.StartsWith(Name, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(auth);
        return string.Join("; ", auth);
    }

    /// <summary>A client without a cookie jar that sends exactly this cookie header.</summary>
    public static HttpClient Replaying(ReviewPortalApp app, string cookieHeader)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookieHeader);
        return client;
    }

    public static async Task SignOutAsync(HttpClient client)
    {
        var page = await HtmlPage.GetAsync(client, "/Account/Logout");
        var response = await page.SubmitAsync(client, new Dictionary<string, string>());
        Assert.True(HtmlPage.IsRedirect(response), $"Sign-out failed: {response.StatusCode}");
    }

    public static async Task<HttpStatusCode> MeStatusAsync(HttpClient client) =>
        (await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode;
}
