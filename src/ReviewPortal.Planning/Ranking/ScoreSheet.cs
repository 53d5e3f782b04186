namespace ReviewPortal.Planning.Ranking;

/// <summary>A track's overall-score scale, e.g. 1–5 (strong reject … strong accept).</summary>
/// <param name="Min">The lowest score (strong reject).</param>
/// <param name="Max">The highest score (strong accept); greater than <paramref name="Min"/>.</param>
public readonly record struct ScoreScale(double Min, double Max)
{
    /// <summary>The default scale of a track: 1–5.</summary>
    public static ScoreScale OneToFive => new(1, 5);

    /// <summary>Max − Min: the thresholds (disagreement, harsh/lenient) are fractions of it, so they mean the same on 1–5 and 1–10.</summary>
    public double Width => Max - Min;

    /// <summary>The borderline score; below it a review leans to reject, above it to accept.</summary>
    public double Midpoint => (Min + Max) / 2;
}

/// <summary>One submitted review.</summary>
/// <param name="Proposal">Proposal index, 0 ≤ Proposal &lt; ProposalCount.</param>
/// <param name="Reviewer">Reviewer index, 0 ≤ Reviewer &lt; ReviewerCount.</param>
/// <param name="Score">Overall score on the track's scale (may be fractional: a weighted combination of criteria).</param>
/// <param name="Confidence">1 (low) … 4 (expert).</param>
public readonly record struct ReviewScore(int Proposal, int Reviewer, double Score, int Confidence);

/// <summary>
/// The plain input of the ranking: every submitted review of one track. Proposals and reviewers are indices, so the
/// caller maps its ids; a proposal or reviewer without reviews is simply an index no review names.
/// </summary>
public sealed record ScoreSheet(int ProposalCount, int ReviewerCount, ScoreScale Scale, IReadOnlyList<ReviewScore> Reviews)
{
    /// <summary>The lowest confidence (low).</summary>
    public const int MinConfidence = 1;

    /// <summary>The highest confidence (expert); a review of this confidence has weight 1 in the model.</summary>
    public const int MaxConfidence = 4;

    /// <summary>Throws <see cref="ArgumentException"/> when the sheet is not a valid input (the caller's bug, not the user's).</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ProposalCount);
        ArgumentOutOfRangeException.ThrowIfNegative(ReviewerCount);
        ArgumentNullException.ThrowIfNull(Reviews);
        if (!double.IsFinite(Scale.Min) || !double.IsFinite(Scale.Max) || Scale.Max <= Scale.Min)
        {
            throw new ArgumentException($"The scale [{Scale.Min}, {Scale.Max}] must be finite with Max > Min.", nameof(Scale));
        }

        // One review per proposal and reviewer: a second one would double that reviewer's say.
        var seen = new HashSet<(int, int)>();
        for (var i = 0; i < Reviews.Count; i++)
        {
            var review = Reviews[i];
            if ((uint)review.Proposal >= (uint)ProposalCount || (uint)review.Reviewer >= (uint)ReviewerCount)
            {
                throw new ArgumentException($"Review #{i} names proposal {review.Proposal} / reviewer {review.Reviewer}, outside the sheet.", nameof(Reviews));
            }

            if (!double.IsFinite(review.Score) || review.Score < Scale.Min || review.Score > Scale.Max)
            {
                throw new ArgumentException($"Review #{i} has score {review.Score}, outside the scale [{Scale.Min}, {Scale.Max}].", nameof(Reviews));
            }

            if (review.Confidence is < MinConfidence or > MaxConfidence)
            {
                throw new ArgumentException($"Review #{i} has confidence {review.Confidence}; it must be {MinConfidence}–{MaxConfidence}.", nameof(Reviews));
            }

            if (!seen.Add((review.Proposal, review.Reviewer)))
            {
                throw new ArgumentException($"Reviewer {review.Reviewer} has two reviews of proposal {review.Proposal}.", nameof(Reviews));
            }
        }
    }
}

/// <summary>The model's knobs; the defaults are the documented ones (docs/ranking.md).</summary>
/// <param name="Ridge">λ: the prior weight that a reviewer is neutral, in expert reviews (confidence 4 = weight 1). Dimensionless; 0 (no shrinking) only for comparison.</param>
/// <param name="LeaningThreshold">|offset| at or above this fraction of the scale width labels a reviewer harsh or lenient (0.125: 0.5 points on 1–5).</param>
/// <param name="DisagreementSpread">Spread (population SD) at or above this fraction of the scale width flags disagreement (0.25: 1 point on 1–5).</param>
/// <param name="Tolerance">Stop when no score or offset moved more than this fraction of the scale width in a sweep.</param>
/// <param name="MaxIterations">Sweeps before giving up (the result then says <see cref="CalibrationFit.Converged"/> = false).</param>
public sealed record RankingOptions(
    double Ridge = 1.0,
    double LeaningThreshold = 0.125,
    double DisagreementSpread = 0.25,
    double Tolerance = 1e-10,
    int MaxIterations = 10_000)
{
    /// <summary>The documented defaults.</summary>
    public static RankingOptions Default { get; } = new();
}
