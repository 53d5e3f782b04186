using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Performance;

/// <summary>
/// The real app with the signed-in page cache off (<c>PageCache:Seconds</c> = 0): for measuring what rendering a page
/// costs, which a reload served from the cache would hide.
/// </summary>
public sealed class PageCacheOffApp : ReviewPortalApp
{
    public PageCacheOffApp(PostgresServer server) : base(server) => Settings["PageCache:Seconds"] = "0";
}
