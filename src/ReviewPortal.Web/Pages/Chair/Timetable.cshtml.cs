using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Timetabling;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Chair;

/// <summary>
/// The chair's timetable editor: one day per tab, rooms as columns, rows by slot. Dragging and the keyboard use the
/// API (timetable-editor.js); without JavaScript each item has a move form posting here, which sends the same command.
/// </summary>
public sealed class TimetableModel(IMediator mediator) : PageModel
{
    public TimetableView View { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public DateOnly? Day { get; set; }

    public DateOnly SelectedDay { get; private set; }

    /// <summary>Row starts of the selected day (UTC), one per slot length, from the first block, break or item to the last.</summary>
    public IReadOnlyList<DateTimeOffset> Rows { get; private set; } = [];

    /// <summary>Every start a move form offers: the slots of every block, all days, with the label shown (conference zone).</summary>
    public IReadOnlyList<(DateTimeOffset Utc, string Label)> Starts { get; private set; } = [];

    public async Task OnGetAsync(Guid trackId, CancellationToken ct) => await LoadAsync(trackId, ct);

    public async Task<IActionResult> OnPostMoveAsync(Guid trackId, Guid proposalId, string? room, DateTimeOffset? start, int? version, bool? pinned, CancellationToken ct)
    {
        var (ok, edit) = await this.TrySendAsync(mediator, new MoveTimetableSlot(trackId, proposalId, room, start?.UtcDateTime, version, pinned), prefix: "", ct);
        return await AfterAsync(trackId, ok, ok ? Saved(edit!) : null, ct);
    }

    public async Task<IActionResult> OnPostUnscheduleAsync(Guid trackId, Guid proposalId, int? version, CancellationToken ct)
    {
        var (ok, edit) = await this.TrySendAsync(mediator, new UnscheduleTimetableSlot(trackId, proposalId, version), prefix: "", ct);
        return await AfterAsync(trackId, ok, ok ? Saved(edit!) : null, ct);
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid trackId, int? version, CancellationToken ct)
    {
        var (ok, published) = await this.TrySendAsync(mediator, new PublishTimetable(trackId, version), prefix: "", ct);
        return await AfterAsync(trackId, ok, ok ? $"Published version {published!.Version} ({published.Changes}); the speakers affected are being mailed." : null, ct);
    }

    public string Local(DateTimeOffset utc, string format) =>
        TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById(View.TimeZone)).ToString(format, CultureInfo.InvariantCulture);

    public DateOnly LocalDay(DateTimeOffset utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById(View.TimeZone)).DateTime);

    public static string Iso(DateTimeOffset utc) => utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Saved(TimetableEdit edit) => edit.Warnings.Count == 0
        ? "Saved; no hard rule is broken."
        : $"Saved, with {edit.Warnings.Count} warning{(edit.Warnings.Count == 1 ? "" : "s")} (listed below).";

    private async Task<IActionResult> AfterAsync(Guid trackId, bool ok, string? done, CancellationToken ct)
    {
        if (ok)
        {
            TempData["Flash"] = done;
            return Redirect($"/Chair/{trackId}/Timetable{(Day is { } d ? $"?day={d:yyyy-MM-dd}" : "")}");
        }

        await LoadAsync(trackId, ct);
        return Page();
    }

    private async Task LoadAsync(Guid trackId, CancellationToken ct)
    {
        View = await mediator.Send(new GetTimetable(trackId), ct);
        SelectedDay = Day is { } d && View.Days.Contains(d) ? d : View.Days.Count > 0 ? View.Days[0] : default;
        var step = TimeSpan.FromMinutes(View.SlotMinutes);
        var day = SelectedDay;
        var spans = View.Blocks.Where(b => b.Day == day).Select(b => (b.StartUtc, b.EndUtc))
            .Concat(View.Breaks.Where(b => b.Day == day).Select(b => (b.StartUtc, b.EndUtc)))
            .Concat(View.Slots.Where(s => LocalDay(s.Start) == day).Select(s => (StartUtc: s.Start, EndUtc: s.End))).ToList();
        var rows = new List<DateTimeOffset>();
        if (spans.Count > 0)
        {
            var first = spans.Min(s => s.StartUtc);
            // Rows on the raster of the day's first block, so a pinned item at 09:25 sits in the 09:00 row.
            var anchor = View.Blocks.Where(b => b.Day == day).Select(b => b.StartUtc).DefaultIfEmpty(first).Min();
            while (anchor > first)
                anchor -= step;
            for (var t = anchor; t < spans.Max(s => s.EndUtc) && rows.Count < 200; t += step)
                rows.Add(t);
        }

        Rows = rows;
        Starts = [.. View.Blocks.SelectMany(b => Enumerable.Range(0, Math.Max(0, (int)((b.EndUtc - b.StartUtc) / step)))
                .Select(i => b.StartUtc + (step * i)))
            .Distinct().Order().Select(t => (t, Local(t, "ddd d MMM HH:mm")))];
    }
}
