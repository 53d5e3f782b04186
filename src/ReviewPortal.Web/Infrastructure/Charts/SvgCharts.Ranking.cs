using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace ReviewPortal.Web.Infrastructure.Charts;

/// <summary>One reviewer's line of the dot chart: their scores, their mean, the others' mean on the same proposals, and a note (the offset).</summary>
public sealed record ReviewerDots(string Label, IReadOnlyList<double> Scores, double? OthersMean, string Note);

/// <summary>One member's review progress: done of assigned.</summary>
public sealed record ProgressBar(string Label, int Done, int Total);

/// <summary>The ranking page's charts (docs/ranking.md says what each shows).</summary>
public static partial class SvgCharts
{
    /// <summary>
    /// How many scores fell on each point of the scale <paramref name="min"/>..<paramref name="max"/> (a fractional total
    /// counts on the nearest point), one column per point, labelled with the number and <paramref name="labels"/>.
    /// </summary>
    public static IHtmlContent ScoreDistribution(string title, IReadOnlyList<double> scores, int min, int max, IReadOnlyList<string> labels)
    {
        var points = max - min + 1;
        var counts = new int[points];
        foreach (var s in scores)
            counts[Math.Clamp((int)Math.Round(s - min, MidpointRounding.AwayFromZero), 0, points - 1)]++;
        const int chartHeight = 110, pad = 20;
        var column = Math.Max(24, 300 / points);
        var width = pad * 2 + points * column;
        var height = chartHeight + pad + 44;
        var top = Math.Max(counts.DefaultIfEmpty(0).Max(), 1);
        string Label(int i) => i < labels.Count ? labels[i] : "";
        var description = $"{scores.Count} scores. " + string.Join("; ", counts.Select((c, i) => $"{min + i} ({Label(i)}): {c}"));
        var svg = Open(title, description, width, height);
        for (var i = 0; i < points; i++)
        {
            var h = chartHeight * counts[i] / (double)top;
            var x = pad + i * column;
            svg.Append(C, $"<rect class=\"bar\" x=\"{x + 3}\" y=\"{pad + chartHeight - h:0.##}\" width=\"{column - 6}\" height=\"{h:0.##}\"><title>{min + i} ({Escape(Label(i))}): {counts[i]}</title></rect>");
            svg.Append(C, $"<text x=\"{x + column / 2}\" y=\"{pad + chartHeight - h - 3:0.##}\" text-anchor=\"middle\">{counts[i]}</text>");
            svg.Append(C, $"<text x=\"{x + column / 2}\" y=\"{pad + chartHeight + 14}\" text-anchor=\"middle\">{min + i}</text>");
            if (points <= 6)
                svg.Append(C, $"<text class=\"small\" x=\"{x + column / 2}\" y=\"{pad + chartHeight + 27}\" text-anchor=\"middle\">{Escape(Shorten(Label(i), 14))}</text>");
        }

        svg.Append(C, $"<line x1=\"{pad}\" y1=\"{pad + chartHeight}\" x2=\"{width - pad}\" y2=\"{pad + chartHeight}\" stroke=\"currentColor\" />");
        svg.Append(C, $"<text x=\"{width / 2}\" y=\"{height - 3}\" text-anchor=\"middle\">score</text>");
        return Close(svg);
    }

    /// <summary>
    /// One row per reviewer on the scale <paramref name="min"/>..<paramref name="max"/>: their scores as dots, their mean
    /// as a bar, the others' mean on the same proposals as a diamond, and the note (offset, harsh or lenient) at the end.
    /// A reviewer whose bar sits left of the diamond scores lower than their co-reviewers.
    /// </summary>
    public static IHtmlContent ReviewerScores(string title, IReadOnlyList<ReviewerDots> rows, int min, int max)
    {
        const int rowHeight = 26, labelWidth = 120, plotWidth = 190, noteWidth = 90, pad = 6, axis = 30;
        var width = labelWidth + plotWidth + noteWidth;
        var height = pad + rows.Count * rowHeight + axis;
        double X(double score) => labelWidth + 8 + (plotWidth - 16) * (score - min) / Math.Max(1, max - min);
        var description = string.Join("; ", rows.Select(r =>
            $"{r.Label}: scores {string.Join(", ", r.Scores.Select(s => s.ToString("0.##", C)))}" +
            (r.Scores.Count > 0 ? $", mean {r.Scores.Average().ToString("0.00", C)}" : "") +
            (r.OthersMean is { } o ? $", others on the same proposals {o.ToString("0.00", C)}" : "") + $", {r.Note}"));
        var svg = Open(title, description, width, height);
        for (var s = min; s <= max; s++)
        {
            svg.Append(C, $"<line class=\"grid\" x1=\"{X(s):0.##}\" y1=\"{pad}\" x2=\"{X(s):0.##}\" y2=\"{height - axis + 4}\" />");
            svg.Append(C, $"<text x=\"{X(s):0.##}\" y=\"{height - axis + 17}\" text-anchor=\"middle\">{s}</text>");
        }

        svg.Append(C, $"<text x=\"{labelWidth + plotWidth / 2}\" y=\"{height - 2}\" text-anchor=\"middle\">● scores · | mean · ◆ others' mean</text>");
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = pad + i * rowHeight + rowHeight / 2.0;
            svg.Append(C, $"<text x=\"{labelWidth - 4}\" y=\"{y + 4:0.##}\" text-anchor=\"end\">{Escape(Shorten(row.Label, 18))}</text>");
            // Equal scores are spread a little up and down, so three 4s show as three dots.
            var seen = new Dictionary<double, int>();
            foreach (var score in row.Scores)
            {
                var k = seen[score] = seen.GetValueOrDefault(score) + 1;
                var dy = (k - 1) % 3 == 0 ? 0 : ((k - 1) % 3 == 1 ? -5 : 5);
                svg.Append(C, $"<circle class=\"dot\" cx=\"{X(score):0.##}\" cy=\"{y + dy:0.##}\" r=\"3.5\"><title>{Escape(row.Label)}: {score:0.##}</title></circle>");
            }

            if (row.Scores.Count > 0)
            {
                var mean = row.Scores.Average();
                svg.Append(C, $"<line class=\"mean\" x1=\"{X(mean):0.##}\" y1=\"{y - 9:0.##}\" x2=\"{X(mean):0.##}\" y2=\"{y + 9:0.##}\"><title>{Escape(row.Label)}'s mean: {mean:0.00}</title></line>");
            }

            if (row.OthersMean is { } others)
            {
                var x = X(others);
                svg.Append(C, $"<path class=\"others\" d=\"M{x:0.##} {y - 6:0.##} l5 6 l-5 6 l-5 -6 z\"><title>the others' mean on the same proposals: {others:0.00}</title></path>");
            }

            svg.Append(C, $"<text x=\"{labelWidth + plotWidth + 4}\" y=\"{y + 4:0.##}\">{Escape(Shorten(row.Note, 16))}</text>");
        }

        return Close(svg);
    }

    /// <summary>Review progress per member: a bar as long as their assigned count, filled as far as they have submitted, "done/assigned" at the end.</summary>
    public static IHtmlContent Progress(string title, IReadOnlyList<ProgressBar> rows)
    {
        const int rowHeight = 22, labelWidth = 140, barWidth = 190, pad = 6;
        var most = Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => Math.Max(r.Total, r.Done)));
        var width = labelWidth + barWidth + 70;
        var height = pad * 2 + rows.Count * rowHeight;
        var description = string.Join("; ", rows.Select(r => $"{r.Label}: {r.Done} of {r.Total} submitted"));
        var svg = Open(title, description, width, height);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = pad + i * rowHeight;
            var total = barWidth * Math.Max(row.Total, row.Done) / (double)most;
            var done = barWidth * row.Done / (double)most;
            svg.Append(C, $"<text x=\"{labelWidth - 6}\" y=\"{y + 15}\" text-anchor=\"end\">{Escape(Shorten(row.Label, 22))}</text>");
            svg.Append(C, $"<rect class=\"track\" x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{total:0.##}\" height=\"{rowHeight - 6}\" />");
            svg.Append(C, $"<rect class=\"bar\" x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{done:0.##}\" height=\"{rowHeight - 6}\"><title>{Escape(row.Label)}: {row.Done} of {row.Total}</title></rect>");
            svg.Append(C, $"<text x=\"{labelWidth + total + 4:0.##}\" y=\"{y + 15}\">{row.Done}/{row.Total}</text>");
        }

        return Close(svg);
    }
}
