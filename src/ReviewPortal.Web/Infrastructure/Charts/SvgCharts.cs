using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace ReviewPortal.Web.Infrastructure.Charts;

/// <summary>One bar of a chart: its label and value.</summary>
public sealed record ChartBar(string Label, double Value);

/// <summary>
/// Server-rendered SVG charts (no JavaScript, no styles the CSP would refuse: presentation attributes only, colours
/// from the page's CSS through classes). Each chart has a title and a description for screen readers, and scales to
/// its container (viewBox), so it fits a phone. Reusable by any page: loads, histograms, score distributions.
/// </summary>
public static partial class SvgCharts
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Horizontal bars, one per row (e.g. per-member loads), with the value at the end and an optional marker line (e.g. the maximum load).</summary>
    public static IHtmlContent HorizontalBars(string title, IReadOnlyList<ChartBar> bars, double? marker = null, string? markerLabel = null)
    {
        const int rowHeight = 22, labelWidth = 150, barWidth = 220, pad = 6;
        var max = Math.Max(bars.Count == 0 ? 1 : bars.Max(b => b.Value), marker ?? 0);
        if (max <= 0)
            max = 1;
        var height = bars.Count * rowHeight + 2 * pad + (marker is null ? 0 : 14);
        var width = labelWidth + barWidth + 50;
        var svg = Open(title, Describe(bars), width, height);
        for (var i = 0; i < bars.Count; i++)
        {
            var y = pad + i * rowHeight;
            var w = barWidth * bars[i].Value / max;
            svg.Append(C, $"<text x=\"{labelWidth - 6}\" y=\"{y + 15}\" text-anchor=\"end\">{Escape(Shorten(bars[i].Label, 24))}</text>");
            svg.Append(C, $"<rect class=\"bar\" x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{w:0.##}\" height=\"{rowHeight - 6}\"><title>{Escape(bars[i].Label)}: {bars[i].Value:0.##}</title></rect>");
            svg.Append(C, $"<text x=\"{labelWidth + w + 4:0.##}\" y=\"{y + 15}\">{bars[i].Value:0.##}</text>");
        }

        if (marker is { } m)
        {
            var x = labelWidth + barWidth * m / max;
            svg.Append(C, $"<line x1=\"{x:0.##}\" y1=\"{pad}\" x2=\"{x:0.##}\" y2=\"{height - 14}\" stroke=\"currentColor\" stroke-dasharray=\"3 3\" />");
            svg.Append(C, $"<text x=\"{x:0.##}\" y=\"{height - 2}\" text-anchor=\"middle\">{Escape(markerLabel ?? m.ToString("0.##", C))}</text>");
        }

        return Close(svg);
    }

    /// <summary>A histogram of <paramref name="values"/> in [<paramref name="min"/>, <paramref name="max"/>] over <paramref name="buckets"/> equal bins (the last one closed).</summary>
    public static IHtmlContent Histogram(string title, IReadOnlyList<double> values, double min, double max, int buckets, string axisLabel)
    {
        var counts = new int[buckets];
        foreach (var v in values)
            counts[Math.Clamp((int)Math.Floor((v - min) / (max - min) * buckets), 0, buckets - 1)]++;
        const int chartHeight = 120, barWidth = 28, pad = 24;
        var top = Math.Max(counts.DefaultIfEmpty(0).Max(), 1);
        var width = pad * 2 + buckets * barWidth;
        var height = chartHeight + 48;
        var description = string.Join("; ", counts.Select((c, i) => $"{Bin(i):0.0}–{Bin(i + 1):0.0}: {c}"));
        var svg = Open(title, description, width, height);
        for (var i = 0; i < buckets; i++)
        {
            var h = chartHeight * counts[i] / (double)top;
            var x = pad + i * barWidth;
            svg.Append(C, $"<rect class=\"bar\" x=\"{x + 2}\" y=\"{pad + chartHeight - h:0.##}\" width=\"{barWidth - 4}\" height=\"{h:0.##}\"><title>{Bin(i):0.0}–{Bin(i + 1):0.0}: {counts[i]}</title></rect>");
            if (counts[i] > 0)
                svg.Append(C, $"<text x=\"{x + barWidth / 2}\" y=\"{pad + chartHeight - h - 3:0.##}\" text-anchor=\"middle\">{counts[i]}</text>");
        }

        svg.Append(C, $"<line x1=\"{pad}\" y1=\"{pad + chartHeight}\" x2=\"{width - pad}\" y2=\"{pad + chartHeight}\" stroke=\"currentColor\" />");
        for (var i = 0; i <= buckets; i += Math.Max(1, buckets / 5))
            svg.Append(C, $"<text x=\"{pad + i * barWidth}\" y=\"{pad + chartHeight + 14}\" text-anchor=\"middle\">{Bin(i):0.0}</text>");
        svg.Append(C, $"<text x=\"{width / 2}\" y=\"{height - 4}\" text-anchor=\"middle\">{Escape(axisLabel)}</text>");
        return Close(svg);

        double Bin(int i) => min + (max - min) * i / buckets;
    }

    private static StringBuilder Open(string title, string description, int width, int height)
    {
        var svg = new StringBuilder();
        svg.Append(C, $"<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\" aria-label=\"{Escape(title)}\">");
        svg.Append(C, $"<title>{Escape(title)}</title><desc>{Escape(description)}</desc>");
        return svg;
    }

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static string Describe(IReadOnlyList<ChartBar> bars) => string.Join("; ", bars.Select(b => $"{b.Label}: {b.Value.ToString("0.##", C)}"));

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
