using System.ComponentModel.DataAnnotations;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Tracks;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Chair;

/// <summary>The chair edits the track's settings and seats committee members. Access is decided by the Application layer.</summary>
public sealed class SettingsModel(IMediator mediator) : PageModel
{
    public const string SettingsForm = "settings";
    public const string MemberForm = "member";
    public const string CommitteeForm = "committee";

    /// <summary>What is stored now (dates in the conference's zone), with the committee.</summary>
    public TrackSettingsView Current { get; private set; } = null!;

    public SettingsInput Input { get; set; } = new();

    public MemberInput Member { get; set; } = new();

    /// <summary>Which form was posted, so a form-level error shows next to the right form.</summary>
    public string? PostedForm { get; private set; }

    /// <summary>Someone else saved the settings after this form was loaded; the stored values are shown next to the user's.</summary>
    public bool Conflict { get; private set; }

    public async Task OnGetAsync(Guid trackId, CancellationToken ct)
    {
        Current = await mediator.Send(new GetTrackSettings(trackId), ct);
        Input = SettingsInput.From(Current);
    }

    public async Task<IActionResult> OnPostAsync(Guid trackId, CancellationToken ct)
    {
        PostedForm = SettingsForm;
        Current = await mediator.Send(new GetTrackSettings(trackId), ct);
        await TryUpdateModelAsync(Input, nameof(Input));
        var settings = Input.Settings.ToSettings(ModelState, $"{nameof(Input)}.{nameof(SettingsInput.Settings)}");
        if (settings is null || !ModelState.IsValid)
            return Page();

        var (ok, _) = await this.TrySendAsync(mediator, new UpdateTrack(trackId, Input.Version, settings), nameof(Input), ct);
        if (ok)
        {
            TempData["Flash"] = "The track settings were saved.";
            return RedirectToPage(new { trackId });
        }

        TrackSettingsInput.GatherTopicErrors(ModelState, $"{nameof(Input)}.{nameof(SettingsInput.Settings)}");
        // The version this form was loaded with is kept: saving again would be refused again rather than overwrite silently.
        Conflict = Current.Version != Input.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAddMemberAsync(Guid trackId, CancellationToken ct)
    {
        PostedForm = MemberForm;
        Current = await mediator.Send(new GetTrackSettings(trackId), ct);
        Input = SettingsInput.From(Current);
        await TryUpdateModelAsync(Member, nameof(Member));
        if (!ModelState.IsValid)
            return Page();

        var (ok, _) = await this.TrySendAsync(mediator,
            new AddCommitteeMember(trackId, Member.Email, Member.Role, Member.Affiliation), nameof(Member), ct);
        if (ok)
        {
            TempData["Flash"] = $"{Member.Email.Trim()} is on the committee as {(Member.Role == CommitteeRole.Chair ? "a chair" : "a reviewer")}.";
            return RedirectToPage(new { trackId });
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRemoveMemberAsync(Guid trackId, Guid memberId, CancellationToken ct)
    {
        var before = await mediator.Send(new GetTrackSettings(trackId), ct);
        var (ok, _) = await this.TrySendAsync(mediator, new RemoveCommitteeMember(trackId, memberId), prefix: "", ct);
        return await AfterCommitteeChangeAsync(trackId, ok, before.Committee.FirstOrDefault(m => m.Id == memberId) is { } m
            ? $"{m.Name} is no longer on the committee." : "The member is no longer on the committee.", ct);
    }

    public async Task<IActionResult> OnPostChangeRoleAsync(Guid trackId, Guid memberId, CommitteeRole role, CancellationToken ct)
    {
        var before = await mediator.Send(new GetTrackSettings(trackId), ct);
        var (ok, _) = await this.TrySendAsync(mediator, new ChangeCommitteeRole(trackId, memberId, role), prefix: "", ct);
        var name = before.Committee.FirstOrDefault(m => m.Id == memberId)?.Name ?? "The member";
        return await AfterCommitteeChangeAsync(trackId, ok, $"{name} is now {(role == CommitteeRole.Chair ? "a chair" : "a reviewer")}.", ct);
    }

    private async Task<IActionResult> AfterCommitteeChangeAsync(Guid trackId, bool ok, string done, CancellationToken ct)
    {
        if (ok)
        {
            TempData["Flash"] = done;
            return RedirectToPage(new { trackId });
        }

        PostedForm = CommitteeForm;
        Current = await mediator.Send(new GetTrackSettings(trackId), ct);
        Input = SettingsInput.From(Current);
        return Page();
    }

    public sealed class SettingsInput
    {
        public uint Version { get; set; }

        public TrackSettingsInput Settings { get; set; } = new();

        public static SettingsInput From(TrackSettingsView view) =>
            new() { Version = view.Version, Settings = TrackSettingsInput.From(view.Settings) };
    }

    public sealed class MemberInput
    {
        [DisplayFormat(ConvertEmptyStringToNull = false)]
        public string Email { get; set; } = "";
        public CommitteeRole Role { get; set; } = CommitteeRole.Reviewer;
        public string? Affiliation { get; set; }
    }
}

/// <summary>
/// The <see cref="TrackSettings"/> fields as a form edits them (topics one per line); property names match the
/// command's, so validation errors land next to their fields. Shared by the chair's settings page and the admin's track form.
/// </summary>
public sealed class TrackSettingsInput
{
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public int SlotMinutes { get; set; } = Track.DefaultSlotMinutes;
    public DateTime? CfpOpens { get; set; }
    public DateTime? CfpCloses { get; set; }
    public DateTime? ReviewDeadline { get; set; }
    public int ReviewersPerSubmission { get; set; } = Track.DefaultReviewersPerSubmission;

    /// <summary>One topic per line.</summary>
    public string? Topics { get; set; }

    public int MaxSpeakersPerProposal { get; set; } = Track.DefaultMaxSpeakers;
    public BlindMode BlindMode { get; set; } = BlindMode.None;
    public int ScoreMin { get; set; } = 1;
    public int ScoreMax { get; set; } = 5;
    public int ConflictLookbackYears { get; set; } = Track.DefaultConflictLookbackYears;
    public OthersReviewsVisibility OthersReviews { get; set; } = OthersReviewsVisibility.AfterOwnReview;

    /// <summary>One label per score, lowest first, one per line; null (a form without the field) keeps the stored ones.</summary>
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? ScoreLabels { get; set; }

    /// <summary>Days before the deadline, separated by commas or spaces; empty sends no reminders; null (a form without the field) keeps the stored ones.</summary>
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? ReviewReminderDays { get; set; }

    /// <summary>Talks the programme has room for; empty clears it; null (a form without the field) keeps the stored one.</summary>
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? ProgrammeCapacity { get; set; }

    public static TrackSettingsInput From(TrackSettings s) => new()
    {
        Name = s.Name,
        Description = s.Description,
        SlotMinutes = s.SlotMinutes,
        CfpOpens = s.CfpOpens,
        CfpCloses = s.CfpCloses,
        ReviewDeadline = s.ReviewDeadline,
        ReviewersPerSubmission = s.ReviewersPerSubmission,
        Topics = s.Topics is null ? null : string.Join('\n', s.Topics),
        MaxSpeakersPerProposal = s.MaxSpeakersPerProposal,
        BlindMode = s.BlindMode,
        ScoreMin = s.ScoreMin,
        ScoreMax = s.ScoreMax,
        ConflictLookbackYears = s.ConflictLookbackYears,
        OthersReviews = s.OthersReviews,
        ScoreLabels = s.ScoreLabels is null ? null : string.Join('\n', s.ScoreLabels),
        ReviewReminderDays = s.ReviewReminderDays is null ? null : string.Join(", ", s.ReviewReminderDays),
        ProgrammeCapacity = s.ProgrammeCapacity is null or 0 ? "" : s.ProgrammeCapacity.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The settings to send, or null (with a field error) when a date was left empty.</summary>
    public TrackSettings? ToSettings(ModelStateDictionary modelState, string prefix)
    {
        RequireDate(CfpOpens, nameof(CfpOpens), "Enter when the call for proposals opens.");
        RequireDate(CfpCloses, nameof(CfpCloses), "Enter when the call for proposals closes.");
        RequireDate(ReviewDeadline, nameof(ReviewDeadline), "Enter when reviews are due.");
        if (CfpOpens is not { } opens || CfpCloses is not { } closes || ReviewDeadline is not { } deadline)
            return null;

        var topics = (Topics ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var labels = ScoreLabels?.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        List<int>? reminderDays = null;
        if (ReviewReminderDays is not null)
        {
            reminderDays = [];
            foreach (var day in ReviewReminderDays.Split([',', ' ', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(day, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d))
                    reminderDays.Add(d);
                else
                    modelState.AddModelError($"{prefix}.{nameof(ReviewReminderDays)}", $"\"{day}\" is not a number of days.");
            }
        }

        int? capacity = null;
        if (ProgrammeCapacity is not null)
        {
            if (string.IsNullOrWhiteSpace(ProgrammeCapacity))
                capacity = 0;
            else if (int.TryParse(ProgrammeCapacity.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var c))
                capacity = c;
            else
                modelState.AddModelError($"{prefix}.{nameof(ProgrammeCapacity)}", "The programme's capacity is a whole number of talks, such as 38.");
        }

        return new TrackSettings(Name, Description, SlotMinutes, opens, closes, deadline, ReviewersPerSubmission,
            topics, MaxSpeakersPerProposal, BlindMode, ScoreMin, ScoreMax, ConflictLookbackYears, OthersReviews, labels, reminderDays, capacity);

        void RequireDate(DateTime? value, string field, string message)
        {
            var key = $"{prefix}.{field}";
            // A value the browser sent but that did not parse already has its own error.
            if (value is null && modelState.GetFieldValidationState(key) != ModelValidationState.Invalid)
                modelState.AddModelError(key, message);
        }
    }

    /// <summary>Errors about one line of a text box that stands for a list ("Settings.Topics[2]") are shown at the text box.</summary>
    public static void GatherTopicErrors(ModelStateDictionary modelState, string prefix)
    {
        foreach (var (list, item) in new[] { (nameof(Topics), "Topic"), (nameof(ScoreLabels), "Label"), (nameof(ReviewReminderDays), "Reminder day") })
        {
            var field = $"{prefix}.{list}";
            foreach (var key in modelState.Keys.Where(k => k.StartsWith(field + "[", StringComparison.Ordinal)).ToList())
            {
                var index = key[(field.Length + 1)..].TrimEnd(']');
                var line = int.TryParse(index, out var i) ? $"{item} {i + 1}: " : "";
                foreach (var error in modelState[key]!.Errors.ToList())
                    modelState.AddModelError(field, line + error.ErrorMessage);
                modelState.Remove(key);
            }
        }
    }
}
