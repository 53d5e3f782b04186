using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ReviewPortal.Infrastructure.Identity;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>
/// Personal API tokens: <c>Authorization: Bearer rp_…</c> on /api, with exactly the owner's rights (the same
/// user id and site roles a cookie session would carry). Pages accept only the cookie.
/// </summary>
public static class ApiTokenAuthentication
{
    public const string Scheme = "Bearer";
    /// <summary>Picks Bearer or the Identity cookie per request; the default for authenticate, challenge and forbid.</summary>
    public const string SelectorScheme = "CookieOrBearer";

    public static IServiceCollection AddApiTokenAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(Scheme, null)
            .AddPolicyScheme(SelectorScheme, null, o => o.ForwardDefaultSelector = ctx =>
                IsApiBearerRequest(ctx.Request) ? Scheme : IdentityConstants.ApplicationScheme);
        // After AddIdentity's defaults, which name the cookie; signing in and out still name the cookie explicitly.
        services.Configure<AuthenticationOptions>(o =>
        {
            o.DefaultAuthenticateScheme = SelectorScheme;
            o.DefaultChallengeScheme = SelectorScheme;
            o.DefaultForbidScheme = SelectorScheme;
        });
        return services;
    }

    /// <summary>An /api request that presents a bearer token (scheme name case-insensitive, RFC 9110 §11.1).</summary>
    public static bool IsApiBearerRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && BearerToken(request) is not null;

    internal static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(Scheme + " ", StringComparison.OrdinalIgnoreCase) ? header[(Scheme.Length + 1)..].Trim() : null;
    }

    /// <summary>
    /// A bearer token that is not valid is refused with 401 even where no sign-in is needed, so a script with an
    /// expired token learns it at once instead of silently getting the anonymous view (RFC 6750 §3.1).
    /// </summary>
    public static TBuilder RejectInvalidBearerTokens<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (ctx, next) =>
            IsApiBearerRequest(ctx.HttpContext.Request) && ctx.HttpContext.User.Identity?.IsAuthenticated != true
                ? Results.Challenge(authenticationSchemes: [Scheme])
                : await next(ctx));
}

internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiTokenAuthenticator authenticator, IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private string? _failure;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ApiTokenAuthentication.BearerToken(Request);
        if (token is null)
            return AuthenticateResult.NoResult();

        var (owner, failure) = await authenticator.AuthenticateAsync(token, Context.RequestAborted);
        if (owner is null)
        {
            _failure = failure;
            return AuthenticateResult.Fail(failure!);
        }

        var identity = new ClaimsIdentity(Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, owner.UserId.ToString()));
        identity.AddClaim(new Claim(ApiTokenClaims.TokenId, owner.TokenId.ToString()));
        foreach (var role in owner.Roles)
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // The RFC 6750 challenge, and a ProblemDetails body that says what is wrong with the token.
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = _failure is null
            ? "Bearer realm=\"ReviewPortal\""
            : "Bearer realm=\"ReviewPortal\", error=\"invalid_token\"";
        await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = ProblemDetailsExceptionHandler.Problem(StatusCodes.Status401Unauthorized, _failure,
                _failure is null ? null : "The API token was refused."),
        });
    }
}

public static class ApiTokenClaims
{
    /// <summary>The id of the token a request authenticated with.</summary>
    public const string TokenId = "reviewportal:api-token";
}
