namespace ReviewPortal.Web.Infrastructure;

/// <summary>
/// A form that creates something carries a client request id (its idempotency key). Antiforgery marks every page with a
/// form "no-cache, no-store", and no-store makes Back fetch the page again, with a new id: sending it again then creates
/// a second thing. "private, no-cache" keeps the page out of shared caches and still revalidates a normal visit, but lets
/// the browser's Back show the very page it left (same id, the values typed), so sending it again creates nothing new.
/// </summary>
internal static class BackButtonCache
{
    public static void ReshowSameFormOnBack(this HttpResponse response) =>
        response.OnStarting(() =>
        {
            if (response.StatusCode == StatusCodes.Status200OK)
            {
                response.Headers.CacheControl = "private, no-cache";
                response.Headers.Pragma = default;
            }

            return Task.CompletedTask;
        });
}
