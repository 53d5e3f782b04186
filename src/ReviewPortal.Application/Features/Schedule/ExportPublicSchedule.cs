using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;

namespace ReviewPortal.Application.Features.Schedule;

/// <summary>
/// A track's or the conference's published schedule as a file (frab XML or JSON, iCal, CSV). Rendered once per version
/// and kept with it (<see cref="PublishedScheduleEntry.Files"/>); 404 until something is published.
/// </summary>
[AllowAnonymous]
public sealed record ExportPublicSchedule(string ConferenceSlug, string? TrackSlug, ScheduleFormat Format) : IQuery<ScheduleFile>;

public sealed class ExportPublicScheduleValidator : AbstractValidator<ExportPublicSchedule>
{
    public ExportPublicScheduleValidator()
    {
        RuleFor(x => x.ConferenceSlug).NotEmpty().MaximumLength(100);
        RuleFor(x => x.TrackSlug).MaximumLength(100);
        RuleFor(x => x.Format).IsInEnum();
    }
}

public sealed class ExportPublicScheduleHandler(PublishedScheduleReader reader, ILinkBuilder linkBuilder)
    : IQueryHandler<ExportPublicSchedule, ScheduleFile>
{
    public async ValueTask<ScheduleFile> Handle(ExportPublicSchedule query, CancellationToken cancellationToken)
    {
        var (entry, schedule) = await reader.GetPublishedAsync(query.ConferenceSlug, query.TrackSlug, cancellationToken);
        var links = new ScheduleLinks(linkBuilder.Page("/"));
        return entry.Files.GetOrAdd(query.Format.ToString(), _ => Render(schedule, links, query.Format) with { TrackIds = entry.TrackIds });
    }

    public static ScheduleFile Render(PublicSchedule schedule, ScheduleLinks links, ScheduleFormat format)
    {
        var name = schedule.Track is null ? schedule.ConferenceSlug : $"{schedule.ConferenceSlug}-{schedule.Track.Slug}";
        var etag = $"\"{format.ToString().ToLowerInvariant()}-{schedule.VersionTag}\"";
        return format switch
        {
            ScheduleFormat.Xml => new(FrabXmlWriter.Write(schedule, links), "application/xml; charset=utf-8", $"{name}-schedule.xml", etag),
            ScheduleFormat.Json => new(FrabJsonWriter.Write(schedule, links), "application/json; charset=utf-8", $"{name}-schedule.json", etag),
            ScheduleFormat.Ics => new(ScheduleICalWriter.Write(schedule, links, schedule.Talks,
                    schedule.Track is null ? schedule.ConferenceName : $"{schedule.ConferenceName}: {schedule.Track.Name}"),
                "text/calendar; charset=utf-8", $"{name}-schedule.ics", etag),
            ScheduleFormat.Csv => new(ScheduleCsvWriter.Write(schedule, links), "text/csv; charset=utf-8", $"{name}-schedule.csv", etag),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }
}
