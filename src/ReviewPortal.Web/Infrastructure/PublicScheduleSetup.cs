using System.IO.Compression;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using ReviewPortal.Application.Features.Schedule;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>
/// The public schedule's two caches (ADR 0030): the application's per-version memory (<see cref="PublishedScheduleCache"/>:
/// which versions are the latest, the schedule and its rendered files) and, in front of it, the output cache holding
/// the finished responses for anonymous readers, so a hit runs neither the page nor the mediator.
/// Both keep an entry <see cref="PublishedScheduleCacheOptions.CacheSeconds"/>; a publish on this node empties both at once.
/// </summary>
internal static class PublicScheduleSetup
{
    public static IServiceCollection AddPublicSchedule(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(PublishedScheduleCacheOptions.Section).Get<PublishedScheduleCacheOptions>() ?? new();
        services.AddSingleton(options);
        services.AddSingleton<IPublishedScheduleListener, OutputCacheScheduleEviction>();
        services.AddSingleton<PublishedScheduleCache>();
        services.AddSingleton<IPublishedScheduleCache>(sp => sp.GetRequiredService<PublishedScheduleCache>());
        services.AddScoped<PublishedScheduleReader>();
        services.Configure<OutputCacheOptions>(o =>
            o.AddPolicy(PublicSchedulePolicy.Name, new PublicSchedulePolicy(TimeSpan.FromSeconds(Math.Max(0, options.CacheSeconds)))));

        // Readers' browsers ask for br or gzip: the kept answers are compressed once, when kept (UsePublicScheduleCompression),
        // so a good level costs nothing per request. Only these anonymous answers are compressed: they hold no secret
        // and reflect no input, so compressing them over HTTPS gives BREACH nothing to guess.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "text/calendar", "text/csv"];
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        return services;
    }

    /// <summary>
    /// Inside the output cache: compresses only a public schedule answer that is being kept, so the cache holds it
    /// compressed and a hit copies the compressed bytes. <see cref="PublicSchedulePolicy"/> keeps one entry per encoding.
    /// </summary>
    public static void UsePublicScheduleCompression(this IApplicationBuilder app) =>
        app.UseWhen(PublicSchedulePolicy.IsBeingKept, compressed =>
        {
            // Also on the uncompressed answer, so a shared cache does not hand it out as the only one.
            compressed.Use((http, next) =>
            {
                http.Response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.Vary, Microsoft.Net.Http.Headers.HeaderNames.AcceptEncoding);
                return next(http);
            });
            compressed.UseResponseCompression();
        });
}

/// <summary>How pages and exports say which tracks a response shows, so a publish of any of them evicts it.</summary>
internal static class PublicScheduleHttp
{
    private const string TracksItem = "public-schedule-tracks";

    /// <summary>What browsers and shared caches may keep; short, because a publish must show soon.</summary>
    public const string CacheControl = "public, max-age=30";

    public static string TagOf(Guid trackId) => $"schedule-track:{trackId:N}";

    public static void Shows(HttpContext http, IEnumerable<Guid> trackIds)
    {
        http.Items[TracksItem] = trackIds.ToArray();
        if (http.User.Identity?.IsAuthenticated != true)
            http.Response.Headers.CacheControl = CacheControl;
    }

    public static IReadOnlyList<Guid> TracksShown(HttpContext http) => http.Items[TracksItem] as Guid[] ?? [];

    /// <summary>A file with its version as ETag; 304 when the reader has this version already.</summary>
    public static IResult File(HttpContext http, ScheduleFile file)
    {
        Shows(http, file.TrackIds);
        http.Response.Headers.ETag = file.ETag;
        var sent = http.Request.Headers.IfNoneMatch;
        if (sent.Count > 0 && sent.ToString().Split(',').Any(t => t.Trim() == file.ETag || t.Trim() == "*"))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(file.Content, file.ContentType);
    }
}

/// <summary>
/// Keeps the answers of the public schedule for anonymous readers (signed-in pages show the reader's own header, and
/// their answers are marked no-store). Varies by path and query; only a 200 without Set-Cookie is kept, so a 404
/// for a made-up slug never takes room. Tagged with the tracks shown, for <see cref="OutputCacheScheduleEviction"/>.
/// </summary>
internal sealed class PublicSchedulePolicy(TimeSpan lifetime) : IOutputCachePolicy
{
    public const string Name = "PublicSchedule";
    public const string Tag = "public-schedule";
    private const string EncodingKey = "encoding";

    /// <summary>Whether the output cache is about to keep this request's answer under this policy.</summary>
    public static bool IsBeingKept(HttpContext http) =>
        http.Features.Get<IOutputCacheFeature>()?.Context is { EnableOutputCaching: true, AllowCacheStorage: true } context
        && context.Tags.Contains(Tag);

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var cacheable = lifetime > TimeSpan.Zero
            && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            && http.User.Identity?.IsAuthenticated != true
            && Microsoft.Extensions.Primitives.StringValues.IsNullOrEmpty(http.Request.Headers.Authorization);
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = cacheable;
        if (!cacheable)
            return ValueTask.CompletedTask;
        context.ResponseExpirationTimeSpan = lifetime;
        context.CacheVaryByRules.QueryKeys = "*";
        // One entry per encoding the compression middleware would choose for this Accept-Encoding (br, gzip or none),
        // not per raw header: browsers word it differently, and the choice is the middleware's own.
        var encoding = http.RequestServices.GetRequiredService<IResponseCompressionProvider>().GetCompressionProvider(http)?.EncodingName;
        context.CacheVaryByRules.VaryByValues[EncodingKey] = encoding ?? "identity";
        context.Tags.Add(Tag);
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var response = http.Response;
        // The layout reads TempData, and its provider then deletes its cookie even when the request had none. Such a
        // response may be kept (as SignedInPageCachePolicy does); any other Set-Cookie is someone's own and may not.
        if (response.StatusCode != StatusCodes.Status200OK || !response.Headers.SetCookie.All(c => DeletesCookieNotSent(http, c)))
        {
            context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }

        foreach (var trackId in PublicScheduleHttp.TracksShown(context.HttpContext))
            context.Tags.Add(PublicScheduleHttp.TagOf(trackId));
        return ValueTask.CompletedTask;
    }

    private static bool DeletesCookieNotSent(HttpContext http, string? header)
    {
        var pair = header is null ? "" : header.Split(';', 2)[0];
        var separator = pair.IndexOf('=', StringComparison.Ordinal);
        return separator > 0 && separator == pair.Length - 1
            && header!.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)
            && !http.Request.Cookies.ContainsKey(pair[..separator]);
    }
}

/// <summary>A publish (<see cref="IPublishedScheduleCache.Invalidate"/>) drops the kept answers that show the track.</summary>
internal sealed class OutputCacheScheduleEviction(IOutputCacheStore store) : IPublishedScheduleListener
{
    public void Invalidated(Guid trackId)
    {
        // The in-memory store evicts synchronously; waiting keeps "after Invalidate the next request is fresh" true for any store.
        var eviction = store.EvictByTagAsync(PublicScheduleHttp.TagOf(trackId), CancellationToken.None);
        if (!eviction.IsCompletedSuccessfully)
            eviction.AsTask().GetAwaiter().GetResult();
    }
}
