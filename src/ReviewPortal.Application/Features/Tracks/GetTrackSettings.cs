using FluentValidation;
using Mediator;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Tracks;

/// <summary>The chair's settings form: current values (dates in the conference's zone), version and committee.</summary>
public sealed record GetTrackSettings(Guid TrackId) : IQuery<TrackSettingsView>;

public sealed record TrackSettingsView(
    Guid TrackId, uint Version, string ConferenceName, string ConferenceSlug, string Slug, string TimeZoneId,
    TrackSettings Settings, IReadOnlyList<CommitteeSeatView> Committee);

/// <summary>A committee member as the chair manages them: <paramref name="Id"/> is what remove and change-role take.</summary>
public sealed record CommitteeSeatView(Guid Id, string Name, string Email, string? Affiliation, CommitteeRole Role);

public sealed class GetTrackSettingsValidator : AbstractValidator<GetTrackSettings>
{
    public GetTrackSettingsValidator() => RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
}

public sealed class GetTrackSettingsHandler(TrackAccess access)
    : IQueryHandler<GetTrackSettings, TrackSettingsView>
{
    public async ValueTask<TrackSettingsView> Handle(GetTrackSettings query, CancellationToken cancellationToken)
    {
        var track = await access.GetTrackForChairAsync(query.TrackId, cancellationToken);
        return new TrackSettingsView(track.Id, track.Version, track.Conference.Name, track.Conference.Slug, track.Slug,
            track.Conference.TimeZoneId, TrackSettings.From(track),
            track.Committee.OrderByDescending(m => m.Role).ThenBy(m => m.Person.DisplayName)
                .Select(m => new CommitteeSeatView(m.Id, m.Person.DisplayName, m.Person.Email, m.Affiliation, m.Role)).ToList());
    }
}
