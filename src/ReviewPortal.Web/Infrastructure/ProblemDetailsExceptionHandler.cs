using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Domain.Common;
using ReviewPortal.Infrastructure.Data;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>
/// Maps application errors to RFC 9457 ProblemDetails: 400 with field errors, 401, 403, 404, 409, 503 with
/// Retry-After when PostgreSQL refuses connections (<see cref="DatabaseOutage"/>), and a 500 that shows no
/// internals (only a trace id to quote; the exception is logged). Browsers that do not accept JSON get the
/// /Error page instead, with the same status code.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public static int StatusCodeFor(Exception exception) => exception switch
    {
        ValidationException => StatusCodes.Status400BadRequest,
        BadHttpRequestException bad => bad.StatusCode,
        UnauthenticatedException => StatusCodes.Status401Unauthorized,
        ForbiddenAccessException => StatusCodes.Status403Forbidden,
        NotFoundException => StatusCodes.Status404NotFound,
        ConcurrencyConflictException => StatusCodes.Status409Conflict,
        DomainException => StatusCodes.Status409Conflict,
        _ when DatabaseOutage.IsOutage(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var status = StatusCodeFor(exception);
        if (status == StatusCodes.Status500InternalServerError)
            LogUnhandled(logger, httpContext.TraceIdentifier, exception);
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            // Not a bug: one line per request, without the stack, so an outage does not bury the log.
            LogDatabaseUnavailable(logger, httpContext.TraceIdentifier, exception.GetBaseException().Message);
            // Set before the page is re-executed too: the exception handler middleware clears headers before calling handlers, not after.
            httpContext.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // Pages get the /Error page (the middleware re-executes it with this status), a 503 the static UnavailablePage;
        // the API gets ProblemDetails.
        // Browsers accept */*, so the Accept header alone would send them JSON.
        // The middleware has already set the path to /Error: the request's own path is in the feature.
        var originalPath = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path;
        if (!IsApiRequest(originalPath, httpContext.Request))
        {
            if (status != StatusCodes.Status503ServiceUnavailable)
                return false;
            await UnavailablePage.WriteAsync(httpContext);
            return true;
        }

        var problem = exception switch
        {
            ValidationException v => new ValidationProblemDetails(
                v.Errors.GroupBy(e => e.PropertyName, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray(), StringComparer.Ordinal))
            {
                Title = "One or more fields are invalid.",
            },
            _ => new ProblemDetails { Title = TitleFor(status), Detail = status is 500 or 503 ? null : exception.Message },
        };
        problem.Status = status;
        problem.Type = TypeFor(status);
        if (exception is DeadlinePassedException deadline)
            problem.Extensions["deadlineUtc"] = deadline.DeadlineUtc;

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    public static bool IsApiRequest(HttpRequest request) => IsApiRequest(request.Path, request);

    private static bool IsApiRequest(PathString path, HttpRequest request) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || !request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A problem answered outside the exception handler (middleware, authentication), with the same type and title
    /// as the handler gives that status, so every answer of a status reads alike.
    /// </summary>
    public static ProblemDetails Problem(int status, string? detail = null, string? title = null) =>
        new() { Status = status, Type = TypeFor(status), Title = title ?? TitleFor(status), Detail = detail };

    private static string TypeFor(int status) => $"https://tools.ietf.org/html/rfc9110#section-15.{(status >= 500 ? 6 : 5)}.{TypeSuffix(status)}";

    private static string TitleFor(int status) => status switch
    {
        400 => "The request could not be read.",
        401 => "Sign in to do this.",
        403 => "You are not allowed to do this.",
        404 => "Not found.",
        409 => "This conflicts with the current state.",
        413 => "The request is too large.",
        415 => "Unsupported media type.",
        503 => "The service is unavailable for a moment; try again in a few seconds.",
        _ => "Something went wrong on our side.",
    };

    private static int TypeSuffix(int status) => status switch
    {
        400 => 1,
        401 => 2,
        403 => 4,
        404 => 5,
        409 => 10,
        413 => 14,
        415 => 16,
        503 => 4,
        _ => 1,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception (trace id {TraceId})")]
    private static partial void LogUnhandled(ILogger logger, string traceId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable, answered 503 (trace id {TraceId}): {Reason}")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string traceId, string reason);
}
