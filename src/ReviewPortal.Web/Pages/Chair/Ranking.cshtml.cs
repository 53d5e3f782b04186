using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Ranking;

namespace ReviewPortal.Web.Pages.Chair;

/// <summary>The chair's calibrated ranking of a track, per-reviewer statistics and the charts. Access is decided by the Application layer.</summary>
public sealed class RankingModel(IMediator mediator) : PageModel
{
    public TrackRankingReport Report { get; private set; } = null!;

    /// <summary>The query as the page's links and filter form name it (query-string names, as the API's).</summary>
    public GetTrackRanking Query { get; private set; } = null!;

    /// <summary>The filters were refused; the errors are shown at the filter form, no rows.</summary>
    public bool FiltersRefused { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid trackId, string? sort, string? dir, string? state, string? topic, string? disagreement, string? minReviews, CancellationToken ct)
    {
        static string? Clean(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        Query = new GetTrackRanking(trackId, Clean(sort), Clean(dir), Clean(state), Clean(topic), Clean(disagreement), Clean(minReviews));
        try
        {
            Report = await mediator.Send(Query, ct);
            return Page();
        }
        catch (ValidationException refused)
        {
            foreach (var error in refused.Errors)
                ModelState.AddModelError(char.ToLowerInvariant(error.PropertyName[0]) + error.PropertyName[1..], error.ErrorMessage);
            FiltersRefused = true;
            Report = await mediator.Send(new GetTrackRanking(trackId), ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    /// <summary>The page's query string for the current filters with <paramref name="change"/> applied.</summary>
    public string PageUrl(Action<Dictionary<string, string?>>? change = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["state"] = Query.State, ["topic"] = Query.Topic, ["disagreement"] = Query.Disagreement, ["minReviews"] = Query.MinReviews,
            ["sort"] = Query.Sort, ["dir"] = Query.Dir,
        };
        change?.Invoke(values);
        var pairs = values.Where(v => v.Value is not null).Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value!)}").ToList();
        var path = $"/Chair/{Query.TrackId}/Ranking";
        return pairs.Count == 0 ? path : $"{path}?{string.Join('&', pairs)}";
    }

    /// <summary>A header's link: the column, ascending first for rank and title, descending first for the scores; again reverses it.</summary>
    public string SortUrl(string column)
    {
        var current = Report.Sort == column && !FiltersRefused;
        var firstDir = column is "rank" or "title" or "state" ? "asc" : "desc";
        var dir = current ? (Report.Dir == "asc" ? "desc" : "asc") : firstDir;
        return PageUrl(v => { v["sort"] = column; v["dir"] = dir; });
    }

    public string? AriaSort(string column) => Report.Sort == column && !FiltersRefused ? (Report.Dir == "desc" ? "descending" : "ascending") : null;

    public string Arrow(string column) => AriaSort(column) switch { "ascending" => " ▲", "descending" => " ▼", _ => "" };

    public static string Number(double? value, string format = "0.00") =>
        value is { } v ? v.ToString(format, System.Globalization.CultureInfo.InvariantCulture) : "–";

    public static string WithSign(double? value) =>
        value is { } v ? (v >= 0 ? "+" : "−") + Math.Abs(v).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "–";
}
