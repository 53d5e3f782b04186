using System.Threading.RateLimiting;
using Hangfire;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using ReviewPortal.Application;
using ReviewPortal.Application.Common.Behaviours;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Infrastructure;
using ReviewPortal.Infrastructure.Data;
using ReviewPortal.Infrastructure.Sessions;
using ReviewPortal.Web.Endpoints;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web;

/// <summary>The composition root: services and the HTTP pipeline.</summary>
public static class WebSetup
{
    public const string AuthRateLimitPolicy = "auth";

    public static void AddReviewPortal(this WebApplicationBuilder builder, string connectionString)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        configuration["Mail:PickupDirectory"] ??= Path.Combine(AppPaths.DataRoot(configuration, builder.Environment), "mail");
        builder.AddRequestHardening();

        services.AddApplication();
        services.AddInfrastructure(configuration, connectionString);
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(ReviewPortal.Application.DependencyInjection)];
            // logging → validation → authorisation → transaction (commands only), then the handler.
            options.PipelineBehaviors =
            [
                typeof(LoggingBehaviour<,>),
                typeof(ValidationBehaviour<,>),
                typeof(AuthorizationBehaviour<,>),
                typeof(TransactionBehaviour<,>),
            ];
        });

        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddScoped<ILinkBuilder, LinkBuilder>();

        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Proposals");
            options.Conventions.AuthorizeFolder("/Chair");
            options.Conventions.AuthorizePage("/Account/Profile");
            options.Conventions.AddPageApplicationModelConvention("/Account/Login", m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(AuthRateLimitPolicy)));
            options.Conventions.AddPageApplicationModelConvention("/Account/Register", m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(AuthRateLimitPolicy)));
            options.Conventions.AddPageApplicationModelConvention("/Account/ForgotPassword", m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(AuthRateLimitPolicy)));
        });
        // Commands are validated once, by FluentValidation in the pipeline; MVC's implicit [Required] on
        // non-nullable strings would stop a page before its command could report all field errors.
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddReviewPortalOpenApi();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "ReviewPortal.Auth";
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            // The API answers 401/403; only pages redirect to the login form.
            options.Events.OnRedirectToLogin = ctx => ApiOrRedirect(ctx, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = ctx => ApiOrRedirect(ctx, StatusCodes.Status403Forbidden);
        });
        services.AddServerSideSessions(configuration); // the cookie above holds only a session key (Infrastructure/Sessions)
        services.AddAntiforgery(options => options.Cookie.Name = "ReviewPortal.Antiforgery");
        services.AddSignedInPageCache(builder.Configuration);
        services.AddPublicSchedule(builder.Configuration);
        services.AddApiTokenAuthentication();

        services.AddRateLimiter(options =>
        {
            var permits = configuration.GetValue("RateLimiting:Auth:PermitLimit", 10);
            var window = TimeSpan.FromSeconds(configuration.GetValue("RateLimiting:Auth:WindowSeconds", 60));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per client address, and only for form posts: showing the login page is free, guessing passwords is not.
            options.AddPolicy(AuthRateLimitPolicy, http => HttpMethods.IsGet(http.Request.Method)
                ? RateLimitPartition.GetNoLimiter("get")
                : RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
            options.OnRejected = RateLimitRejection.OnRejectedAsync;
        });

        // Behind a reverse proxy (App:TrustForwardedHeaders): the client's address for rate limiting, the public scheme for links.
        services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
        });
        services.AddHealthChecks()
            .AddDbContextCheck<ApplicationDbContext>("postgresql")
            .AddCheck<HangfireHealthCheck>("hangfire");

        if (!builder.Environment.IsDevelopment())
            services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
    }

    public static void UseReviewPortal(this WebApplication app)
    {
        if (app.Configuration.GetValue("App:TrustForwardedHeaders", false))
            app.UseForwardedHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            StatusCodeSelector = ProblemDetailsExceptionHandler.StatusCodeFor,
            // A 404, 403 or 409 is an answer, not a fault; a 500 is logged once, by the handler, with the trace id
            // the error page shows, so the middleware's own error log would only repeat it.
            SuppressDiagnosticsCallback = _ => true,
        });
        // Bodiless error statuses (401 from the API, 404 for an unknown URL) get a ProblemDetails body in the
        // API and the error page in the browser.
        app.UseWhen(ctx => ProblemDetailsExceptionHandler.IsApiRequest(ctx.Request), api => api.UseStatusCodePages());
        app.UseWhen(ctx => !ProblemDetailsExceptionHandler.IsApiRequest(ctx.Request), pages => pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRequestHardening();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseOutputCache(); // only pages that opt in (SignedInPageCachePolicy, PublicSchedulePolicy)
        app.UsePublicScheduleCompression(); // inside the cache, so what it keeps is already compressed

        app.MapHangfireDashboard("/jobs", new DashboardOptions
        {
            Authorization = [new AdminDashboardAuthorization()],
            DashboardTitle = "ReviewPortal jobs",
            AppPath = "/",
        }, app.Services.GetRequiredService<JobStorage>());

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapRazorPages();
        app.MapApi();
        app.MapPublicSchedule();
    }

    private static Task ApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
