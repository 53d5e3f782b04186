using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Infrastructure.Sessions;

public static class SessionsSetup
{
    /// <summary>
    /// Server-side sessions for Identity's application cookie: the cookie holds a key into <see cref="UserSession"/>,
    /// so signing out (or ending a session from the profile, or a password reset) really ends it.
    /// </summary>
    public static IServiceCollection AddServerSideSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SessionOptions>(configuration.GetSection(SessionOptions.Section));
        services.AddSingleton<SessionCache>();
        services.AddSingleton<PostgresTicketStore>();
        services.AddScoped<IUserSessions, UserSessionStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure<PostgresTicketStore, IOptions<SecurityStampValidatorOptions>>((options, store, stamps) =>
            {
                options.SessionStore = store;
                SecurityStampSchedule.ValidateOnlyWhenDue(options, stamps.Value);
            });
        return services;
    }
}
