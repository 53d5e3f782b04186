using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>The answer to a rate-limited request: Retry-After always; a 429 problem in the API, the 429 error page in the browser.</summary>
internal static class RateLimitRejection
{
    public static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        // A page gets no body here: the status-code pages middleware then renders /Error for the 429.
        if (!ProblemDetailsExceptionHandler.IsApiRequest(http.Request))
            return;

        await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = "https://tools.ietf.org/html/rfc6585#section-4",
                Title = "Too many attempts.",
                Detail = $"Wait {seconds} seconds and try again.",
            },
        });
    }
}
