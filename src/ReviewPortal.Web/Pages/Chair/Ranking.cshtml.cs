using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Decisions;
using ReviewPortal.Application.Features.Ranking;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Chair;

/// <summary>The chair's calibrated ranking of a track, per-reviewer statistics and the charts. Access is decided by the Application layer.</summary>
public sealed class RankingModel(IMediator mediator) : PageModel
{
    public TrackRankingReport Report { get; private set; } = null!;

    /// <summary>The query as the page's links and filter form name it (query-string names, as the API's).</summary>
    public GetTrackRanking Query { get; private set; } = null!;

    /// <summary>The filters were refused; the errors are shown at the filter form, no rows.</summary>
    public bool FiltersRefused { get; private set; }

    /// <summary>Each proposal's decision (draft or released, waitlist place, version) and the programme's capacity, for the decision controls.</summary>
    public TrackDecisions Decisions { get; private set; } = null!;

    /// <summary>What the chair typed into "accept the top N", kept when it is refused.</summary>
    public string? TopCount { get; private set; }
    public string? TopWaitlistCount { get; private set; }
    public bool TopRejectRest { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid trackId, string? sort, string? dir, string? state, string? topic, string? disagreement, string? minReviews, CancellationToken ct)
    {
        await LoadAsync(trackId, sort, dir, state, topic, disagreement, minReviews, ct);
        return Page();
    }

    /// <summary>
    /// The table's form: a row's button (<paramref name="row"/> = "proposal id|decision", with the version the row showed)
    /// decides that proposal; otherwise the action in <paramref name="bulkDecision"/> is applied to the checked rows, all or
    /// nothing. Post-redirect-get back to the same sort and filters; a refusal shows the page with the errors.
    /// </summary>
    public async Task<IActionResult> OnPostDecideAsync(Guid trackId, string? sort, string? dir, string? state, string? topic, string? disagreement,
        string? minReviews, string? row, string? bulkDecision, List<Guid>? selected, Dictionary<Guid, uint>? versions, CancellationToken ct)
    {
        var ok = false;
        string done;
        if (!string.IsNullOrEmpty(row))
        {
            var parts = row.Split('|');
            if (parts.Length != 2 || !Guid.TryParse(parts[0], out var id))
                return BadRequest();
            uint? version = versions is not null && versions.TryGetValue(id, out var v) ? v : null;
            (ok, var decided) = await this.TrySendAsync(mediator, new DecideProposal(id, parts[1], null, version), prefix: "", ct);
            done = decided is null ? "" : decided.Decision == ProposalDecisionState.Undecided
                ? "The draft decision was taken back."
                : $"Decision saved: {decided.Decision.ToLowerInvariant()}{(decided.WaitlistRank is { } p ? $", place {p} on the waitlist" : "")}. It stays a draft until released.";
        }
        else if (selected is null || selected.Count == 0)
        {
            ModelState.AddModelError("selected", "Tick the proposals to decide first.");
            done = "";
        }
        else
        {
            (ok, var made) = await this.TrySendAsync(mediator,
                new DecideProposals(trackId, selected.Select(id => new DecisionItem(id, bulkDecision)).ToList()), prefix: "", ct);
            done = made is null ? "" : $"{made.Decided} {(made.Decided == 1 ? "proposal" : "proposals")} decided. Decisions stay drafts until released.";
        }

        if (ok)
        {
            TempData["Flash"] = done;
            return RedirectToPage(new { trackId, sort, dir, state, topic, disagreement, minReviews });
        }

        return await RefusedAsync(trackId, sort, dir, state, topic, disagreement, minReviews, ct);
    }

    /// <summary>"Accept the top N" (<see cref="AcceptTopProposals"/>): count, how many to waitlist after them, and whether to reject the rest.</summary>
    public async Task<IActionResult> OnPostAcceptTopAsync(Guid trackId, string? sort, string? dir, string? state, string? topic, string? disagreement,
        string? minReviews, string? count, string? waitlistCount, bool rejectRest, CancellationToken ct)
    {
        (TopCount, TopWaitlistCount, TopRejectRest) = (count, waitlistCount, rejectRest);
        var n = WholeNumber(count, "top.Count", "How many to accept", required: true);
        var m = WholeNumber(waitlistCount, "top.WaitlistCount", "How many to waitlist", required: false);
        if (ModelState.IsValid)
        {
            try
            {
                var result = await mediator.Send(new AcceptTopProposals(trackId, n!.Value, m, rejectRest), ct);
                TempData["Flash"] = $"Accepted {result.Accepted}, waitlisted {result.Waitlisted}, rejected {result.Rejected} (drafts until released). "
                    + $"{result.Capacity.Accepted} talks hold a place{(result.Capacity.Capacity is { } c ? $" of {c}" : "")}.";
                return RedirectToPage(new { trackId, sort, dir, state, topic, disagreement, minReviews });
            }
            catch (ValidationException refused)
            {
                foreach (var error in refused.Errors)
                    ModelState.AddModelError(error.PropertyName is "Count" or "WaitlistCount" ? $"top.{error.PropertyName}" : "", error.ErrorMessage);
            }
        }

        return await RefusedAsync(trackId, sort, dir, state, topic, disagreement, minReviews, ct);
    }

    private int? WholeNumber(string? text, string key, string what, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
                ModelState.AddModelError(key, $"{what}: enter a number such as 30.");
            return null;
        }

        if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
            return value;
        ModelState.AddModelError(key, $"{what} must be a whole number such as 30, not '{(text.Length > 20 ? text[..20] + "…" : text)}'.");
        return null;
    }

    private async Task<IActionResult> RefusedAsync(Guid trackId, string? sort, string? dir, string? state, string? topic, string? disagreement,
        string? minReviews, CancellationToken ct)
    {
        var errors = ModelState.ErrorCount;
        await LoadAsync(trackId, sort, dir, state, topic, disagreement, minReviews, ct);
        // Someone else's change (a stale version) is a conflict, whatever else the form said; other refusals are the input's.
        Response.StatusCode = errors > 0 && !this.WasConcurrencyRefused() ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task LoadAsync(Guid trackId, string? sort, string? dir, string? state, string? topic, string? disagreement, string? minReviews, CancellationToken ct)
    {
        static string? Clean(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        Query = new GetTrackRanking(trackId, Clean(sort), Clean(dir), Clean(state), Clean(topic), Clean(disagreement), Clean(minReviews));
        try
        {
            Report = await mediator.Send(Query, ct);
        }
        catch (ValidationException refused)
        {
            foreach (var error in refused.Errors)
                ModelState.AddModelError(char.ToLowerInvariant(error.PropertyName[0]) + error.PropertyName[1..], error.ErrorMessage);
            FiltersRefused = true;
            Report = await mediator.Send(new GetTrackRanking(trackId), ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Decisions = await mediator.Send(new GetTrackDecisions(trackId), ct);
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

    /// <summary>Where a form of the page posts: its handler, with the current sort and filters kept for the redirect back.</summary>
    public string PostUrl(string handler)
    {
        var url = PageUrl();
        return url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler;
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
