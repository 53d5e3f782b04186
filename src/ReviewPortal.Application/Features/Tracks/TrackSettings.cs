using FluentValidation;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Tracks;

/// <summary>
/// A track's settings as the chair edits them. Dates are wall-clock times in the conference's time zone
/// (what a chair thinks in); they are stored in UTC.
/// </summary>
public sealed record TrackSettings(
    string Name,
    string? Description,
    int SlotMinutes,
    DateTime CfpOpens,
    DateTime CfpCloses,
    DateTime ReviewDeadline,
    int ReviewersPerSubmission,
    IReadOnlyList<string>? Topics,
    int MaxSpeakersPerProposal,
    BlindMode BlindMode,
    int ScoreMin = 1,
    int ScoreMax = 5,
    int ConflictLookbackYears = Track.DefaultConflictLookbackYears,
    OthersReviewsVisibility OthersReviews = OthersReviewsVisibility.AfterOwnReview,
    /// <summary>One label per score from <see cref="ScoreMin"/> to <see cref="ScoreMax"/>, or empty for numbers only; null keeps the stored ones (the defaults on a new track).</summary>
    IReadOnlyList<string>? ScoreLabels = null,
    /// <summary>Days before the review deadline at which unfinished reviews are reminded (1–60, distinct); null keeps the stored ones (7, 3, 1 on a new track).</summary>
    IReadOnlyList<int>? ReviewReminderDays = null,
    /// <summary>How many talks the programme has room for (shown beside "accept the top N"); 0 clears it, null keeps the stored one.</summary>
    int? ProgrammeCapacity = null)
{
    public static TrackSettings From(Track t) => new(
        t.Name, t.Description, t.SlotMinutes,
        t.Conference.ToLocal(t.CfpOpensUtc).DateTime, t.Conference.ToLocal(t.CfpClosesUtc).DateTime, t.Conference.ToLocal(t.ReviewDeadlineUtc).DateTime,
        t.ReviewersPerSubmission, t.Topics, t.MaxSpeakersPerProposal, t.BlindMode, t.ScoreMin, t.ScoreMax, t.ConflictLookbackYears,
        t.OthersReviews, t.ScoreLabels, t.ReviewReminderDays, ProgrammeCapacity: t.ProgrammeCapacity ?? 0);

    public void ApplyTo(Track track)
    {
        var conference = track.Conference;
        EnsureTimesExist(conference);
        track.Name = Name.Trim();
        track.Description = Description?.Trim() ?? "";
        track.SlotMinutes = SlotMinutes;
        track.CfpOpensUtc = conference.FromLocal(CfpOpens);
        track.CfpClosesUtc = conference.FromLocal(CfpCloses);
        track.ReviewDeadlineUtc = conference.FromLocal(ReviewDeadline);
        track.ReviewersPerSubmission = ReviewersPerSubmission;
        track.Topics = (Topics ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        track.MaxSpeakersPerProposal = MaxSpeakersPerProposal;
        track.BlindMode = BlindMode;
        track.ScoreMin = ScoreMin;
        track.ScoreMax = ScoreMax;
        track.ConflictLookbackYears = ConflictLookbackYears;
        track.OthersReviews = OthersReviews;
        if (ScoreLabels is not null)
            track.ScoreLabels = ScoreLabels.Select(l => l.Trim()).ToList();
        else if (track.ScoreLabels.Count != 0 && track.ScoreLabels.Count != ScoreMax - ScoreMin + 1)
            // The scale changed and the stored labels no longer fit it: the default labels on 1–5, numbers otherwise.
            track.ScoreLabels = ScoreMax - ScoreMin + 1 == Track.DefaultScoreLabels.Count ? [.. Track.DefaultScoreLabels] : [];
        if (ReviewReminderDays is not null)
            track.ReviewReminderDays = ReviewReminderDays.OrderDescending().ToList();
        if (ProgrammeCapacity is { } capacity)
            track.ProgrammeCapacity = capacity == 0 ? null : capacity;
    }

    /// <summary>
    /// A wall-clock time skipped when the clocks go forward does not exist, and one in the repeated hour when they go back
    /// happens twice: say so (naming both instants) rather than silently pick one.
    /// </summary>
    private void EnsureTimesExist(Conference conference)
    {
        var failures = new (string Field, DateTime Local)[] { ("Settings.CfpOpens", CfpOpens), ("Settings.CfpCloses", CfpCloses), ("Settings.ReviewDeadline", ReviewDeadline) }
            .Select(x => (x.Field, Problem: conference.ExplainUnclearLocalTime(x.Local)))
            .Where(x => x.Problem is not null)
            .Select(x => new FluentValidation.Results.ValidationFailure(x.Field, x.Problem))
            .ToList();
        if (failures.Count > 0)
            throw Common.Validation.Refusal.Of(failures);
    }
}

public sealed class TrackSettingsValidator : AbstractValidator<TrackSettings>
{
    public TrackSettingsValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200).WithName("The track's name");
        RuleFor(x => x.Description).MaximumLength(20_000).WithName("The description");
        RuleFor(x => x.SlotMinutes).InclusiveBetween(5, 240).WithName("The slot length (minutes)");
        RuleFor(x => x.CfpCloses).GreaterThan(x => x.CfpOpens).WithMessage("The CfP must close after it opens.");
        RuleFor(x => x.ReviewDeadline).GreaterThanOrEqualTo(x => x.CfpCloses).WithMessage("Reviews are due after the CfP closes.");
        RuleFor(x => x.ReviewersPerSubmission).InclusiveBetween(1, 20).WithName("Reviewers per submission");
        RuleFor(x => x.MaxSpeakersPerProposal).InclusiveBetween(1, 20).WithName("Max speakers per proposal");
        RuleFor(x => x.Topics).Must(t => t is null || t.Count <= 100).WithMessage("At most 100 topics.");
        RuleForEach(x => x.Topics).NotEmpty().MaximumLength(100).WithName("A topic");
        RuleFor(x => x.BlindMode).IsInEnum().WithName("Blind mode");
        RuleFor(x => x.ScoreMax).GreaterThan(x => x.ScoreMin).WithMessage("The score scale's top must be above its bottom.");
        RuleFor(x => x.ScoreMin).InclusiveBetween(-10, 10).WithName("The lowest score");
        RuleFor(x => x.ScoreMax).InclusiveBetween(-10, 10).WithName("The highest score");
        RuleFor(x => x.ConflictLookbackYears).InclusiveBetween(0, 50).WithName("Years a past affiliation counts as a conflict");
        RuleFor(x => x.OthersReviews).IsInEnum().WithMessage("When members see the other reviews must be AfterOwnReview, Always or Never.");
        RuleFor(x => x.ScoreLabels)
            .Must((s, labels) => labels is null || labels.Count == 0 || labels.Count == s.ScoreMax - s.ScoreMin + 1)
            .When(s => s.ScoreMax > s.ScoreMin)
            .WithMessage(s => $"Give one label per score: {s.ScoreMax - s.ScoreMin + 1} for {s.ScoreMin} to {s.ScoreMax} (or none, for numbers only); {s.ScoreLabels?.Count} given.");
        RuleForEach(x => x.ScoreLabels).Must(l => !string.IsNullOrWhiteSpace(l)).WithMessage("A score label must not be empty.")
            .MaximumLength(50).WithMessage("A score label must be at most 50 characters.");
        RuleFor(x => x.ReviewReminderDays).Must(d => d is null || d.Count <= 10).WithMessage("At most 10 reminder days.")
            .Must(d => d is null || d.Distinct().Count() == d.Count).WithMessage("Each reminder day once only.");
        RuleForEach(x => x.ReviewReminderDays).InclusiveBetween(1, 60).WithMessage("Reminders are sent 1 to 60 days before the deadline.");
        RuleFor(x => x.ProgrammeCapacity).InclusiveBetween(0, 10_000).WithMessage("The programme's capacity is 0 (not set) to 10,000 talks.");
    }
}
