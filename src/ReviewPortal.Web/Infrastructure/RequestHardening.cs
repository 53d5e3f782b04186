using Microsoft.AspNetCore.CookiePolicy;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>
/// Request-pipeline rules that hold for every endpoint: the public URL's consequences (links, Secure cookies),
/// no Server header, UTF-8 JSON only, one upload limit.
/// </summary>
public static class RequestHardening
{
    public static void AddRequestHardening(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<PublicBaseUrl>();
        services.AddSingleton<UploadLimit>();
        // Nothing to gain from naming the server software to every scanner.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

        // One rule for every cookie (sign-in, antiforgery, TempData, any added later): behind a TLS-terminating
        // proxy the request the app sees is http, but the browser is on https, so the cookie must be Secure.
        var secure = PublicBaseUrl.IsHttps(builder.Configuration);
        services.Configure<CookiePolicyOptions>(o =>
        {
            o.Secure = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.None;
            o.MinimumSameSitePolicy = SameSiteMode.Unspecified; // each cookie keeps its own SameSite
            o.HttpOnly = HttpOnlyPolicy.None; // each cookie keeps its own HttpOnly
        });
    }

    /// <summary>After routing (the upload limit reads the endpoint), before anything that writes cookies.</summary>
    public static void UseRequestHardening(this WebApplication app)
    {
        app.UseCookiePolicy();
        app.UseMiddleware<JsonCharsetMiddleware>();
        app.UseMiddleware<UploadLimitMiddleware>();
    }
}
