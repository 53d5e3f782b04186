using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>
/// The address people reach the app at, for links in mail. Never taken from a request header (Host,
/// X-Forwarded-Host): anyone can send those, and a reset link to their host hands them the account.
/// App:PublicBaseUrl outside Development (required); in Development, if unset, the address Kestrel listens on.
/// </summary>
public sealed class PublicBaseUrl(IConfiguration configuration, IServer server)
{
    public const string Key = "App:PublicBaseUrl";

    public string Value
    {
        get
        {
            var configured = configuration[Key];
            if (!string.IsNullOrWhiteSpace(configured))
                return configured.TrimEnd('/');
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var listen = addresses.FirstOrDefault(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault() ?? "http://localhost";
            return Browsable(listen).TrimEnd('/');
        }
    }

    /// <summary>A listen address ("http://[::]:5080", "http://+:8080") as a person can open it ("http://localhost:5080").</summary>
    public static string Browsable(string listenAddress) => listenAddress
        .Replace("[::]", "localhost", StringComparison.Ordinal)
        .Replace("0.0.0.0", "localhost", StringComparison.Ordinal)
        .Replace("://+", "://localhost", StringComparison.Ordinal)
        .Replace("://*", "://localhost", StringComparison.Ordinal);

    /// <summary>
    /// At start-up: refuses to run outside Development without a valid App:PublicBaseUrl, and limits
    /// AllowedHosts to its host (plus loopback, for probes on the machine) unless AllowedHosts is set.
    /// Returns the configured URL, or null (Development, listen address).
    /// </summary>
    public static Uri? Configure(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[Key];
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (builder.Environment.IsDevelopment())
                return null;
            throw new PublicBaseUrlException(
                $"{Key} is not set: links in mail need the address people reach this app at, e.g. App__PublicBaseUrl=https://review.example.org (only Development falls back to the listen address).");
        }

        if (!Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment) || !string.IsNullOrEmpty(url.UserInfo))
        {
            throw new PublicBaseUrlException(
                $"{Key} '{configured}' is not an absolute http or https URL without query, such as https://review.example.org.");
        }

        if (string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"]))
            builder.Configuration["AllowedHosts"] = string.Join(';', new[] { url.Host, "localhost", "127.0.0.1", "[::1]" }.Distinct(StringComparer.OrdinalIgnoreCase));
        return url;
    }

    /// <summary>Whether the configured public URL is https (then every cookie is Secure, whatever scheme the proxy uses to reach the app).</summary>
    public static bool IsHttps(IConfiguration configuration) =>
        Uri.TryCreate(configuration[Key], UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps;
}

/// <summary>App:PublicBaseUrl is missing or unusable; Program prints the message as one line and exits with code 1.</summary>
public sealed class PublicBaseUrlException(string message) : Exception(message);
