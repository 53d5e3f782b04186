using System.Globalization;
using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.Planning.Ranking;

namespace ReviewPortal.Application.Features.Ranking;

/// <summary>
/// The chair's ranking of a track (docs/ranking.md): per proposal reviews in / assigned, mean, median, weighted mean,
/// spread, the calibrated score and the disagreement flag; per reviewer done / assigned, mean score and the model's
/// offset. The model is fitted over every submitted review of the track; proposals the caller is conflicted on are
/// left out of what they see (their reviews still take part in the fit). Filters and sort are text as the client sent
/// them: an unknown column or a value that is not a number is refused with the field named, never ignored.
/// </summary>
/// <param name="Disagreement">"true": only flagged proposals; "false": only unflagged ones.</param>
/// <param name="MinReviews">At least this many reviews in (the fewest a row may have).</param>
public sealed record GetTrackRanking(
    Guid TrackId, string? Sort = null, string? Dir = null, string? State = null, string? Topic = null, string? Disagreement = null,
    string? MinReviews = null, string? MaxReviews = null, string? MinAssigned = null, string? MaxAssigned = null,
    string? MinMean = null, string? MaxMean = null, string? MinMedian = null, string? MaxMedian = null,
    string? MinWeightedMean = null, string? MaxWeightedMean = null, string? MinSpread = null, string? MaxSpread = null,
    string? MinCalibrated = null, string? MaxCalibrated = null) : IQuery<TrackRankingReport>
{
    /// <summary>The columns the ranking sorts by (API names); the first is the default (best calibrated first).</summary>
    public static IReadOnlyList<string> SortColumns { get; } =
        ["rank", "title", "state", "reviewsIn", "assigned", "mean", "median", "weightedMean", "spread", "calibrated", "disagreement"];

    /// <summary>The column as the list names it, whatever the case the client sent; null if there is none.</summary>
    public static string? ParseSort(string? text) =>
        SortColumns.FirstOrDefault(c => string.Equals(c, text?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The numeric filters: column, lower bound, upper bound (both inclusive, as the client sent them).</summary>
    public IEnumerable<(string Column, string Parameter, string? Value, bool IsMin, bool WholeNumber)> Bounds()
    {
        yield return ("reviewsIn", nameof(MinReviews), MinReviews, true, true);
        yield return ("reviewsIn", nameof(MaxReviews), MaxReviews, false, true);
        yield return ("assigned", nameof(MinAssigned), MinAssigned, true, true);
        yield return ("assigned", nameof(MaxAssigned), MaxAssigned, false, true);
        yield return ("mean", nameof(MinMean), MinMean, true, false);
        yield return ("mean", nameof(MaxMean), MaxMean, false, false);
        yield return ("median", nameof(MinMedian), MinMedian, true, false);
        yield return ("median", nameof(MaxMedian), MaxMedian, false, false);
        yield return ("weightedMean", nameof(MinWeightedMean), MinWeightedMean, true, false);
        yield return ("weightedMean", nameof(MaxWeightedMean), MaxWeightedMean, false, false);
        yield return ("spread", nameof(MinSpread), MinSpread, true, false);
        yield return ("spread", nameof(MaxSpread), MaxSpread, false, false);
        yield return ("calibrated", nameof(MinCalibrated), MinCalibrated, true, false);
        yield return ("calibrated", nameof(MaxCalibrated), MaxCalibrated, false, false);
    }

    /// <summary>A bound as a number: invariant culture, finite; null when absent or not a number (the validator refuses those).</summary>
    public static double? ParseBound(string? text, bool wholeNumber)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var styles = wholeNumber ? NumberStyles.None : NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign;
        return double.TryParse(text.Trim(), styles, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && Math.Abs(value) <= 1e6
            ? value : null;
    }

    /// <summary>The states a chair can filter by: every one but Draft.</summary>
    public static SubmissionStatus? ParseState(string? text) => ListTrackProposals.ParseStatus(text);
}

/// <summary>One proposal's line of the ranking, as the chair may see it.</summary>
/// <param name="Rank">Position by the calibrated score among the proposals the caller sees (1 = best); null without reviews.</param>
/// <param name="Calibrated">The reviewer-offset model's score (μ + q), clamped to the scale; null without reviews.</param>
/// <param name="Component">The connected part of the review graph (calibrated scores compare exactly within one part).</param>
public sealed record RankingRow(
    Guid ProposalId, string Title, SubmissionStatus Status, IReadOnlyList<string> Topics, int? Rank,
    int ReviewsIn, int Assigned, double? Mean, double? Median, double? WeightedMean, double? Spread, double? Calibrated,
    bool Disagreement, int? Component);

/// <summary>One committee member's statistics, over the proposals the caller sees; the offset is the model's (whole track).</summary>
/// <param name="Offset">How many points the member scores above (+) or below (−) the model's score of the same proposals; null when not identifiable.</param>
/// <param name="Leaning">Harsh, Lenient, Neutral or Unknown (docs/ranking.md: |offset| ≥ an eighth of the scale).</param>
/// <param name="Scores">Their submitted scores (review totals), for the chart.</param>
/// <param name="OthersMean">The other reviewers' mean score on the same proposals; null when nobody else reviewed them.</param>
public sealed record RankingReviewer(
    Guid PersonId, string Name, int Done, int Assigned, double? MeanScore, double? Offset, ReviewerLeaning Leaning,
    IReadOnlyList<double> Scores, double? OthersMean);

/// <summary>The ranking page's data (<paramref name="ScoreLabels"/>: the words of each point of the scale, lowest first); <see cref="Rows"/> is what <c>GET /api/v1/tracks/{id}/ranking</c> answers.</summary>
/// <param name="Ranked">Proposals the caller sees in the ranking, before filters.</param>
/// <param name="LeftOutConflicted">Proposals left out because the caller is conflicted on them.</param>
/// <param name="Scores">Every submitted score the caller may see (the distribution chart).</param>
/// <param name="Components">Connected parts of the track's review graph (more than one: scores of different parts compare only by assumption).</param>
public sealed record TrackRankingReport(
    Guid TrackId, string TrackName, string ConferenceName, int ScoreMin, int ScoreMax, IReadOnlyList<string> ScoreLabels,
    IReadOnlyList<string> Topics, IReadOnlyList<RankingRow> Rows, int Ranked, int LeftOutConflicted,
    IReadOnlyList<RankingReviewer> Reviewers, IReadOnlyList<double> Scores, int Components, bool Converged,
    string Sort, string Dir, string ComputedAt);

public sealed class GetTrackRankingValidator : AbstractValidator<GetTrackRanking>
{
    public GetTrackRankingValidator()
    {
        RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
        RuleFor(x => x.Sort)
            .Must(s => string.IsNullOrWhiteSpace(s) || GetTrackRanking.ParseSort(s) is not null)
            .WithMessage(x => $"The ranking cannot be sorted by '{x.Sort}'. Sort by one of: {string.Join(", ", GetTrackRanking.SortColumns)}.");
        RuleFor(x => x.Dir)
            .Must(d => string.IsNullOrWhiteSpace(d) || d.Trim().ToLowerInvariant() is "asc" or "desc")
            .WithMessage("Sort direction is 'asc' or 'desc'.");
        RuleFor(x => x.State)
            .Must(s => string.IsNullOrWhiteSpace(s) || GetTrackRanking.ParseState(s) is not null)
            .WithMessage(x => $"There is no state '{x.State}'. Choose one of: {string.Join(", ", ListTrackProposals.FilterStates)}.");
        RuleFor(x => x.Topic).MaximumLength(100).WithName("The topic");
        RuleFor(x => x.Disagreement)
            .Must(d => string.IsNullOrWhiteSpace(d) || d.Trim().ToLowerInvariant() is "true" or "false")
            .WithMessage("Disagreement is 'true' (only flagged proposals) or 'false' (only unflagged ones).");
        RuleFor(x => x).Custom((query, context) =>
        {
            foreach (var (column, parameter, value, isMin, wholeNumber) in query.Bounds())
            {
                if (!string.IsNullOrWhiteSpace(value) && GetTrackRanking.ParseBound(value, wholeNumber) is null)
                    context.AddFailure(parameter, wholeNumber
                        ? $"{(isMin ? "The least" : "The most")} {column} must be a whole number such as 2, not '{Shorten(value)}'."
                        : $"{(isMin ? "The lowest" : "The highest")} {column} must be a number such as 3.5 (a point, no thousands separator), not '{Shorten(value)}'.");
            }
        });
    }

    private static string Shorten(string value) => value.Length <= 20 ? value : value[..20] + "…";
}

public sealed class GetTrackRankingHandler(IApplicationDbContext db, TrackAccess access, ProposalAccess proposals, TimeProvider clock)
    : IQueryHandler<GetTrackRanking, TrackRankingReport>
{
    public async ValueTask<TrackRankingReport> Handle(GetTrackRanking query, CancellationToken cancellationToken)
    {
        var data = await RankingInputs.ReadAsync(db, access, proposals, query.TrackId, cancellationToken);
        var track = data.Track;
        var sheet = new ScoreSheet(data.Proposals.Count, data.Reviewers.Count, new ScoreScale(track.ScoreMin, track.ScoreMax),
            data.Reviews.Select(r => new ReviewScore(r.Proposal, r.Reviewer, r.Total, r.Confidence)).ToList());
        var ranking = RankingCalculator.Compute(sheet);

        var assigned = data.Assignments.GroupBy(a => a.Proposal).ToDictionary(g => g.Key, g => g.Count());
        var rank = new Dictionary<int, int>();
        foreach (var p in ranking.Order)
        {
            if (data.Proposals[p].Visible && ranking.Proposals[p].Reviews > 0)
                rank[p] = rank.Count + 1;
        }

        var all = new List<RankingRow>();
        for (var p = 0; p < data.Proposals.Count; p++)
        {
            var proposal = data.Proposals[p];
            if (!proposal.Visible)
                continue;
            var s = ranking.Proposals[p];
            all.Add(new RankingRow(proposal.Id, proposal.Title, proposal.Status, proposal.Topics, rank.TryGetValue(p, out var r) ? r : null,
                s.Reviews, assigned.GetValueOrDefault(p), s.Mean, s.Median, s.WeightedMean, s.Spread, s.Calibrated, s.Disagreement, s.Component));
        }

        var sort = GetTrackRanking.ParseSort(query.Sort) ?? GetTrackRanking.SortColumns[0];
        var descending = string.Equals(query.Dir?.Trim(), "desc", StringComparison.OrdinalIgnoreCase);
        var rows = Sorted(Filtered(all, query), sort, descending);

        return new TrackRankingReport(track.Id, track.Name, track.Conference.Name, track.ScoreMin, track.ScoreMax,
            Enumerable.Range(0, track.ScoreMax - track.ScoreMin + 1).Select(i => i < track.ScoreLabels.Count ? track.ScoreLabels[i] : "").ToList(),
            track.Topics, rows, all.Count, data.LeftOutConflicted, Reviewers(data, ranking),
            data.Reviews.Where(v => data.Proposals[v.Proposal].Visible).Select(v => v.Total).ToList(),
            ranking.Fit.Components, ranking.Fit.Converged, sort, descending ? "desc" : "asc",
            track.Conference.Format(clock.GetUtcNow()));
    }

    /// <summary>
    /// Counts, means and dots are over the proposals the caller sees, so a conflicted proposal's scores do not show
    /// through them; the offset is the model's over the whole track (docs/ranking.md).
    /// </summary>
    private static List<RankingReviewer> Reviewers(RankingData data, TrackRanking ranking)
    {
        var visible = data.Reviews.Where(v => data.Proposals[v.Proposal].Visible).ToList();
        var byProposal = visible.ToLookup(v => v.Proposal);
        var result = new List<RankingReviewer>();
        for (var r = 0; r < data.Reviewers.Count; r++)
        {
            var own = visible.Where(v => v.Reviewer == r).ToList();
            var assigned = data.Assignments.Count(a => a.Reviewer == r && data.Proposals[a.Proposal].Visible);
            if (own.Count == 0 && assigned == 0)
                continue;
            var others = own.SelectMany(v => byProposal[v.Proposal].Where(o => o.Reviewer != r)).Select(o => o.Total).ToList();
            var stats = ranking.Reviewers[r];
            result.Add(new RankingReviewer(data.Reviewers[r].PersonId, data.Reviewers[r].Name, own.Count, assigned,
                own.Count == 0 ? null : own.Average(v => v.Total), stats.Offset, stats.Leaning,
                own.Select(v => v.Total).Order().ToList(), others.Count == 0 ? null : others.Average()));
        }

        return result.OrderBy(x => x.Name, StringComparer.CurrentCulture).ToList();
    }

    private static IEnumerable<RankingRow> Filtered(IEnumerable<RankingRow> rows, GetTrackRanking query)
    {
        if (GetTrackRanking.ParseState(query.State) is { } state)
            rows = rows.Where(r => r.Status == state);
        if (!string.IsNullOrWhiteSpace(query.Topic))
            rows = rows.Where(r => r.Topics.Contains(query.Topic, StringComparer.OrdinalIgnoreCase));
        if (!string.IsNullOrWhiteSpace(query.Disagreement))
        {
            var wanted = string.Equals(query.Disagreement.Trim(), "true", StringComparison.OrdinalIgnoreCase);
            rows = rows.Where(r => r.Disagreement == wanted);
        }

        foreach (var (column, _, value, isMin, wholeNumber) in query.Bounds())
        {
            if (GetTrackRanking.ParseBound(value, wholeNumber) is not { } bound)
                continue;
            // A row without the value (no reviews: no mean) does not pass a bound on it.
            rows = rows.Where(r => Value(r, column) is { } v && (isMin ? v >= bound - 1e-9 : v <= bound + 1e-9)).ToList();
        }

        return rows;
    }

    private static double? Value(RankingRow row, string column) => column switch
    {
        "rank" => row.Rank,
        "reviewsIn" => row.ReviewsIn,
        "assigned" => row.Assigned,
        "mean" => row.Mean,
        "median" => row.Median,
        "weightedMean" => row.WeightedMean,
        "spread" => row.Spread,
        "calibrated" => row.Calibrated,
        "disagreement" => row.Disagreement ? 1 : 0,
        "state" => (double)row.Status,
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "The validator admits only the ranking's columns."),
    };

    /// <summary>
    /// Rows without the sorted value (no reviews) come last in either direction, so "highest spread" never starts with
    /// blanks; ties break on the rank, then the title, so the order is stable.
    /// </summary>
    private static List<RankingRow> Sorted(IEnumerable<RankingRow> rows, string sort, bool descending)
    {
        if (sort == "title")
        {
            var byTitle = descending
                ? rows.OrderByDescending(r => r.Title, StringComparer.CurrentCultureIgnoreCase)
                : rows.OrderBy(r => r.Title, StringComparer.CurrentCultureIgnoreCase);
            return byTitle.ThenBy(r => r.ProposalId).ToList();
        }

        var withValue = rows.Select(r => (Row: r, Value: Value(r, sort)));
        var ordered = withValue.OrderBy(x => x.Value is null ? 1 : 0);
        ordered = descending ? ordered.ThenByDescending(x => x.Value) : ordered.ThenBy(x => x.Value);
        return ordered.ThenBy(x => x.Row.Rank ?? int.MaxValue).ThenBy(x => x.Row.Title, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(x => x.Row.ProposalId).Select(x => x.Row).ToList();
    }
}
