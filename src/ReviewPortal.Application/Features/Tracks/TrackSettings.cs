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
    int ConflictLookbackYears = Track.DefaultConflictLookbackYears)
{
    public static TrackSettings From(Track t) => new(
        t.Name, t.Description, t.SlotMinutes,
        t.Conference.ToLocal(t.CfpOpensUtc).DateTime, t.Conference.ToLocal(t.CfpClosesUtc).DateTime, t.Conference.ToLocal(t.ReviewDeadlineUtc).DateTime,
        t.ReviewersPerSubmission, t.Topics, t.MaxSpeakersPerProposal, t.BlindMode, t.ScoreMin, t.ScoreMax, t.ConflictLookbackYears);

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
    }
}
