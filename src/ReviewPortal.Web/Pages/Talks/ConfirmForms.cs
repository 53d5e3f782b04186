using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Features.Confirmations;
using ReviewPortal.Domain.Common;

namespace ReviewPortal.Web.Pages.Talks;

/// <summary>What the confirm and decline forms post: rows of times the speakers cannot make, absent co-speakers, a reason.</summary>
public sealed class ConfirmInput
{
    public const int EmptyRows = 2;

    public List<UnavailableRow> Blocks { get; set; } = [];
    public List<Guid> Absent { get; set; } = [];
    public string? Reason { get; set; }

    /// <summary>The filled rows as the command's blocks (wall-clock in the conference's zone), and which row each came from.</summary>
    public (List<UnavailableTime> Times, List<int> Rows) ToTimes()
    {
        var times = new List<UnavailableTime>();
        var rows = new List<int>();
        for (var i = 0; i < Blocks.Count; i++)
        {
            var row = Blocks[i];
            if (row.IsEmpty)
                continue;
            // A row without its day or its times is sent as such: the command says what is missing.
            DateTime? start = row.Day is { } day ? row.WholeDay ? day.ToDateTime(TimeOnly.MinValue) : row.From is { } f ? day.ToDateTime(f) : null : null;
            DateTime? end = row.Day is { } d ? row.WholeDay ? d.AddDays(1).ToDateTime(TimeOnly.MinValue) : row.To is { } t ? d.ToDateTime(t) : null : null;
            times.Add(new UnavailableTime(start, end));
            rows.Add(i);
        }

        return (times, rows);
    }

    /// <summary>At least <see cref="EmptyRows"/> rows to fill in, and one more after the last filled one.</summary>
    public void PadRows(int extra = 0)
    {
        var want = Math.Max(EmptyRows, Blocks.Count(b => !b.IsEmpty) + 1) + extra;
        while (Blocks.Count < Math.Min(want, SpeakerConfirmationLimits.MaxRows))
            Blocks.Add(new UnavailableRow());
    }
}

public sealed class UnavailableRow
{
    public DateOnly? Day { get; set; }
    public TimeOnly? From { get; set; }
    public TimeOnly? To { get; set; }
    public bool WholeDay { get; set; }

    public bool IsEmpty => Day is null && From is null && To is null && !WholeDay;
}

internal static class SpeakerConfirmationLimits
{
    public const int MaxRows = Domain.Decisions.SpeakerConfirmation.MaxUnavailableBlocks;
}

/// <summary>The forms' data for the partial: the offer, what was typed, and where the forms post.</summary>
public sealed record ConfirmFormsModel(ConfirmationView View, ConfirmInput Input, string Action, string? Token);

internal static class ConfirmFormSending
{
    /// <summary>
    /// Sends the command; field errors go to the row, the checkboxes or the reason they came from, a refusal of the
    /// offer's state (answered, deadline passed) to the form's summary.
    /// </summary>
    public static async Task<(bool Ok, ConfirmationView? View)> TrySendAsync(PageModel page, IMediator mediator, ICommand<ConfirmationView> command,
        IReadOnlyList<int> rows, CancellationToken ct)
    {
        try
        {
            return (true, await mediator.Send(command, ct));
        }
        catch (ValidationException refused)
        {
            foreach (var error in refused.Errors)
            {
                var key = error.PropertyName switch
                {
                    var p when p.StartsWith("Unavailable[", StringComparison.Ordinal) && int.TryParse(p[12..p.IndexOf(']')], out var i) && i < rows.Count
                        => $"Input.Blocks[{rows[i]}]",
                    nameof(ConfirmTalk.AbsentSpeakerIds) => "Input.Absent",
                    nameof(DeclineTalk.Reason) => "Input.Reason",
                    _ => "",
                };
                page.ModelState.AddModelError(key, error.ErrorMessage);
            }
        }
        catch (DomainException refused)
        {
            page.ModelState.AddModelError("", refused.Message);
        }
        catch (ConcurrencyConflictException refused)
        {
            page.ModelState.AddModelError("", refused.Message);
        }

        return (false, null);
    }
}
