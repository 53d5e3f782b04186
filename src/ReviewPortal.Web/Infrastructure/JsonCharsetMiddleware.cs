using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>
/// JSON bodies of the API must be UTF-8 (RFC 8259 §8.1): a body declared in another charset (utf-7, latin-1, an
/// unknown name) is a 415 problem, before any endpoint tries to transcode it (which threw, a 500).
/// </summary>
internal sealed class JsonCharsetMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && IsJson(type)
            && type.Charset.HasValue
            && !IsUtf8(type.Charset.Value!))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = ProblemDetailsExceptionHandler.Problem(StatusCodes.Status415UnsupportedMediaType,
                    $"JSON must be sent as UTF-8 (charset=utf-8 or no charset), not charset={type.Charset.Value}."),
            });
            return;
        }

        await next(context);
    }

    private static bool IsJson(MediaTypeHeaderValue type) =>
        type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || type.MediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase)
        || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);

    private static bool IsUtf8(string charset) =>
        charset.Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Trim('"').Equals("utf8", StringComparison.OrdinalIgnoreCase);
}
