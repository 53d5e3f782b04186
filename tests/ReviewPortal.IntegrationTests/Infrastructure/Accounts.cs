using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.IntegrationTests.Infrastructure;

/// <summary>Account steps as a person takes them: register, open the link from the mail, sign in.</summary>
public static partial class Accounts
{
    public const string Password = "correct horse battery";

    /// <summary>Registers through the API, confirms with the link from the outbox mail, and signs in through the login page.</summary>
    public static async Task<HttpClient> SignedInClientAsync(ReviewPortalApp app, string email, string displayName = "Test Speaker", string? affiliation = null)
    {
        var client = app.CreateBrowserClient();
        var response = await client.PostAsJsonAsync("/api/v1/accounts", new { email, password = Password, displayName, affiliation });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await ConfirmFromMailAsync(app, client, email);
        await SignInAsync(client, email, Password);
        return client;
    }

    /// <summary>A signed-in site admin: registered and confirmed, given the Admin role, then signed in again (a new cookie carries the role).</summary>
    public static async Task<HttpClient> SignedInAdminAsync(ReviewPortalApp app, string email, string displayName = "Test Speaker")
    {
        var client = await SignedInClientAsync(app, email, displayName);
        await MakeAdminAsync(app, email);
        await SignInAsync(client, email, Password);
        return client;
    }

    /// <summary>Gives an existing account the site Admin role; its current cookie does not carry it yet.</summary>
    private static async Task MakeAdminAsync(ReviewPortalApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var identity = scope.ServiceProvider.GetRequiredService<IIdentityService>();
        var account = await identity.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}.");
        await identity.AddToRoleAsync(account.UserId, Roles.Admin);
    }

    public static async Task<string> ConfirmationLinkAsync(ReviewPortalApp app, string email)
    {
        var mail = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.ToAddress == email && m.Kind == "account.confirm-email")
            .OrderByDescending(m => m.CreatedUtc)
            .FirstAsync());
        return LinkPattern().Match(mail.TextBody).Value;
    }

    public static async Task ConfirmFromMailAsync(ReviewPortalApp app, HttpClient client, string email)
    {
        var link = new Uri(await ConfirmationLinkAsync(app, email));
        var page = await HtmlPage.GetAsync(client, link.PathAndQuery);
        Assert.Contains("your e-mail address is confirmed", page.Text, StringComparison.Ordinal);
    }

    public static async Task<HttpResponseMessage> TrySignInAsync(HttpClient client, string email, string password)
    {
        var login = await HtmlPage.GetAsync(client, "/Account/Login");
        return await login.SubmitAsync(client, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    public static async Task SignInAsync(HttpClient client, string email, string password)
    {
        var response = await TrySignInAsync(client, email, password);
        Assert.True(HtmlPage.IsRedirect(response), $"Sign-in of {email} failed: {response.StatusCode}");
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
