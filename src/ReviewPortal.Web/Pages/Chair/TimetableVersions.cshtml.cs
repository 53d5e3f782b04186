using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Timetabling;

namespace ReviewPortal.Web.Pages.Chair;

/// <summary>The published versions of a track's timetable, newest first, with their changelogs.</summary>
public sealed class TimetableVersionsModel(IMediator mediator) : PageModel
{
    public TimetableVersions List { get; private set; } = null!;

    public async Task OnGetAsync(Guid trackId, CancellationToken ct) => List = await mediator.Send(new ListTimetableVersions(trackId), ct);

    public string Local(DateTimeOffset? utc) => utc is { } u
        ? TimeZoneInfo.ConvertTime(u, TimeZoneInfo.FindSystemTimeZoneById(List.TimeZone)).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture)
        : "";
}
