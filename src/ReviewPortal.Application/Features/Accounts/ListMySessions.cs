using Mediator;
using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Application.Features.Accounts;

/// <summary>The signed-in person's active sessions (browsers signed in to the account), the current one marked.</summary>
public sealed record ListMySessions : IQuery<IReadOnlyList<MySession>>;

/// <param name="Device">A short summary of the browser ("Firefox on Linux"), not the raw user agent.</param>
public sealed record MySession(Guid Id, string Device, string? IpAddress, DateTimeOffset SignedInUtc, DateTimeOffset LastSeenUtc, bool IsCurrent);

public sealed class ListMySessionsHandler(IUserSessions sessions, ICurrentUser currentUser) : IQueryHandler<ListMySessions, IReadOnlyList<MySession>>
{
    public async ValueTask<IReadOnlyList<MySession>> Handle(ListMySessions query, CancellationToken cancellationToken)
    {
        var current = sessions.CurrentSessionId;
        var rows = await sessions.ListActiveAsync(currentUser.Id!.Value, cancellationToken);
        return rows
            .Select(s => new MySession(s.Id, DeviceSummary.Of(s.UserAgent), s.IpAddress, s.CreatedUtc, s.LastSeenUtc, s.Id == current))
            .OrderByDescending(s => s.IsCurrent)
            .ToList();
    }
}

/// <summary>"Browser on system" from a user agent: enough for a person to recognise their own devices.</summary>
public static class DeviceSummary
{
    public static string Of(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
            return "Unknown device";
        var ua = userAgent;
        var browser =
            Has(ua, "Edg/") ? "Edge" :
            Has(ua, "OPR/") || Has(ua, "Opera") ? "Opera" :
            Has(ua, "Firefox/") ? "Firefox" :
            Has(ua, "Chrome/") || Has(ua, "Chromium/") || Has(ua, "CriOS/") ? "Chrome" :
            Has(ua, "Safari/") ? "Safari" :
            Has(ua, "curl/") ? "curl" :
            null;
        var system =
            Has(ua, "Android") ? "Android" :
            Has(ua, "iPhone") || Has(ua, "iPad") ? "iOS" :
            Has(ua, "Windows") ? "Windows" :
            Has(ua, "Mac OS X") || Has(ua, "Macintosh") ? "macOS" :
            Has(ua, "CrOS") ? "ChromeOS" :
            Has(ua, "Linux") ? "Linux" :
            null;
        return (browser, system) switch
        {
            (not null, not null) => $"{browser} on {system}",
            (not null, null) => browser,
            (null, not null) => $"A browser on {system}",
            _ => ua.Length <= 40 ? ua : ua[..40] + "…",
        };
    }

    private static bool Has(string ua, string part) => ua.Contains(part, StringComparison.OrdinalIgnoreCase);
}
