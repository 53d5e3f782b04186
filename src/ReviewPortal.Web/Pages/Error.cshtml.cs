using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages;

/// <summary>
/// The browser's view of an error: the status's meaning, the rule's message and a way on, never internals.
/// Only the exception handler and the status-code pages reach it with a status; opened directly there is no
/// error to show, so it is a 404 (it takes no input: nothing a visitor sends can make it fail).
/// It reads nothing from the database, so it still renders when the database is down.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";
    public string? TraceId { get; private set; }

    /// <summary>The sign-in link (back to the page that needed it), for anonymous visitors on a 401 or 403.</summary>
    public string? SignInUrl { get; private set; }

    public void OnGet() => Describe();

    public void OnPost() => Describe();

    private void Describe()
    {
        var exception = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        Status = exception is not null ? ProblemDetailsExceptionHandler.StatusCodeFor(exception.Error)
            : reExecuted is not null ? reExecuted.OriginalStatusCode
            : StatusCodes.Status404NotFound;
        Response.StatusCode = Status;
        var error = exception?.Error;
        (Title, Message) = Status switch
        {
            400 => ("Bad request", error?.Message ?? "The request could not be understood."),
            401 => ("Sign in needed", "Sign in to see this page."),
            403 => ("Not allowed", error?.Message ?? "Your account may not open this page."),
            404 => ("Not found", "There is nothing here. It may have been removed, or the link is wrong."),
            409 => ("Conflict", error?.Message ?? "This conflicts with the current state."),
            413 => ("Too large", "What you sent is larger than this site accepts."),
            429 => ("Too many attempts", $"Wait {RetryAfterText()} and try again."),
            503 => ("Unavailable for a moment", "The site cannot reach its database right now. Try again in a few seconds."),
            < 500 => ("Cannot do this", "This request cannot be answered."),
            _ => ("Something went wrong", "The error was logged; please try again."),
        };
        if (Status is 401 or 403 && User.Identity?.IsAuthenticated != true)
        {
            var back = exception is not null ? exception.Path : reExecuted is not null ? reExecuted.OriginalPath + reExecuted.OriginalQueryString : "/";
            SignInUrl = "/Account/Login?ReturnUrl=" + Uri.EscapeDataString(back);
        }

        if (Status >= 500)
        {
            TraceId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
            // The navigation reads the signed-in person's profile: not on a page that must render when the database is down.
            ViewData["HideNavigation"] = true;
        }
    }

    private string RetryAfterText() =>
        int.TryParse(Response.Headers.RetryAfter.ToString(), out var seconds) && seconds > 0 ? $"{seconds} seconds" : "a minute";
}
