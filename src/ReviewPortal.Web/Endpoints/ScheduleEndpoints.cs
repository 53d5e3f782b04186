using Mediator;
using ReviewPortal.Application.Features.Schedule;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Endpoints;

/// <summary>
/// The public schedule's files beside its pages (no sign-in): <c>schedule.xml|json|ics|csv</c> under
/// <c>/c/{conference}/schedule</c>'s and <c>/c/{conference}/{track}/schedule</c>'s parent, and one speaker's iCal.
/// They are feeds at fixed public paths (conference apps poll them), not part of /api/v1, so they are documented in
/// docs/api.md rather than the OpenAPI document. Errors are ProblemDetails unless a browser asks.
/// </summary>
internal static class ScheduleEndpoints
{
    private const string Formats = "regex(^(xml|json|ics|csv)$)";

    public static void MapPublicSchedule(this WebApplication app)
    {
        var schedule = app.MapGroup("/c/{conference}").DisableAntiforgery().ExcludeFromDescription().CacheOutput(PublicSchedulePolicy.Name);

        schedule.MapGet("/schedule.{format:" + Formats + "}", async (string conference, string format, HttpContext http, IMediator m, CancellationToken ct) =>
                PublicScheduleHttp.File(http, await m.Send(new ExportPublicSchedule(conference, null, Parse(format)), ct)))
            .WithName("ExportConferenceSchedule");

        schedule.MapGet("/{track}/schedule.{format:" + Formats + "}", async (string conference, string track, string format, HttpContext http, IMediator m, CancellationToken ct) =>
                PublicScheduleHttp.File(http, await m.Send(new ExportPublicSchedule(conference, track, Parse(format)), ct)))
            .WithName("ExportTrackSchedule");

        schedule.MapGet("/speakers/{speakerKey:guid}/schedule.ics", async (string conference, Guid speakerKey, HttpContext http, IMediator m, CancellationToken ct) =>
                PublicScheduleHttp.File(http, await m.Send(new ExportSpeakerSchedule(conference, speakerKey), ct)))
            .WithName("ExportSpeakerSchedule");
    }

    private static ScheduleFormat Parse(string format) => format switch
    {
        "xml" => ScheduleFormat.Xml,
        "json" => ScheduleFormat.Json,
        "ics" => ScheduleFormat.Ics,
        _ => ScheduleFormat.Csv,
    };
}
