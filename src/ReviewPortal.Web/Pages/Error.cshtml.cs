using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages;

/// <summary>The browser's view of an error: the status's meaning, the rule's message, never internals.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";
    public string Message { get; private set; } = "";
    public string? TraceId { get; private set; }

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var exception = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        var status = code ?? (exception is null ? 500 : ProblemDetailsExceptionHandler.StatusCodeFor(exception));
        Response.StatusCode = status;
        (Title, Message) = status switch
        {
            400 => ("Bad request", exception?.Message ?? "The request could not be understood."),
            401 => ("Sign in needed", "Sign in to see this page."),
            403 => ("Not allowed", exception?.Message ?? "You are not allowed to do this."),
            404 => ("Not found", "There is nothing here. It may have been removed, or the link is wrong."),
            409 => ("Conflict", exception?.Message ?? "This conflicts with the current state."),
            429 => ("Too many attempts", "Wait a minute and try again."),
            _ => ("Something went wrong", "The error was logged; please try again."),
        };
        if (status >= 500)
            TraceId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }
}
