using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>The one limit for uploaded files (Uploads:MaxMegabytes, default 10), shown on the page and enforced for page and API alike.</summary>
public sealed class UploadLimit(IConfiguration configuration)
{
    /// <summary>TempData key: an upload refused before it was read, shown as the file field's error on the page it was sent from.</summary>
    public const string RefusedKey = "UploadRefused";

    public int Megabytes { get; } = Math.Max(1, configuration.GetValue("Uploads:MaxMegabytes", 10));

    public long MaxBytes => Megabytes * 1024L * 1024L;

    public string Description => $"{Megabytes.ToString(CultureInfo.InvariantCulture)} MB";

    public string TooLargeMessage => $"The file is too large: files up to {Description} can be uploaded.";
}

/// <summary>Marks an endpoint (an API operation, or a page model) that takes an uploaded file, so <see cref="UploadLimit"/> applies to it.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class TakesUploadAttribute : Attribute;

/// <summary>
/// Enforces <see cref="UploadLimit"/> on endpoints marked <see cref="TakesUploadAttribute"/>. A body whose declared length is
/// over the limit is not read: the API answers 413, a page is sent back to itself (303) with the limit as the file's error.
/// A body without a declared length is cut off at the limit by Kestrel and the form reader.
/// </summary>
internal sealed class UploadLimitMiddleware(RequestDelegate next, UploadLimit limit, IProblemDetailsService problems, ITempDataDictionaryFactory tempData)
{
    // Room for the multipart framing and the form's other fields (the antiforgery token) around the file.
    private const long FormOverhead = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<TakesUploadAttribute>() is null || HttpMethods.IsGet(context.Request.Method))
        {
            await next(context);
            return;
        }

        var allowed = limit.MaxBytes + FormOverhead;
        if (context.Request.ContentLength > allowed)
        {
            await RefuseAsync(context);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = allowed;
        if (context.Request.HasFormContentType)
            context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions { MultipartBodyLengthLimit = allowed }));
        await next(context);
    }

    private async Task RefuseAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = ProblemDetailsExceptionHandler.Problem(StatusCodes.Status413PayloadTooLarge, limit.TooLargeMessage),
            });
            return;
        }

        var data = tempData.GetTempData(context);
        data[UploadLimit.RefusedKey] = limit.TooLargeMessage;
        data.Save();
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = $"{context.Request.PathBase}{context.Request.Path}";
    }
}
