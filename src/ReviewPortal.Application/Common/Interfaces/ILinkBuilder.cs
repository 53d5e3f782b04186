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
    /// <summary>The page where an invitee sees and answers a committee invitation.</summary>
    string CommitteeInvitation(string token);
    /// <summary>The chair's page of a track's committee (members, profiles, invitations).</summary>
    string CommitteeOfTrack(Guid trackId);
    /// <summary>A member's own profile for a track.</summary>
    string CommitteeProfile(Guid trackId);
    /// <summary>The page where a speaker confirms or declines an accepted talk from the mail, signed in or not.</summary>
    string ConfirmTalk(string token);
    /// <summary>A page of the app by its path and query (e.g. "/Committee/Bids?trackId=…"), on the public base URL.</summary>
    string Page(string pathAndQuery);
}
