using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;

namespace ReviewPortal.Application.Features.Schedule;

/// <summary>
/// One speaker's talks in every published track of the conference, as iCal. The key is the speaker's account when
/// they have one (so a person speaking in two tracks gets one calendar), else their speaker row: the ids the frab
/// exports give as the person's guid.
/// </summary>
[AllowAnonymous]
public sealed record ExportSpeakerSchedule(string ConferenceSlug, Guid SpeakerKey) : IQuery<ScheduleFile>;

public sealed class ExportSpeakerScheduleValidator : AbstractValidator<ExportSpeakerSchedule>
{
    public ExportSpeakerScheduleValidator()
    {
        RuleFor(x => x.ConferenceSlug).NotEmpty().MaximumLength(100);
        RuleFor(x => x.SpeakerKey).NotEmpty();
    }
}

public sealed class ExportSpeakerScheduleHandler(PublishedScheduleReader reader, ILinkBuilder linkBuilder)
    : IQueryHandler<ExportSpeakerSchedule, ScheduleFile>
{
    public async ValueTask<ScheduleFile> Handle(ExportSpeakerSchedule query, CancellationToken cancellationToken)
    {
        var (entry, schedule) = await reader.GetPublishedAsync(query.ConferenceSlug, null, cancellationToken);
        var talks = schedule.Talks.Where(t => t.Speakers.Any(s => PublicSchedule.SpeakerKey(s) == query.SpeakerKey)).ToList();
        // Checked before the cache, so unknown keys never add entries.
        if (talks.Count == 0)
            throw NotFoundException.For("Speaker", query.SpeakerKey);
        var links = new ScheduleLinks(linkBuilder.Page("/"));
        return entry.Files.GetOrAdd("speaker:" + query.SpeakerKey, _ =>
        {
            var speaker = talks[0].Speakers.First(s => PublicSchedule.SpeakerKey(s) == query.SpeakerKey);
            return new ScheduleFile(
                ScheduleICalWriter.Write(schedule, links, talks, $"{schedule.ConferenceName}: {speaker.Name}"),
                "text/calendar; charset=utf-8", $"{schedule.ConferenceSlug}-speaker-{query.SpeakerKey:N}.ics",
                $"\"speaker-{query.SpeakerKey:N}-{schedule.VersionTag}\"") { TrackIds = entry.TrackIds };
        });
    }
}
