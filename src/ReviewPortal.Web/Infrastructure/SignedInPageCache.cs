using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;
using ReviewPortal.Infrastructure.Data;

namespace ReviewPortal.Web.Infrastructure;

public sealed class PageCacheOptions
{
    public const string Section = "PageCache";

    /// <summary>How long a rendered signed-in page is kept; 0 turns the cache off. This node's own changes empty it at once.</summary>
    public int Seconds { get; set; } = 5;
}

/// <summary>
/// Keeps a signed-in page (the chair's list, a proposal's page) rendered for the same session for a few seconds, so
/// a chair who reloads or pages back and forth costs a lookup instead of the queries and the rendering (ADR 0023).
/// The entry is keyed by the request's cookies (the session, antiforgery and any other), its path and query, and
/// <see cref="DataChangeCounter"/>, which moves when this node commits any change: a page is never served from
/// before a change made here. Another node's change shows within <see cref="PageCacheOptions.Seconds"/>, as a session
/// ended there does (Sessions:CacheSeconds); the key also holds the window of the app's clock, so a deadline passing
/// shows too. Only a 200 without Set-Cookie is kept, so first visits, TempData messages
/// and renewed cookies always render.
/// </summary>
internal sealed class SignedInPageCachePolicy(TimeSpan lifetime) : IOutputCachePolicy
{
    public const string Name = "SignedInPage";

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var cacheable = lifetime > TimeSpan.Zero
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && context.HttpContext.User.Identity?.IsAuthenticated == true
            // A page's other GET handlers (downloads) are left alone.
            && !request.Query.ContainsKey("handler")
            && !StringValues.IsNullOrEmpty(request.Headers.Cookie);
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = cacheable;
        if (!cacheable)
            return ValueTask.CompletedTask;

        // Singletons, resolved per request: the options callback that registers this policy runs before the container exists.
        var services = context.HttpContext.RequestServices;
        var changes = services.GetRequiredService<DataChangeCounter>();
        var clock = services.GetRequiredService<TimeProvider>();
        context.ResponseExpirationTimeSpan = lifetime;
        context.CacheVaryByRules.QueryKeys = "*";
        // Read before the page runs: a change committed while it renders moves the counter, so what it stores is
        // only found by requests that started before that change.
        context.CacheVaryByRules.VaryByValues["changes"] = changes.Current.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.CacheVaryByRules.VaryByValues["cookies"] = request.Headers.Cookie.ToString();
        // Pages say what time allows (a deadline passed, a call open): an entry belongs to one window of the app's clock.
        context.CacheVaryByRules.VaryByValues["window"] = (clock.GetUtcNow().UtcTicks / lifetime.Ticks).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || !SetsNoCookie(context.HttpContext))
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The layout reads TempData on every page, and the TempData provider then deletes its cookie whether or not the
    /// browser sent one. Deleting a cookie the request did not carry changes nothing for the browser (nor does it when
    /// replayed from the cache to the same cookies), so such a response may still be kept; any other Set-Cookie may not.
    /// </summary>
    private static bool SetsNoCookie(HttpContext http) =>
        http.Response.Headers.SetCookie.All(header =>
        {
            var pair = header is null ? "" : header.Split(';', 2)[0];
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            return separator > 0 && separator == pair.Length - 1
                && header!.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)
                && !http.Request.Cookies.ContainsKey(pair[..separator]);
        });
}

internal static class SignedInPageCacheSetup
{
    public static IServiceCollection AddSignedInPageCache(this IServiceCollection services, IConfiguration configuration)
    {
        var seconds = Math.Max(0, configuration.GetSection(PageCacheOptions.Section).Get<PageCacheOptions>()?.Seconds ?? new PageCacheOptions().Seconds);
        services.AddOutputCache(o =>
        {
            // No base policy: only pages that name this one are cached.
            o.AddPolicy(SignedInPageCachePolicy.Name, new SignedInPageCachePolicy(TimeSpan.FromSeconds(seconds)));
        });
        return services;
    }
}
