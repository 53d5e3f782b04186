using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>
/// Absolute links for mails. App:PublicBaseUrl wins (behind a proxy, in jobs); otherwise the current
/// request's own scheme and host.
/// </summary>
internal sealed class LinkBuilder(IConfiguration configuration, IHttpContextAccessor accessor, Microsoft.AspNetCore.Hosting.Server.IServer server) : ILinkBuilder
{
    public string ConfirmEmail(Guid userId, string token) =>
        Absolute($"/Account/ConfirmEmail?userId={userId}&code={Uri.EscapeDataString(token)}");

    public string ResetPassword(string email, string token) =>
        Absolute($"/Account/ResetPassword?email={Uri.EscapeDataString(email)}&code={Uri.EscapeDataString(token)}");

    public string Submission(Guid submissionId) => Absolute($"/Proposals/{submissionId}");

    public string Register(string email) => Absolute($"/Account/Register?email={Uri.EscapeDataString(email)}");

    public string SignIn() => Absolute("/Account/Login");

    public string ForgotPassword() => Absolute("/Account/ForgotPassword");

    public string ConfirmEmailChange(Guid userId, string newEmail, string token) =>
        Absolute($"/Account/ConfirmEmailChange?userId={userId}&email={Uri.EscapeDataString(newEmail)}&code={Uri.EscapeDataString(token)}");

    private string Absolute(string pathAndQuery)
    {
        var configured = configuration["App:PublicBaseUrl"];
        if (!string.IsNullOrWhiteSpace(configured))
            return configured.TrimEnd('/') + pathAndQuery;
        var request = accessor.HttpContext?.Request;
        if (request is not null)
            return $"{request.Scheme}://{request.Host}{request.PathBase}{pathAndQuery}";
        // No request (a job): the address this server listens on.
        var address = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? "http://localhost";
        return Browsable(address).TrimEnd('/') + pathAndQuery;
    }

    /// <summary>A listen address ("http://[::]:5080") as a person can open it ("http://localhost:5080").</summary>
    public static string Browsable(string listenAddress) =>
        listenAddress.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal);
}
