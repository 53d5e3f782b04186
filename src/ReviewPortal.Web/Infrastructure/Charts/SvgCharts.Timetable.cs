using Microsoft.AspNetCore.Html;

namespace ReviewPortal.Web.Infrastructure.Charts;

public enum TimeBoxKind
{
    /// <summary>A stretch talks may be placed in (a grid block): an outline.</summary>
    Block,
    /// <summary>A break: grey.</summary>
    Break,
    /// <summary>A placed item: filled with the colour of its <see cref="TimeBox.Colour"/> (e.g. its first topic).</summary>
    Item,
}

/// <summary>One box of a day × time picture: its column (day, or day and room), wall-clock minutes since midnight, a label.</summary>
public sealed record TimeBox(int Column, int StartMinute, int EndMinute, string Label, TimeBoxKind Kind, int Colour = 0);

public static partial class SvgCharts
{
    // Colour-blind-safe (Okabe–Ito) fills for the items' colours; the label is in the box's title too.
    private static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"];

    /// <summary>
    /// Columns (days, or day × room) against the time of day: blocks outlined, breaks grey, items coloured. The
    /// vertical axis runs from the first box's hour to the last one's; hours are marked.
    /// </summary>
    public static IHtmlContent TimeGrid(string title, IReadOnlyList<string> columns, IReadOnlyList<TimeBox> boxes)
    {
        const int axis = 40, top = 24, columnWidth = 110, gap = 6, perHour = 60;
        var first = boxes.Count == 0 ? 9 * 60 : boxes.Min(b => b.StartMinute) / 60 * 60;
        var last = boxes.Count == 0 ? 18 * 60 : (boxes.Max(b => b.EndMinute) + 59) / 60 * 60;
        double Y(int minute) => top + (minute - first) * perHour / 60.0;
        var width = axis + Math.Max(1, columns.Count) * (columnWidth + gap);
        var height = (int)Y(last) + 6;
        var items = boxes.Where(b => b.Kind == TimeBoxKind.Item).ToList();
        var description = $"{columns.Count} columns ({string.Join(", ", columns)}); {items.Count} items: "
            + string.Join("; ", items.Take(60).Select(b => $"{columns.ElementAtOrDefault(b.Column)} {Clock(b.StartMinute)} {b.Label}"));
        var svg = Open(title, description, width, height);
        for (var hour = first; hour <= last; hour += 60)
        {
            svg.Append(C, $"<line x1=\"{axis - 4}\" y1=\"{Y(hour):0.#}\" x2=\"{width}\" y2=\"{Y(hour):0.#}\" stroke=\"currentColor\" stroke-opacity=\"0.15\" />");
            svg.Append(C, $"<text x=\"{axis - 6}\" y=\"{Y(hour) + 4:0.#}\" text-anchor=\"end\">{Clock(hour)}</text>");
        }

        for (var i = 0; i < columns.Count; i++)
            svg.Append(C, $"<text x=\"{axis + i * (columnWidth + gap) + columnWidth / 2}\" y=\"14\" text-anchor=\"middle\">{Escape(Shorten(columns[i], 18))}</text>");
        foreach (var box in boxes.OrderBy(b => b.Kind))
        {
            var x = axis + box.Column * (columnWidth + gap);
            var (y, h) = (Y(box.StartMinute), Math.Max(2, Y(box.EndMinute) - Y(box.StartMinute)));
            var tip = $"{Clock(box.StartMinute)}–{Clock(box.EndMinute)} {box.Label}";
            var shape = box.Kind switch
            {
                TimeBoxKind.Block => $"fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\"",
                TimeBoxKind.Break => "fill=\"#999999\" fill-opacity=\"0.35\"",
                _ => $"fill=\"{Palette[Math.Abs(box.Colour) % Palette.Length]}\" fill-opacity=\"0.85\" stroke=\"#ffffff\"",
            };
            var inset = box.Kind == TimeBoxKind.Item ? 3 : 0;
            svg.Append(C, $"<rect x=\"{x + inset}\" y=\"{y:0.#}\" width=\"{columnWidth - 2 * inset}\" height=\"{h:0.#}\" {shape}><title>{Escape(tip)}</title></rect>");
            if (box.Kind != TimeBoxKind.Block && h >= 14)
                svg.Append(C, $"<text x=\"{x + inset + 3}\" y=\"{y + 11:0.#}\" font-size=\"9\">{Escape(Shorten(box.Label, 20))}</text>");
        }

        return Close(svg);
    }

    private static string Clock(int minute) => $"{minute / 60:00}:{minute % 60:00}";
}
