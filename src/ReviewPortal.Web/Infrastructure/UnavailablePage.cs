using System.Diagnostics;
using System.Text.Encodings.Web;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>
/// The browser's 503 while the database is down, written directly by the exception handler instead of
/// re-executing /Error: re-running the pipeline would run authentication again, which may itself need the
/// database (security stamp, server-side sessions) and fail a second time, turning the 503 into a 500.
/// Static text with the site's stylesheet; nothing here reads the database or a request value.
/// </summary>
internal static class UnavailablePage
{
    public static Task WriteAsync(HttpContext context)
    {
        SecurityHeadersMiddleware.Apply(context);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = "text/html; charset=utf-8";
        var traceId = HtmlEncoder.Default.Encode(Activity.Current?.Id ?? context.TraceIdentifier);
        return context.Response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>Unavailable for a moment · ReviewPortal</title>
                <link rel="stylesheet" href="/css/site.css" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
            </head>
            <body>
            <a class="skip-link" href="#content">Skip to content</a>
            <header class="site-header"><a class="brand" href="/">ReviewPortal</a></header>
            <main class="container" id="content" tabindex="-1">
            <h1>Unavailable for a moment</h1>
            <p>The site cannot reach its database right now. Try again in a few seconds.</p>
            <p class="muted">If you report this, quote the trace id <code>{{traceId}}</code>.</p>
            <p class="way-on"><a href="/">Back to the conferences</a></p>
            </main>
            </body>
            </html>
            """, context.RequestAborted);
    }
}
