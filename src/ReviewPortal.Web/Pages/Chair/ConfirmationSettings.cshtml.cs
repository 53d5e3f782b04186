using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Confirmations;
using ReviewPortal.Application.Features.Tracks;
using ReviewPortal.Domain.Common;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Web.Pages.Chair;

/// <summary>What the confirmation settings form shows: the stored or typed values and the errors by field.</summary>
public sealed record ConfirmationSettingsForm(Guid TrackId, string TimeZone, DateTime? Deadline, string ReminderDays, WaitlistPromotion Promotion,
    IReadOnlyDictionary<string, string> Errors)
{
    public static ConfirmationSettingsForm From(Guid trackId, string timeZone, ConfirmationSettings s) =>
        new(trackId, timeZone, s.Deadline, string.Join(", ", s.ReminderDays ?? []), s.Promotion, new Dictionary<string, string>());
}

/// <summary>Where the Settings page's confirmation form posts: back to the Settings page when saved, this form with its errors when refused.</summary>
public sealed class ConfirmationSettingsModel(IMediator mediator) : PageModel
{
    public ConfirmationSettingsForm Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid trackId, CancellationToken ct)
    {
        Form = ConfirmationSettingsForm.From(trackId, await ZoneAsync(trackId, ct), await mediator.Send(new GetConfirmationSettings(trackId), ct));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid trackId, DateTime? deadline, string? reminderDays, WaitlistPromotion promotion, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var days = new List<int>();
        foreach (var part in (reminderDays ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var d))
                days.Add(d);
            else
                errors["ReminderDays"] = $"“{part}” is not a number of days.";
        }

        if (errors.Count == 0)
        {
            try
            {
                await mediator.Send(new UpdateConfirmationSettings(trackId, new ConfirmationSettings(deadline, days, promotion)), ct);
                TempData["Flash"] = "Confirmation settings saved.";
                return Redirect($"/Chair/{trackId}/Settings#confirmation-settings");
            }
            catch (ValidationException refused)
            {
                foreach (var e in refused.Errors)
                    errors[e.PropertyName switch
                    {
                        var p when p.StartsWith("Settings.ReminderDays", StringComparison.Ordinal) => "ReminderDays",
                        "Settings.Deadline" => "Deadline",
                        "Settings.Promotion" => "Promotion",
                        _ => "",
                    }] = e.ErrorMessage;
            }
            catch (DomainException refused)
            {
                errors[""] = refused.Message;
            }
        }

        Form = new ConfirmationSettingsForm(trackId, await ZoneAsync(trackId, ct), deadline, reminderDays ?? "", promotion, errors);
        return Page();
    }

    private async Task<string> ZoneAsync(Guid trackId, CancellationToken ct) => (await mediator.Send(new GetTrackSettings(trackId), ct)).TimeZoneId;
}
