namespace ReviewPortal.Planning.Ranking;

/// <summary>How a reviewer scores compared with the others who reviewed the same proposals.</summary>
public enum ReviewerLeaning
{
    /// <summary>|offset| below the threshold.</summary>
    Neutral,

    /// <summary>Offset at or below −threshold: scores lower than the co-reviewers of the same proposals.</summary>
    Harsh,

    /// <summary>Offset at or above +threshold: scores higher than the co-reviewers.</summary>
    Lenient,

    /// <summary>No offset can be found: no reviews, or no proposal shared (even indirectly) with another reviewer.</summary>
    Unknown,
}

/// <summary>The statistics of one proposal. All scores are on the track's scale; null where there is nothing to compute.</summary>
/// <param name="Reviews">Submitted reviews.</param>
/// <param name="Mean">Plain mean; null with no reviews.</param>
/// <param name="Median">Median (mean of the middle two for an even count); null with no reviews.</param>
/// <param name="WeightedMean">Mean weighted by confidence (1–4); null with no reviews.</param>
/// <param name="Spread">Population standard deviation of the scores; null with fewer than two reviews (no disagreement is measurable).</param>
/// <param name="Calibrated">The model's score μ + q[p], clamped to the scale; null with no reviews (never 0).</param>
/// <param name="ModelScore">μ + q[p] before clamping; sort by this, it breaks ties the clamp would create.</param>
/// <param name="Disagreement">High disagreement (docs/ranking.md): spread ≥ 1 point on 1–5, or reviews on both the reject and the accept side of the midpoint.</param>
/// <param name="Component">The connected part of the review graph the proposal is in; calibrated scores compare exactly within one part. Null with no reviews.</param>
public sealed record ProposalStatistics(
    int Proposal,
    int Reviews,
    double? Mean,
    double? Median,
    double? WeightedMean,
    double? Spread,
    double? Calibrated,
    double? ModelScore,
    bool Disagreement,
    int? Component);

/// <summary>The statistics of one reviewer.</summary>
/// <param name="Reviews">Submitted reviews.</param>
/// <param name="MeanScore">Plain mean of the reviewer's scores; null with no reviews.</param>
/// <param name="Offset">b[r]: how many points the reviewer scores above (+) or below (−) the model's score of the same proposals; null when <see cref="ReviewerLeaning.Unknown"/>.</param>
/// <param name="Component">The connected part of the review graph; null with no reviews.</param>
public sealed record ReviewerStatistics(
    int Reviewer,
    int Reviews,
    double? MeanScore,
    double? Offset,
    ReviewerLeaning Leaning,
    int? Component);

/// <summary>How the model fit went.</summary>
/// <param name="Iterations">Sweeps of alternating least squares done.</param>
/// <param name="Converged">The last sweep moved nothing more than the tolerance.</param>
/// <param name="Components">Connected parts of the review graph (proposals and reviewers linked by reviews). More than one: see docs/ranking.md.</param>
/// <param name="Ridge">λ used.</param>
/// <param name="Objective">The minimised Σ w (s − m[p] − b[r])² + λ Σ b², for checks.</param>
public sealed record CalibrationFit(int Iterations, bool Converged, int Components, double Ridge, double Objective);

/// <summary>The ranking of a track: per proposal, per reviewer, and the fit.</summary>
/// <param name="Proposals">Indexed by proposal.</param>
/// <param name="Reviewers">Indexed by reviewer.</param>
/// <param name="Order">Proposal indices, best calibrated first (ties: higher mean, then index); proposals without reviews last, by index.</param>
public sealed record TrackRanking(
    IReadOnlyList<ProposalStatistics> Proposals,
    IReadOnlyList<ReviewerStatistics> Reviewers,
    IReadOnlyList<int> Order,
    CalibrationFit Fit);
