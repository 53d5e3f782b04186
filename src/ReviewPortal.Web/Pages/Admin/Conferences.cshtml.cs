using Mediator;
using Microsoft.AspNetCore.Authorization;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Conferences;
using ReviewPortal.Application.Features.Tracks;
using ReviewPortal.Web.Infrastructure;
using ReviewPortal.Web.Pages.Chair;

namespace ReviewPortal.Web.Pages.Admin;

/// <summary>Site admins create conferences and their tracks (the Application layer checks the role as well).</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class ConferencesModel(IMediator mediator) : PageModel
{
    public const string ConferenceForm = "conference";
    public const string TrackForm = "track";

    public IReadOnlyList<ConferenceSummary> Conferences { get; private set; } = [];

    public ConferenceInput Conference { get; set; } = new();

    public TrackInput Track { get; set; } = new();

    /// <summary>Which form was posted, so a form-level error shows next to the right form.</summary>
    public string? PostedForm { get; private set; }

    public async Task OnGetAsync(Guid? conferenceId, CancellationToken ct)
    {
        Conferences = await mediator.Send(new ListConferences(), ct);
        Track.ConferenceId = conferenceId ?? (Conferences.Count > 0 ? Conferences[0].Id : Guid.Empty);
    }

    public async Task<IActionResult> OnPostConferenceAsync(CancellationToken ct)
    {
        PostedForm = ConferenceForm;
        await TryUpdateModelAsync(Conference, nameof(Conference));
        RequireDate(Conference.StartDate, nameof(ConferenceInput.StartDate), "Enter the conference's first day.");
        RequireDate(Conference.EndDate, nameof(ConferenceInput.EndDate), "Enter the conference's last day.");

        if (ModelState.IsValid && Conference.StartDate is { } start && Conference.EndDate is { } end)
        {
            var command = new CreateConference(Conference.Name, Conference.Slug, Conference.TimeZoneId, start, end);
            var (ok, id) = await this.TrySendAsync(mediator, command, nameof(Conference), ct);
            if (ok)
            {
                TempData["Flash"] = $"Created the conference {Conference.Name.Trim()}. Add its first track below.";
                return RedirectToPage(new { conferenceId = id });
            }
        }

        return await RedisplayAsync(ct);
    }

    public async Task<IActionResult> OnPostTrackAsync(CancellationToken ct)
    {
        PostedForm = TrackForm;
        await TryUpdateModelAsync(Track, nameof(Track));
        var settingsPrefix = $"{nameof(Track)}.{nameof(TrackInput.Settings)}";
        var settings = Track.Settings.ToSettings(ModelState, settingsPrefix);

        if (settings is not null && ModelState.IsValid)
        {
            var command = new CreateTrack(Track.ConferenceId, Track.Slug, Track.ChairEmail, settings);
            var (ok, id) = await this.TrySendAsync(mediator, command, nameof(Track), ct);
            if (ok)
            {
                TempData["Flash"] = $"Created the track {settings.Name.Trim()}; {Track.ChairEmail.Trim()} chairs it.";
                return Redirect($"/Chair/{id}/Settings");
            }

            TrackSettingsInput.GatherTopicErrors(ModelState, settingsPrefix);
        }

        return await RedisplayAsync(ct);
    }

    private void RequireDate(DateOnly? value, string field, string message)
    {
        var key = $"{nameof(Conference)}.{field}";
        // A value the browser sent but that did not parse already has its own error.
        if (value is null && ModelState.GetFieldValidationState(key) != ModelValidationState.Invalid)
            ModelState.AddModelError(key, message);
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        Conferences = await mediator.Send(new ListConferences(), ct);
        return Page();
    }

    public sealed class ConferenceInput
    {
        [DisplayFormat(ConvertEmptyStringToNull = false)]
        public string Name { get; set; } = "";
        [DisplayFormat(ConvertEmptyStringToNull = false)]
        public string Slug { get; set; } = "";
        [DisplayFormat(ConvertEmptyStringToNull = false)]
        public string TimeZoneId { get; set; } = "";
        public DateOnly? StartDate { get; set; }
        public DateOnly? EndDate { get; set; }
    }

    public sealed class TrackInput
    {
        public Guid ConferenceId { get; set; }
        [DisplayFormat(ConvertEmptyStringToNull = false)]
        public string Slug { get; set; } = "";
        [DisplayFormat(ConvertEmptyStringToNull = false)]
        public string ChairEmail { get; set; } = "";
        public TrackSettingsInput Settings { get; set; } = new();
    }
}
