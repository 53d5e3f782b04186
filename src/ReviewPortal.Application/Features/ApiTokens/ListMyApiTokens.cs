using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Application.Features.ApiTokens;

/// <summary>The signed-in person's API tokens, newest first; never their secret (it is not stored).</summary>
public sealed record ListMyApiTokens : IQuery<IReadOnlyList<ApiTokenSummary>>;

/// <param name="Expired">True from <paramref name="ExpiresUtc"/> on; an expired token is refused but still listed until revoked.</param>
public sealed record ApiTokenSummary(Guid Id, string Name, DateTimeOffset CreatedUtc, DateTimeOffset ExpiresUtc, DateTimeOffset? LastUsedUtc, bool Expired);

public sealed class ListMyApiTokensHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : IQueryHandler<ListMyApiTokens, IReadOnlyList<ApiTokenSummary>>
{
    public async ValueTask<IReadOnlyList<ApiTokenSummary>> Handle(ListMyApiTokens query, CancellationToken cancellationToken)
    {
        var id = currentUser.Id!.Value;
        var now = clock.GetUtcNow();
        return await db.ApiTokens.AsNoTracking()
            .Where(t => t.PersonId == id)
            .OrderByDescending(t => t.CreatedUtc)
            .Select(t => new ApiTokenSummary(t.Id, t.Name, t.CreatedUtc, t.ExpiresUtc, t.LastUsedUtc, t.ExpiresUtc <= now))
            .ToListAsync(cancellationToken);
    }
}
