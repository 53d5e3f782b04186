using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Infrastructure.Data;

namespace ReviewPortal.Infrastructure.Sessions;

/// <summary>
/// The sessions as use cases see them. Uses the request's DbContext, so ending sessions commits (or not) with the
/// command that does it (a password reset); the cache entry is marked ended at once on this node.
/// </summary>
internal sealed class UserSessionStore(ApplicationDbContext db, SessionCache cache, TimeProvider clock, IHttpContextAccessor accessor)
    : IUserSessions
{
    public Guid? CurrentSessionId => PostgresTicketStore.ParseKey(accessor.HttpContext?.User.FindFirst(PostgresTicketStore.SessionClaim)?.Value);

    public async Task<IReadOnlyList<UserSessionRecord>> ListActiveAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.RevokedUtc == null && s.ExpiresUtc > now)
            .OrderByDescending(s => s.LastSeenUtc).ThenByDescending(s => s.CreatedUtc)
            .Select(s => new UserSessionRecord(s.Id, s.UserAgent, s.IpAddress, s.CreatedUtc, s.LastSeenUtc, s.ExpiresUtc))
            .ToListAsync(cancellationToken);
    }

    public async Task<bool> EndAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ended = await db.UserSessions
            .Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedUtc, now), cancellationToken);
        if (ended > 0)
            cache.Ended(sessionId);
        return ended > 0;
    }

    public async Task<int> EndAllAsync(Guid userId, Guid? keep, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ids = await db.UserSessions
            .Where(s => s.UserId == userId && s.RevokedUtc == null && s.Id != keep)
            .Select(s => s.Id)
            .ToListAsync(cancellationToken);
        if (ids.Count == 0)
            return 0;
        await db.UserSessions
            .Where(s => ids.Contains(s.Id) && s.RevokedUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedUtc, now), cancellationToken);
        foreach (var id in ids)
            cache.Ended(id);
        return ids.Count;
    }
}
