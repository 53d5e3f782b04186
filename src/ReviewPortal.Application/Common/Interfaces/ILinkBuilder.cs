namespace ReviewPortal.Application.Common.Interfaces;

/// <summary>Absolute links for mails (the public base URL comes from configuration or the current request).</summary>
public interface ILinkBuilder
{
    string ConfirmEmail(Guid userId, string token);
    string ResetPassword(string email, string token);
    string Submission(Guid submissionId);
    string Register(string email);
    string SignIn();
    string ForgotPassword();
    string ConfirmEmailChange(Guid userId, string newEmail, string token);
    /// <summary>A page of the app by its path and query (e.g. "/Committee/Bids?trackId=…"), on the public base URL.</summary>
    string Page(string pathAndQuery);
}
