using ReviewPortal.Planning.Ranking;

namespace ReviewPortal.UnitTests.Planning.Ranking;

public sealed class RankingStatisticsTests
{
    private const double Exact = 1e-12;

    [Fact]
    public void Three_reviews_show_their_mean_median_weighted_mean_and_population_spread()
    {
        // 2 (confidence 1), 3 (confidence 2), 5 (confidence 4): mean 10/3, median 3, weighted (2 + 6 + 20) / 7 = 4,
        // population SD sqrt(((−4/3)² + (−1/3)² + (5/3)²) / 3) = sqrt(42/27).
        var sheet = Sheets.Of(1, 3, (0, 0, 2, 1), (0, 1, 3, 2), (0, 2, 5, 4));

        var proposal = RankingCalculator.Compute(sheet).Proposals[0];

        Assert.Equal(3, proposal.Reviews);
        Assert.Equal(10.0 / 3, proposal.Mean!.Value, Exact);
        Assert.Equal(3, proposal.Median!.Value, Exact);
        Assert.Equal(4, proposal.WeightedMean!.Value, Exact);
        Assert.Equal(Math.Sqrt(42.0 / 27), proposal.Spread!.Value, Exact);
    }

    [Fact]
    public void The_median_of_an_even_number_of_reviews_is_the_mean_of_the_middle_two()
    {
        var proposal = RankingCalculator.Compute(Sheets.OneProposal(ScoreScale.OneToFive, 5, 1, 4, 2)).Proposals[0];

        Assert.Equal(3, proposal.Median!.Value, Exact);
        Assert.Equal(3, proposal.Mean!.Value, Exact);
        Assert.Equal(Math.Sqrt(2.5), proposal.Spread!.Value, Exact);
    }

    [Fact]
    public void A_proposal_without_reviews_has_no_scores_at_all_not_zero_and_ranks_last()
    {
        var sheet = Sheets.Of(3, 2, (1, 0, 2, 4), (1, 1, 2, 4));

        var ranking = RankingCalculator.Compute(sheet);

        foreach (var empty in new[] { ranking.Proposals[0], ranking.Proposals[2] })
        {
            Assert.Equal(0, empty.Reviews);
            Assert.Null(empty.Mean);
            Assert.Null(empty.Median);
            Assert.Null(empty.WeightedMean);
            Assert.Null(empty.Spread);
            Assert.Null(empty.Calibrated);
            Assert.Null(empty.Component);
            Assert.False(empty.Disagreement);
        }

        Assert.Equal([1, 0, 2], ranking.Order);
    }

    [Fact]
    public void An_empty_track_has_empty_statistics()
    {
        var ranking = RankingCalculator.Compute(new ScoreSheet(2, 2, ScoreScale.OneToFive, []));

        Assert.All(ranking.Proposals, p => Assert.Null(p.Calibrated));
        Assert.All(ranking.Reviewers, r => Assert.Equal(ReviewerLeaning.Unknown, r.Leaning));
        Assert.True(ranking.Fit.Converged);
        Assert.Equal(0, ranking.Fit.Components);
    }

    [Fact]
    public void One_review_has_no_spread_and_no_disagreement()
    {
        var proposal = RankingCalculator.Compute(Sheets.OneProposal(ScoreScale.OneToFive, 1)).Proposals[0];

        Assert.Null(proposal.Spread);
        Assert.False(proposal.Disagreement);
        Assert.Equal(1, proposal.Calibrated!.Value, Exact);
    }

    [Theory]
    [InlineData(new[] { 3.0, 5.0 }, true)]          // spread exactly 1 point
    [InlineData(new[] { 1.0, 3.0 }, true)]          // spread 1; 3 is borderline, not accept
    [InlineData(new[] { 2.0, 4.0, 4.0, 4.0 }, true)] // spread 0.87, but a reject and an accept
    [InlineData(new[] { 4.0, 5.0, 5.0 }, false)]     // all accept, spread 0.47
    [InlineData(new[] { 2.0, 3.0 }, false)]          // reject and borderline, spread 0.5
    [InlineData(new[] { 3.0, 3.0, 3.0 }, false)]
    public void High_disagreement_is_flagged_by_a_spread_of_a_quarter_of_the_scale_or_reviews_on_both_sides(double[] scores, bool flagged)
    {
        var proposal = RankingCalculator.Compute(Sheets.OneProposal(ScoreScale.OneToFive, scores)).Proposals[0];

        Assert.Equal(flagged, proposal.Disagreement);
    }

    [Fact]
    public void On_a_one_to_ten_scale_the_disagreement_spread_is_two_and_a_quarter_points()
    {
        var scale = new ScoreScale(1, 10);

        // 6 and 10 are both on the accept side (midpoint 5.5): only the spread can flag them.
        Assert.False(RankingCalculator.Compute(Sheets.OneProposal(scale, 6, 10)).Proposals[0].Disagreement); // spread 2
        Assert.True(RankingCalculator.Compute(Sheets.OneProposal(scale, 5.5, 10)).Proposals[0].Disagreement); // spread 2.25
    }

    [Fact]
    public void A_sheet_outside_its_scale_or_with_a_duplicate_review_is_refused()
    {
        Assert.Throws<ArgumentException>(() => RankingCalculator.Compute(Sheets.Of(1, 1, (0, 0, 6, 4))));
        Assert.Throws<ArgumentException>(() => RankingCalculator.Compute(Sheets.Of(1, 1, (0, 0, 3, 5))));
        Assert.Throws<ArgumentException>(() => RankingCalculator.Compute(Sheets.Of(1, 1, (0, 0, double.NaN, 4))));
        Assert.Throws<ArgumentException>(() => RankingCalculator.Compute(Sheets.Of(1, 1, (0, 1, 3, 4))));
        Assert.Throws<ArgumentException>(() => RankingCalculator.Compute(Sheets.Of(1, 1, (0, 0, 3, 4), (0, 0, 4, 4))));
    }
}
