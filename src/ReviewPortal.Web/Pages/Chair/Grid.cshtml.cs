using System.Text.RegularExpressions;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Timetabling;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Chair;

/// <summary>
/// The chair's grid of a track: rooms, blocks and breaks in plain form rows (blank rows to add, a box to remove; no
/// JavaScript), saved whole through <see cref="SaveTimetableGrid"/>, with a picture of the days.
/// </summary>
public sealed partial class GridModel(IMediator mediator) : PageModel
{
    private const int BlankRows = 2;

    public TimetableGridView Grid { get; private set; } = null!;

    [BindProperty]
    public int? Version { get; set; }

    [BindProperty]
    public List<RoomRow> Rooms { get; set; } = [];

    [BindProperty]
    public List<BlockRow> Blocks { get; set; } = [];

    [BindProperty]
    public List<BreakRow> Breaks { get; set; } = [];

    public async Task OnGetAsync(Guid trackId, CancellationToken ct)
    {
        Grid = await mediator.Send(new GetTimetableGrid(trackId), ct);
        Version = Grid.Exists ? Grid.Version : null;
        Rooms = [.. Grid.Rooms.Select(r => new RoomRow { Name = r.Name, Capacity = r.Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture) })];
        Blocks = [.. Grid.Blocks.Select(b => new BlockRow { Day = b.Day, Start = b.Start, End = b.End, Rooms = string.Join(", ", b.Rooms) })];
        Breaks = [.. Grid.Breaks.Select(b => new BreakRow { Day = b.Day, Start = b.Start, End = b.End, Title = b.Title })];
        Pad();
    }

    public async Task<IActionResult> OnPostAsync(Guid trackId, CancellationToken ct)
    {
        Grid = await mediator.Send(new GetTimetableGrid(trackId), ct);
        // Blank and removed rows are left out; errors name the positions of what was sent, so they are mapped back.
        var rooms = Kept(Rooms, r => r.Remove || (string.IsNullOrWhiteSpace(r.Name) && string.IsNullOrWhiteSpace(r.Capacity)));
        var blocks = Kept(Blocks, b => b.Remove || (string.IsNullOrWhiteSpace(b.Start) && string.IsNullOrWhiteSpace(b.End)));
        var breaks = Kept(Breaks, b => b.Remove || (string.IsNullOrWhiteSpace(b.Start) && string.IsNullOrWhiteSpace(b.End) && string.IsNullOrWhiteSpace(b.Title)));
        var command = new SaveTimetableGrid(trackId,
            rooms.Select(x => new GridRoomInput(x.Row.Name, ParseCapacity(x.Row.Capacity))).ToList(),
            blocks.Select(x => new GridBlockInput(x.Row.Day, x.Row.Start, x.Row.End,
                (x.Row.Rooms ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))).ToList(),
            breaks.Select(x => new GridBreakInput(x.Row.Day, x.Row.Start, x.Row.End, x.Row.Title)).ToList(),
            Version);
        var (ok, saved) = await this.TrySendAsync(mediator, command, prefix: "", ct);
        if (ok)
        {
            TempData["Flash"] = $"Grid saved: {saved!.Slots} slots of {saved.SlotMinutes} minutes." + (saved.SlotsOutsideGrid > 0
                ? $" {saved.SlotsOutsideGrid} placed {(saved.SlotsOutsideGrid == 1 ? "talk is" : "talks are")} now outside the grid: move them or run the scheduling again."
                : "");
            return RedirectToPage(new { trackId });
        }

        Remap("Rooms", rooms.Select(x => x.Index).ToList());
        Remap("Blocks", blocks.Select(x => x.Index).ToList());
        Remap("Breaks", breaks.Select(x => x.Index).ToList());
        Pad();
        return Page();
    }

    private static List<(T Row, int Index)> Kept<T>(List<T> rows, Func<T, bool> leaveOut) =>
        rows.Select((row, index) => (row, index)).Where(x => !leaveOut(x.row)).ToList();

    /// <summary>"12" → 12; anything else → 0, which the rules refuse with their message (capacity at least 1); blank → null.</summary>
    private static int? ParseCapacity(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;

    private void Remap(string list, List<int> original)
    {
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith(list + "[", StringComparison.Ordinal)).ToList())
        {
            var match = IndexedKey().Match(key);
            if (!match.Success || !int.TryParse(match.Groups[1].Value, out var sent) || sent >= original.Count)
                continue;
            var target = $"{list}[{original[sent]}]{match.Groups[2].Value}";
            if (target == key)
                continue;
            foreach (var error in ModelState[key]!.Errors.ToList())
                ModelState.AddModelError(target, error.ErrorMessage);
            ModelState.Remove(key);
        }
    }

    [GeneratedRegex(@"^\w+\[(\d+)\](.*)$")]
    private static partial Regex IndexedKey();

    private void Pad()
    {
        var day = Grid.FirstDay;
        if (!Rooms.Any(r => string.IsNullOrWhiteSpace(r.Name)))
            Rooms.Add(new RoomRow());
        while (Blocks.Count(b => string.IsNullOrWhiteSpace(b.Start)) < BlankRows)
            Blocks.Add(new BlockRow { Day = day, Rooms = Rooms.FirstOrDefault(r => !string.IsNullOrWhiteSpace(r.Name))?.Name });
        if (!Breaks.Any(b => string.IsNullOrWhiteSpace(b.Start)))
            Breaks.Add(new BreakRow { Day = day });
    }

    public sealed class RoomRow
    {
        public string? Name { get; set; }
        public string? Capacity { get; set; }
        public bool Remove { get; set; }
    }

    public sealed class BlockRow
    {
        public string? Day { get; set; }
        public string? Start { get; set; }
        public string? End { get; set; }
        /// <summary>Room names, comma-separated.</summary>
        public string? Rooms { get; set; }
        public bool Remove { get; set; }
    }

    public sealed class BreakRow
    {
        public string? Day { get; set; }
        public string? Start { get; set; }
        public string? End { get; set; }
        public string? Title { get; set; }
        public bool Remove { get; set; }
    }
}
