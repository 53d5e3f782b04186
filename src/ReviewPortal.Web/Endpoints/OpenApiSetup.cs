using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Endpoints;

/// <summary>
/// Makes /openapi/v1.json say what the API really does. Endpoints declare their success answer and the
/// problems only their handlers can raise (403, 404, 409, a 400 for route or query values); the statuses the
/// pipeline itself produces are derived from each endpoint's metadata here, so they cannot drift:
/// 401 everywhere under /api/v1 (no sign-in, or a bearer token that is not valid), 400/413/415 where a JSON
/// body is read, 429 where a rate limit applies. Both ways to authenticate are declared as security schemes.
/// </summary>
internal static class OpenApiSetup
{
    public const string CookieScheme = "cookie";
    public const string BearerScheme = "bearer";
    private const string ProblemJson = "application/problem+json";

    public static IServiceCollection AddReviewPortalOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "ReviewPortal API";
                document.Info.Description = "Errors are RFC 9457 ProblemDetails (application/problem+json). "
                    + "Authenticate with the sign-in cookie or with a personal API token (Authorization: Bearer rp_…).";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
                document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Cookie,
                    Name = "ReviewPortal.Auth",
                    Description = "The session cookie set by signing in at /Account/Login.",
                };
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "rp_ followed by 43 base64url characters",
                    Description = "A personal API token from POST /api/v1/me/tokens or the profile page; acts with its owner's rights.",
                };
                return Task.CompletedTask;
            });
            // Every problem carries the trace id to quote (ProblemDetailsExceptionHandler, AddProblemDetails).
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type.IsAssignableTo(typeof(ProblemDetails)) && context.JsonPropertyInfo is null)
                {
                    schema.Properties ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
                    schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Quote this when you report a problem." };
                }

                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                var requiresSignIn = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
                var sessionOnly = metadata.OfType<SessionOnlyMetadata>().Any();
                OpenApiSecurityRequirement Requirement(string scheme) => new() { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] };
                operation.Security = sessionOnly ? [Requirement(CookieScheme)]
                    : requiresSignIn ? [Requirement(CookieScheme), Requirement(BearerScheme)]
                    // Anyone may call it; a bearer token, if sent, is still checked (401 when it is not valid).
                    : [new OpenApiSecurityRequirement(), Requirement(CookieScheme), Requirement(BearerScheme)];

                foreach (var (status, response) in operation.Responses ?? [])
                {
                    if (response is OpenApiResponse concrete && Descriptions.TryGetValue(status, out var text))
                        concrete.Description = status == "401" && !requiresSignIn ? "The bearer token sent is not valid (none is needed here)." : text;
                }

                return Task.CompletedTask;
            });
        });

    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["400"] = "The request is invalid: field errors in 'errors' (validation), or a body that is not readable JSON.",
        ["401"] = "Not signed in, or the bearer token is unknown, revoked or expired.",
        ["403"] = "Signed in, but not allowed to do this.",
        ["404"] = "No such thing, or one the caller may not know about.",
        ["409"] = "A rule refused it (e.g. the deadline has passed) or the version is stale.",
        ["413"] = "The body is larger than the server accepts.",
        ["415"] = "The body is not application/json.",
        ["429"] = "Too many requests from this address; the Retry-After header says when to try again.",
    };

    /// <summary>Adds the problems the pipeline produces for each endpoint of the group, from the endpoint's own metadata.</summary>
    public static RouteGroupBuilder DocumentPipelineProblems(this RouteGroupBuilder group)
    {
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            var declared = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode).ToHashSet();
            void Add(int status, Type type)
            {
                if (declared.Add(status))
                    endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, type, [ProblemJson]));
            }

            // RejectInvalidBearerTokens and RequireAuthorization: every /api/v1 operation can answer 401.
            Add(StatusCodes.Status401Unauthorized, typeof(ProblemDetails));
            if (endpoint.Metadata.OfType<IAcceptsMetadata>().Any())
            {
                Add(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
                Add(StatusCodes.Status413PayloadTooLarge, typeof(ProblemDetails));
                Add(StatusCodes.Status415UnsupportedMediaType, typeof(ProblemDetails));
            }

            if (endpoint.Metadata.OfType<EnableRateLimitingAttribute>().Any())
                Add(StatusCodes.Status429TooManyRequests, typeof(ProblemDetails));
        });
        return group;
    }

    /// <summary>Declares problems (ProblemDetails bodies) that this endpoint's handler can answer with.</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            if (status == StatusCodes.Status400BadRequest)
                builder.ProducesValidationProblem();
            else
                builder.ProducesProblem(status);
        }

        return builder;
    }

    /// <summary>Documents that only the sign-in cookie is accepted (the handler refuses API tokens with 403).</summary>
    public static RouteHandlerBuilder SessionOnly(this RouteHandlerBuilder builder) => builder.WithMetadata(new SessionOnlyMetadata());

    private sealed class SessionOnlyMetadata;
}
