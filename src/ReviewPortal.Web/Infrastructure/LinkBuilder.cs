using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>Absolute links for mails, on the public base URL (never on the request's Host, see <see cref="PublicBaseUrl"/>).</summary>
internal sealed class LinkBuilder(PublicBaseUrl baseUrl) : ILinkBuilder
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

    public string CommitteeInvitation(string token) => Absolute($"/Committee/Invitation?token={Uri.EscapeDataString(token)}");

    public string CommitteeOfTrack(Guid trackId) => Absolute($"/Chair/{trackId}/Committee");

    public string CommitteeProfile(Guid trackId) => Absolute($"/Committee/Profile?trackId={trackId}");
    public string ConfirmTalk(string token) => Absolute($"/Talks/Confirm?token={Uri.EscapeDataString(token)}");

    public string Page(string pathAndQuery) => Absolute(pathAndQuery.StartsWith('/') ? pathAndQuery : "/" + pathAndQuery);

    private string Absolute(string pathAndQuery) => baseUrl.Value + pathAndQuery;

    /// <inheritdoc cref="PublicBaseUrl.Browsable"/>
    public static string Browsable(string listenAddress) => PublicBaseUrl.Browsable(listenAddress);
}
