using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Features.ApiTokens;
using ReviewPortal.Infrastructure.Data;

namespace ReviewPortal.Infrastructure.Identity;

/// <summary>Who a personal API token acts for: the owner's account id and current site roles.</summary>
public sealed record ApiTokenOwner(Guid TokenId, Guid UserId, IReadOnlyList<string> Roles);

/// <summary>
/// Finds the owner of a bearer token: one indexed query (token by hash, with the owner's roles). Nothing is
/// cached, so a revoked token is refused from the next request on, on every node.
/// </summary>
public sealed class ApiTokenAuthenticator(ApplicationDbContext db, TimeProvider clock)
{
    /// <summary>How stale "last used" may get; bounds the writes to one per token per minute.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <returns>The owner, or null with a reason the caller may be told (unknown, revoked and malformed look the same).</returns>
    public async Task<(ApiTokenOwner? Owner, string? Failure)> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        const string invalid = "The API token is not valid: it is mistyped, revoked, or belongs to an account that no longer exists.";
        if (!ApiTokenSecret.HasValidShape(token))
            return (null, invalid);

        var hash = ApiTokenSecret.Hash(token);
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.SecretHash == hash)
            .Select(t => new
            {
                t.Id,
                t.PersonId,
                t.ExpiresUtc,
                t.LastUsedUtc,
                Roles = db.UserRoles.Where(ur => ur.UserId == t.PersonId)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
                    .ToList(),
            })
            .AsSingleQuery()
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
            return (null, invalid);

        var now = clock.GetUtcNow();
        if (now >= found.ExpiresUtc)
            return (null, "The API token has expired. Create a new one on your profile page.");

        if (found.LastUsedUtc is null || now - found.LastUsedUtc >= LastUsedResolution)
        {
            // Conditional, so concurrent requests (or nodes) write it once.
            var staleBefore = now - LastUsedResolution;
            await db.ApiTokens
                .Where(t => t.Id == found.Id && (t.LastUsedUtc == null || t.LastUsedUtc <= staleBefore))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedUtc, now), cancellationToken);
        }

        return (new ApiTokenOwner(found.Id, found.PersonId, found.Roles), null);
    }
}
