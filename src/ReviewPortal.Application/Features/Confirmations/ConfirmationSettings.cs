using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Confirmations;

/// <summary>
/// A track's confirmation settings as the chair edits them: the deadline (a wall-clock time in the conference's zone,
/// like the other deadlines; null: none), the reminder points (days before it) and how the waitlist is promoted.
/// </summary>
public sealed record ConfirmationSettings(DateTime? Deadline, IReadOnlyList<int>? ReminderDays, WaitlistPromotion Promotion)
{
    public static ConfirmationSettings From(Track track) => new(
        track.ConfirmationDeadlineUtc is { } d ? track.Conference.ToLocal(d).DateTime : null,
        track.ConfirmationReminderDays, track.WaitlistPromotion);
}

public sealed record GetConfirmationSettings(Guid TrackId) : IQuery<ConfirmationSettings>;

public sealed class GetConfirmationSettingsHandler(TrackAccess tracks) : IQueryHandler<GetConfirmationSettings, ConfirmationSettings>
{
    public async ValueTask<ConfirmationSettings> Handle(GetConfirmationSettings query, CancellationToken cancellationToken) =>
        ConfirmationSettings.From(await tracks.ReadTrackForChairAsync(query.TrackId, cancellationToken));
}

public sealed record UpdateConfirmationSettings(Guid TrackId, ConfirmationSettings Settings) : ICommand<ConfirmationSettings>;

public sealed class UpdateConfirmationSettingsValidator : AbstractValidator<UpdateConfirmationSettings>
{
    public UpdateConfirmationSettingsValidator()
    {
        RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
        RuleFor(x => x.Settings.ReminderDays).Must(d => d is null || d.Count <= 10).WithMessage("At most 10 reminder days.")
            .Must(d => d is null || d.Distinct().Count() == d.Count).WithMessage("Give each reminder day once.");
        RuleForEach(x => x.Settings.ReminderDays).InclusiveBetween(1, 60).WithMessage("Reminders are sent 1 to 60 days before the deadline.");
        RuleFor(x => x.Settings.Promotion).IsInEnum().WithMessage("Choose Automatic or ChairConfirms.");
    }
}

public sealed class UpdateConfirmationSettingsHandler(TrackAccess tracks, AuditTrail audit) : ICommandHandler<UpdateConfirmationSettings, ConfirmationSettings>
{
    public async ValueTask<ConfirmationSettings> Handle(UpdateConfirmationSettings command, CancellationToken cancellationToken)
    {
        var track = await tracks.GetTrackForChairAsync(command.TrackId, cancellationToken);
        var settings = command.Settings;
        var before = ConfirmationSettings.From(track);
        if (settings.Deadline is { } local)
        {
            if (local.Kind == DateTimeKind.Unspecified && track.Conference.ExplainUnclearLocalTime(local) is { } unclear)
                throw Common.Validation.Refusal.Of("Settings.Deadline", unclear);
            track.ConfirmationDeadlineUtc = ConferenceTimes.ToUtc(track.Conference, local);
        }
        else
        {
            track.ConfirmationDeadlineUtc = null;
        }

        if (settings.ReminderDays is not null)
            track.ConfirmationReminderDays = settings.ReminderDays.OrderDescending().ToList();
        track.WaitlistPromotion = settings.Promotion;
        var after = ConfirmationSettings.From(track);
        audit.Record("track.confirmation-settings", AuditTrail.TrackEntity, track.Id,
            new { Before = Describe(before), After = Describe(after) });
        return after;
    }

    private static object Describe(ConfirmationSettings s) => new { s.Deadline, ReminderDays = string.Join(", ", s.ReminderDays ?? []), Promotion = s.Promotion.ToString() };
}
