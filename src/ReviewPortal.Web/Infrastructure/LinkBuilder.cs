using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>
/// Absolute links for mails. App:PublicBaseUrl wins (behind a proxy, in jobs); otherwise the current
/// request's own scheme and host.
/// </summary>
internal sealed class LinkBuilder(IConfiguration configuration, IHttpContextAccessor accessor) : ILinkBuilder
{
    public string ConfirmEmail(Guid userId, string token) =>
        Absolute($"/Account/ConfirmEmail?userId={userId}&code={Uri.EscapeDataString(token)}");

    public string ResetPassword(string email, string token) =>
        Absolute($"/Account/ResetPassword?email={Uri.EscapeDataString(email)}&code={Uri.EscapeDataString(token)}");

    public string Submission(Guid submissionId) => Absolute($"/Proposals/{submissionId}");

    public string Register(string email) => Absolute($"/Account/Register?email={Uri.EscapeDataString(email)}");

    private string Absolute(string pathAndQuery)
    {
        var configured = configuration["App:PublicBaseUrl"];
        if (!string.IsNullOrWhiteSpace(configured))
            return configured.TrimEnd('/') + pathAndQuery;
        var request = accessor.HttpContext?.Request;
        return request is null
            ? "http://localhost:5000" + pathAndQuery
            : $"{request.Scheme}://{request.Host}{request.PathBase}{pathAndQuery}";
    }
}
