using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ReviewPortal.Infrastructure.Sessions;

/// <summary>
/// This node's short memory of sessions it has read: a valid ticket or "ended". Shared by the ticket store and
/// <see cref="UserSessionStore"/>, so a session ended on this node is refused here at once.
/// </summary>
public sealed class SessionCache(IOptions<SessionOptions> options) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions());
    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(Math.Max(0, options.Value.CacheSeconds));

    internal bool TryGet(Guid id, out CachedSession? session)
    {
        var found = _cache.TryGetValue(id, out var value);
        session = value as CachedSession;
        return found;
    }

    internal void Remember(Guid id, CachedSession session)
    {
        if (_lifetime > TimeSpan.Zero)
            _cache.Set(id, session, _lifetime);
    }

    /// <summary>Marks a session ended on this node (a null entry), whatever another request re-reads meanwhile.</summary>
    internal void Ended(Guid id)
    {
        if (_lifetime > TimeSpan.Zero)
            _cache.Set<CachedSession?>(id, null, _lifetime);
        else
            _cache.Remove(id);
    }

    public void Dispose() => _cache.Dispose();
}

/// <summary>A valid session as last read; <see cref="LastSeenUtc"/> is what the row holds (or is about to).</summary>
internal sealed class CachedSession(Guid userId, AuthenticationTicket ticket, DateTimeOffset expiresUtc, DateTimeOffset lastSeenUtc)
{
    private long _lastSeenTicks = lastSeenUtc.UtcTicks;

    public Guid UserId { get; } = userId;
    public AuthenticationTicket Ticket { get; } = ticket;
    public DateTimeOffset ExpiresUtc { get; } = expiresUtc;

    /// <summary>True for exactly one caller once the interval has passed since the last write.</summary>
    public bool ClaimLastSeenWrite(DateTimeOffset now, TimeSpan interval)
    {
        var last = Interlocked.Read(ref _lastSeenTicks);
        return now.UtcTicks - last >= interval.Ticks
            && Interlocked.CompareExchange(ref _lastSeenTicks, now.UtcTicks, last) == last;
    }
}
