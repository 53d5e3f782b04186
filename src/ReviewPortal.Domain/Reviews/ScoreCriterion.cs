namespace ReviewPortal.Domain.Reviews;

/// <summary>
/// A score the chair asks for besides the overall score (pretalx's score categories): "Relevance", "Clarity".
/// The review's total combines the overall score and the criteria by weight (<see cref="ReviewTotal"/>).
/// </summary>
public class ScoreCriterion
{
    public const int MaxNameLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TrackId { get; set; }
    public string Name { get; set; } = "";
    public int ScaleMin { get; set; } = 1;
    public int ScaleMax { get; set; } = 5;
    /// <summary>Relative to the overall score's weight of 1; 0 makes the criterion informational.</summary>
    public double Weight { get; set; } = 1;
    public bool Required { get; set; }
    /// <summary>Position on the form.</summary>
    public int Order { get; set; }
}

/// <summary>
/// The score a review counts with in the ranking: the overall score and every answered criterion, each mapped
/// linearly onto the track's scale, averaged by weight (the overall score weighs 1). With no criteria it is the
/// overall score. docs/ranking.md has the formula and an example.
/// </summary>
public static class ReviewTotal
{
    public static double Of(int score, IReadOnlyList<CriterionValue> values, IReadOnlyList<ScoreCriterion> criteria, int scaleMin, int scaleMax)
    {
        double sum = score, weights = 1;
        foreach (var value in values)
        {
            var criterion = criteria.FirstOrDefault(c => c.Id == value.CriterionId);
            if (criterion is null || criterion.Weight <= 0 || criterion.ScaleMax <= criterion.ScaleMin)
                continue;
            var onTrackScale = scaleMin + (double)(value.Value - criterion.ScaleMin) / (criterion.ScaleMax - criterion.ScaleMin) * (scaleMax - scaleMin);
            sum += criterion.Weight * onTrackScale;
            weights += criterion.Weight;
        }
        return sum / weights;
    }
}
