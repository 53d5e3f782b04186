using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Domain.Common;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>
/// Pages send a command and show what went wrong next to the fields: validation failures become ModelState
/// errors under the form's prefix; a failure on a member the form has no input for (an id from the route, a
/// list the form shows as one text box) goes to the nearest input, else to the form's summary, so no error is
/// lost. Rule and concurrency refusals become a form-level message.
/// </summary>
internal static partial class PageModelExtensions
{
    private static readonly ConcurrentDictionary<(Type, string), string?> InputKeys = new();

    public static async Task<(bool Ok, T? Result)> TrySendAsync<T>(
        this PageModel page, IMediator mediator, ICommand<T> command, string prefix = "Input", CancellationToken cancellationToken = default)
    {
        try
        {
            return (true, await mediator.Send(command, cancellationToken));
        }
        catch (ValidationException ex)
        {
            page.AddErrors(ex, prefix);
        }
        catch (DomainException ex)
        {
            page.ModelState.AddModelError("", ex.Message);
        }
        catch (ConcurrencyConflictException ex)
        {
            page.ModelState.AddModelError("", ex.Message);
            page.HttpContext.Items[ConcurrencyRefusedKey] = true;
        }

        return (false, default);
    }

    private static readonly object ConcurrencyRefusedKey = new();

    /// <summary>Whether <see cref="TrySendAsync"/> was refused because someone else changed the data first (a page answers 409 then, not 400).</summary>
    public static bool WasConcurrencyRefused(this PageModel page) => page.HttpContext.Items.ContainsKey(ConcurrencyRefusedKey);

    /// <summary>Puts each failure at the input it belongs to (under <paramref name="prefix"/>), or in the summary.</summary>
    public static void AddErrors(this PageModel page, ValidationException refused, string prefix = "Input")
    {
        foreach (var error in refused.Errors)
        {
            var path = string.IsNullOrEmpty(prefix) ? error.PropertyName : $"{prefix}.{error.PropertyName}";
            var key = string.IsNullOrEmpty(error.PropertyName) ? "" : InputKeyFor(page.GetType(), path) ?? "";
            if (!page.ModelState.TryGetValue(key, out var entry) || !entry.Errors.Any(e => e.ErrorMessage == error.ErrorMessage))
                page.ModelState.AddModelError(key, error.ErrorMessage);
        }
    }

    /// <summary>
    /// The ModelState key of the page property that <paramref name="path"/> (e.g. <c>Input.CoSpeakers[1].Name</c>) names:
    /// the path itself when the page has it (a text box standing for a list keeps the index, for the page to say which line);
    /// without the index for a list of plain values (one input holds them all);
    /// null when the page has no such property.
    /// </summary>
    private static string? InputKeyFor(Type pageType, string path) => InputKeys.GetOrAdd((pageType, path), static key =>
    {
        var (type, path) = key;
        var resolved = new List<string>();
        foreach (var segment in path.Split('.'))
        {
            var match = Segment().Match(segment);
            if (!match.Success)
                return null;
            var property = type.GetProperty(match.Groups["name"].Value, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
                return null;
            type = property.PropertyType;
            var indices = match.Groups["index"].Captures.Select(c => c.Value).ToList();
            var name = property.Name;
            for (var i = 0; i < indices.Count; i++)
            {
                // One text box for a list (topics, one per line): the key keeps the index; the page says which line.
                if (type == typeof(string))
                {
                    name += string.Concat(indices.Skip(i));
                    break;
                }

                // A list of plain values (topics as checkboxes) has one input for all its entries.
                if (ElementType(type) is not { } element || element == typeof(string) || element.IsValueType)
                    break;
                name += indices[i];
                type = element;
            }

            resolved.Add(name);
        }

        return string.Join('.', resolved);
    });

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[^1]
        : null;

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<index>\[[0-9]+\])*$")]
    private static partial Regex Segment();
}
