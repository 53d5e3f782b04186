using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Domain.Common;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>
/// Pages send a command and show what went wrong next to the fields: validation failures become ModelState
/// errors under the form's prefix; rule and concurrency refusals become a form-level message.
/// </summary>
internal static class PageModelExtensions
{
    public static async Task<(bool Ok, T? Result)> TrySendAsync<T>(
        this PageModel page, IMediator mediator, ICommand<T> command, string prefix = "Input", CancellationToken cancellationToken = default)
    {
        try
        {
            return (true, await mediator.Send(command, cancellationToken));
        }
        catch (ValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                var key = string.IsNullOrEmpty(error.PropertyName) ? "" : string.IsNullOrEmpty(prefix) ? error.PropertyName : $"{prefix}.{error.PropertyName}";
                page.ModelState.AddModelError(key, error.ErrorMessage);
            }
        }
        catch (DomainException ex)
        {
            page.ModelState.AddModelError("", ex.Message);
        }
        catch (ConcurrencyConflictException ex)
        {
            page.ModelState.AddModelError("", ex.Message);
        }

        return (false, default);
    }
}
