namespace ReviewPortal.Infrastructure.Sessions;

/// <summary>Settings of the server-side sessions (section "Sessions").</summary>
public sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>
    /// How long an app node trusts what it read about a session before reading the row again. Ending a session is
    /// immediate on the node that ends it; other nodes notice within this time. 0 reads the row on every request.
    /// </summary>
    public int CacheSeconds { get; set; } = 5;

    /// <summary>"Last seen" is written at most this often per session, so a busy session does not write on every request.</summary>
    public int LastSeenWriteIntervalSeconds { get; set; } = 60;
}
