using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewPortal.Infrastructure.Data;

namespace ReviewPortal.Infrastructure.Sessions;

/// <summary>
/// Keeps the sign-in cookie's ticket in PostgreSQL (<see cref="UserSession"/>); the cookie holds only a random key.
/// Every app node reads the same table, so a session ended anywhere ends everywhere.
/// A signed-in request costs at most one primary-key read (none while <see cref="SessionCache"/> remembers the
/// session) and writes nothing, except "last seen" at most once a minute and a renewal when the sliding expiry moves.
/// </summary>
public sealed class PostgresTicketStore(IServiceScopeFactory scopes, SessionCache cache, TimeProvider clock, IOptions<SessionOptions> options)
    : ITicketStore
{
    /// <summary>The claim that tells a request which session it belongs to (to keep it when ending the others).</summary>
    public const string SessionClaim = "reviewportal:session";

    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(14);
    private readonly TimeSpan _lastSeenInterval = TimeSpan.FromSeconds(Math.Max(1, options.Value.LastSeenWriteIntervalSeconds));

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null!, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) => StoreAsync(ticket, null!, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var userId = UserIdOf(ticket) ?? throw new InvalidOperationException("A signed-in ticket without a user id cannot become a session.");
        var id = Guid.NewGuid(); // random, not time-ordered: the key must not be guessable
        MarkSession(ticket, id);
        var now = clock.GetUtcNow();
        var session = new UserSession
        {
            Id = id,
            UserId = userId,
            Ticket = TicketSerializer.Default.Serialize(ticket),
            CreatedUtc = now,
            LastSeenUtc = now,
            ExpiresUtc = ticket.Properties.ExpiresUtc ?? now + DefaultLifetime,
            UserAgent = Truncate(httpContext?.Request.Headers.UserAgent.ToString(), Data.Configurations.UserSessionLimits.UserAgentLength),
            IpAddress = httpContext?.Connection.RemoteIpAddress?.ToString(),
        };

        await WithDbAsync(async db =>
        {
            // Each sign-in tidies the account's own dead sessions, so the table holds live sessions and recent history.
            var dead = now - TimeSpan.FromDays(1);
            await db.UserSessions
                .Where(s => s.UserId == userId && (s.ExpiresUtc < now || s.RevokedUtc < dead))
                .ExecuteDeleteAsync(cancellationToken);
            db.UserSessions.Add(session);
            return await db.SaveChangesAsync(cancellationToken);
        });

        cache.Remember(id, new CachedSession(userId, ticket, session.ExpiresUtc, now));
        return Key(id);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null!, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) => RenewAsync(key, ticket, null!, cancellationToken);

    /// <summary>The sliding expiry moved, or the security stamp check rebuilt the principal: store the new ticket.</summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (ParseKey(key) is not { } id || UserIdOf(ticket) is not { } userId)
            return;
        MarkSession(ticket, id);
        var now = clock.GetUtcNow();
        var expires = ticket.Properties.ExpiresUtc ?? now + DefaultLifetime;
        var bytes = TicketSerializer.Default.Serialize(ticket);

        var renewed = await WithDbAsync(db => db.UserSessions
            .Where(s => s.Id == id && s.RevokedUtc == null)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Ticket, bytes)
                .SetProperty(s => s.ExpiresUtc, expires)
                .SetProperty(s => s.LastSeenUtc, now), cancellationToken));
        if (renewed == 1)
            cache.Remember(id, new CachedSession(userId, ticket, expires, now));
        else
            cache.Ended(id);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null!, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) => RetrieveAsync(key, null!, cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (ParseKey(key) is not { } id)
            return null;
        var now = clock.GetUtcNow();

        if (!cache.TryGet(id, out var session))
            session = await ReadAsync(id, now, cancellationToken);
        if (session is null || session.ExpiresUtc <= now)
            return null;

        if (session.ClaimLastSeenWrite(now, _lastSeenInterval))
            await WriteLastSeenAsync(id, now, cancellationToken);

        // The cookie handler may change the properties (sliding expiry) of what it gets: each request gets its own.
        return new AuthenticationTicket(session.Ticket.Principal, session.Ticket.Properties.Clone(), session.Ticket.AuthenticationScheme);
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, null!, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => RemoveAsync(key, null!, cancellationToken);

    /// <summary>Sign-out (or a new sign-in replacing this one): the session ends, and with it every copy of the cookie.</summary>
    public async Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (ParseKey(key) is not { } id)
            return;
        cache.Ended(id);
        var now = clock.GetUtcNow();
        await WithDbAsync(db => db.UserSessions
            .Where(s => s.Id == id && s.RevokedUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedUtc, now), cancellationToken));
    }

    private async Task<CachedSession?> ReadAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await WithDbAsync(db => db.UserSessions.AsNoTracking()
            .Where(s => s.Id == id && s.RevokedUtc == null && s.ExpiresUtc > now)
            .Select(s => new { s.UserId, s.Ticket, s.ExpiresUtc, s.LastSeenUtc })
            .SingleOrDefaultAsync(cancellationToken));
        var ticket = row is null ? null : TicketSerializer.Default.Deserialize(row.Ticket);
        if (row is null || ticket is null)
        {
            cache.Ended(id); // a replayed dead cookie does not cost a query per request either
            return null;
        }

        var session = new CachedSession(row.UserId, ticket, row.ExpiresUtc, row.LastSeenUtc);
        cache.Remember(id, session);
        return session;
    }

    private Task<int> WriteLastSeenAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken) =>
        WithDbAsync(db => db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenUtc, now), cancellationToken));

    /// <summary>The store is a singleton (the cookie options hold it): each use takes a context of its own.</summary>
    private async Task<T> WithDbAsync<T>(Func<ApplicationDbContext, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>());
    }

    private static void MarkSession(AuthenticationTicket ticket, Guid id)
    {
        // A renewed ticket may be the cached principal other requests are reading: leave it alone if it is marked already.
        if (ticket.Principal.Identity is not ClaimsIdentity identity || identity.FindFirst(SessionClaim)?.Value == Key(id))
            return;
        foreach (var old in identity.FindAll(SessionClaim).ToList())
            identity.RemoveClaim(old);
        identity.AddClaim(new Claim(SessionClaim, Key(id)));
    }

    private static Guid? UserIdOf(AuthenticationTicket ticket) =>
        Guid.TryParse(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    private static string Key(Guid id) => id.ToString("N");

    internal static Guid? ParseKey(string? key) => Guid.TryParseExact(key, "N", out var id) ? id : null;

    private static string? Truncate(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];
}
