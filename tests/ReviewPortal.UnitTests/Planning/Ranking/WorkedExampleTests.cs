using ReviewPortal.Planning.Ranking;

namespace ReviewPortal.UnitTests.Planning.Ranking;

/// <summary>The worked example of docs/ranking.md, number for number (the exact fractions solve its normal equations).</summary>
public sealed class WorkedExampleTests
{
    private const int Ana = 0, Ben = 1, Cem = 2;
    private const int A = 0, B = 1, C = 2, D = 3;
    private const double Tight = 1e-9;

    private static readonly ScoreSheet Example = Sheets.Of(4, 3,
        (A, Ana, 3, 4), (A, Ben, 5, 4),
        (B, Ben, 4, 4), (B, Cem, 5, 2),
        (C, Ana, 3, 4), (C, Cem, 4, 4),
        (D, Ana, 2, 3), (D, Ben, 3, 4), (D, Cem, 4, 4));

    [Fact]
    public void The_plain_statistics_are_those_of_the_table()
    {
        var p = RankingCalculator.Compute(Example).Proposals;

        Assert.Equal([4.0, 4.5, 3.5, 3.0], p.Select(x => x.Mean!.Value));
        Assert.Equal([4.0, 4.5, 3.5, 3.0], p.Select(x => x.Median!.Value));
        Assert.Equal(13.0 / 3, p[B].WeightedMean!.Value, Tight);
        Assert.Equal(34.0 / 11, p[D].WeightedMean!.Value, Tight);
        Assert.Equal([1.0, 0.5, 0.5, Math.Sqrt(2.0 / 3)], p.Select(x => Math.Round(x.Spread!.Value, 12)), (x, y) => Math.Abs(x - y) < Tight);
        Assert.Equal([true, false, false, true], p.Select(x => x.Disagreement));
    }

    [Fact]
    public void The_calibrated_scores_and_offsets_are_the_exact_solution_of_the_example()
    {
        var ranking = RankingCalculator.Compute(Example);

        Assert.True(ranking.Fit.Converged);
        Assert.Equal(5918.0 / 1387, ranking.Proposals[A].Calibrated!.Value, Tight);
        Assert.Equal(5611.0 / 1387, ranking.Proposals[B].Calibrated!.Value, Tight);
        Assert.Equal(4969.0 / 1387, ranking.Proposals[C].Calibrated!.Value, Tight);
        Assert.Equal(221.0 / 73, ranking.Proposals[D].Calibrated!.Value, Tight);
        Assert.Equal(-51.0 / 73, ranking.Reviewers[Ana].Offset!.Value, Tight);
        Assert.Equal(229.0 / 1387, ranking.Reviewers[Ben].Offset!.Value, Tight);
        Assert.Equal(740.0 / 1387, ranking.Reviewers[Cem].Offset!.Value, Tight);
    }

    [Fact]
    public void Calibration_puts_A_before_B_where_the_mean_puts_B_first_and_labels_Ana_harsh_and_Cem_lenient()
    {
        var ranking = RankingCalculator.Compute(Example);

        Assert.Equal([A, B, C, D], ranking.Order);
        Assert.Equal(ReviewerLeaning.Harsh, ranking.Reviewers[Ana].Leaning);
        Assert.Equal(ReviewerLeaning.Neutral, ranking.Reviewers[Ben].Leaning);
        Assert.Equal(ReviewerLeaning.Lenient, ranking.Reviewers[Cem].Leaning);
        Assert.Equal([3, 3, 3], ranking.Reviewers.Select(r => r.Reviews));
        Assert.Equal(8.0 / 3, ranking.Reviewers[Ana].MeanScore!.Value, Tight);
    }
}
