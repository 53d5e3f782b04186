namespace ReviewPortal.Application.Common.Interfaces;

/// <summary>Who is sending the current command or query (from the cookie, or from the job that runs it).</summary>
public interface ICurrentUser
{
    Guid? Id { get; }
    bool IsAuthenticated => Id is not null;
    /// <summary>True inside a background job or start-up task: no HTTP request, no person.</summary>
    bool IsSystem { get; }
    /// <summary>True when the request authenticated with a personal API token rather than the sign-in cookie.</summary>
    bool ViaApiToken => false;
    bool IsInRole(string role);
}

public static class Roles
{
    /// <summary>Site-wide administrator (an Identity role). Per-track Chair/Reviewer roles live in the domain.</summary>
    public const string Admin = "Admin";
}
