namespace ReviewPortal.Web.Infrastructure;

/// <summary>
/// Headers that close common holes: MIME sniffing, framing, referrer leaks, injected scripts; and no caching of
/// what is personal (any answer to a signed-in request, API answers and CSV/JSON exports included).
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    // Pages use only our own scripts and styles. The Hangfire dashboard (/jobs) ships inline scripts, so it gets a looser policy.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string DashboardPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        Apply(context);
        // Decided when the answer starts: by then authentication has run (it comes later in the pipeline).
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            if (http.User.Identity?.IsAuthenticated == true)
            {
                http.Response.Headers.CacheControl = "no-store";
                http.Response.Headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    /// <summary>The headers, also for answers written outside this middleware (the 503 page after the exception handler cleared the response).</summary>
    public static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/jobs") ? DashboardPolicy : ContentSecurityPolicy;
    }
}
