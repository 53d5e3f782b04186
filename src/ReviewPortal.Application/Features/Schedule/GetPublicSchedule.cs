using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Security;

namespace ReviewPortal.Application.Features.Schedule;

/// <summary>
/// The public schedule of a track (<see cref="TrackSlug"/>) or of the whole conference (null), latest published
/// version, or a given <see cref="Version"/> of a track. Anyone may read it; unknown conference or track is 404,
/// nothing published yet gives a result without a schedule.
/// </summary>
[AllowAnonymous]
public sealed record GetPublicSchedule(string ConferenceSlug, string? TrackSlug = null, int? Version = null) : IQuery<PublicScheduleResult>;

public sealed class GetPublicScheduleValidator : AbstractValidator<GetPublicSchedule>
{
    public GetPublicScheduleValidator()
    {
        RuleFor(x => x.ConferenceSlug).NotEmpty().MaximumLength(100);
        RuleFor(x => x.TrackSlug).MaximumLength(100);
        RuleFor(x => x.Version).GreaterThan(0).When(x => x.Version is not null);
        RuleFor(x => x.Version).Null().When(x => x.TrackSlug is null).WithMessage("A version is one track's: name the track.");
    }
}

public sealed class GetPublicScheduleHandler(PublishedScheduleReader reader) : IQueryHandler<GetPublicSchedule, PublicScheduleResult>
{
    public async ValueTask<PublicScheduleResult> Handle(GetPublicSchedule query, CancellationToken cancellationToken) =>
        (await reader.GetAsync(query.ConferenceSlug, query.TrackSlug, query.Version, cancellationToken)).Result;
}
