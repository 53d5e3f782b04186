namespace ReviewPortal.Application.Common.Interfaces;

/// <summary>
/// The server-side sign-in sessions (one per signed-in browser; the cookie holds only the session's key).
/// Ending a session takes effect at once on this app node and within the session cache's lifetime on the others.
/// Writes join the current command's transaction.
/// </summary>
public interface IUserSessions
{
    /// <summary>The session of the current request, if it is a cookie session (not a job, not another scheme).</summary>
    Guid? CurrentSessionId { get; }

    /// <summary>The account's sessions that are neither ended nor expired, most recently seen first.</summary>
    Task<IReadOnlyList<UserSessionRecord>> ListActiveAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Ends one of the account's sessions; false if it has no such active session.</summary>
    Task<bool> EndAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken);

    /// <summary>Ends all of the account's sessions, except <paramref name="keep"/> if given; returns how many.</summary>
    Task<int> EndAllAsync(Guid userId, Guid? keep, CancellationToken cancellationToken);
}

public sealed record UserSessionRecord(
    Guid Id, string? UserAgent, string? IpAddress, DateTimeOffset CreatedUtc, DateTimeOffset LastSeenUtc, DateTimeOffset ExpiresUtc);
