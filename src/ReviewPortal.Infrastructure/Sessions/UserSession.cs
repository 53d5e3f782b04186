namespace ReviewPortal.Infrastructure.Sessions;

/// <summary>
/// A signed-in browser: the authentication ticket the cookie stands for. The cookie carries only <see cref="Id"/>,
/// so ending the session here (sign-out, "end other sessions", a password reset) ends the cookie everywhere.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    /// <summary>The ticket serialized with <c>TicketSerializer</c> (claims and properties).</summary>
    public byte[] Ticket { get; set; } = [];
    public DateTimeOffset CreatedUtc { get; set; }
    /// <summary>Written at most once a minute (see <see cref="PostgresTicketStore"/>), not on every request.</summary>
    public DateTimeOffset LastSeenUtc { get; set; }
    public DateTimeOffset ExpiresUtc { get; set; }
    public string? UserAgent { get; set; }
    public string? IpAddress { get; set; }
    public DateTimeOffset? RevokedUtc { get; set; }
}
