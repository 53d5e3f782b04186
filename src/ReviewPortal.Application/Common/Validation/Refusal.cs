using FluentValidation;
using FluentValidation.Results;

namespace ReviewPortal.Application.Common.Validation;

/// <summary>How the application refuses input: a <see cref="ValidationException"/> whose message is the field messages in plain words.</summary>
public static class Refusal
{
    /// <summary>
    /// FluentValidation's own message reads "Validation failed: -- TrackId: …"; wherever this one is shown
    /// (an error page, a log line) it reads as the sentences the fields got.
    /// </summary>
    public static ValidationException Of(IEnumerable<ValidationFailure> failures)
    {
        var list = failures.ToList();
        return new ValidationException(string.Join(" ", list.Select(f => f.ErrorMessage).Distinct(StringComparer.Ordinal)), list);
    }

    public static ValidationException Of(string field, string message) => Of([new ValidationFailure(field, message)]);
}
