using ReviewPortal.Planning.Ranking;

namespace ReviewPortal.UnitTests.Planning.Ranking;

public sealed class CalibrationTests
{
    /// <summary>
    /// 16 proposals with distinct true qualities, 8 reviewers, 3 reviews each (48 reviews, 6 per reviewer); every
    /// reviewer scores the truth, except reviewer 0 who scores <paramref name="harshness"/> points lower.
    /// </summary>
    private static (ScoreSheet Sheet, int[] TrueOrder) HarshTrack(double harshness, double lowest, double step, double max)
    {
        var reviews = new List<ReviewScore>();
        for (var p = 0; p < 16; p++)
        {
            var quality = lowest + (step * p);
            foreach (var r in new[] { p % 8, (p + 1) % 8, (p + 3) % 8 })
            {
                reviews.Add(new ReviewScore(p, r, r == 0 ? quality - harshness : quality, 3 + (p % 2)));
            }
        }

        return (new ScoreSheet(16, 8, new ScoreScale(1, max), reviews), [.. Enumerable.Range(0, 16).Reverse()]);
    }

    [Theory]
    [InlineData(1.0, 2.0, 0.2, 5)]   // 1 point lower on 1–5, true scores 2.0, 2.2 … 5.0
    [InlineData(2.0, 3.0, 0.4, 10)]  // 2 points lower on 1–10, true scores 3.0, 3.4 … 9.0
    public void A_reviewer_who_scores_everything_lower_is_found_harsh_and_the_calibrated_ranking_is_the_true_one(
        double harshness, double lowest, double step, double max)
    {
        var (sheet, trueOrder) = HarshTrack(harshness, lowest, step, max);

        var ranking = RankingCalculator.Compute(sheet);

        var byMean = Enumerable.Range(0, 16).OrderByDescending(p => ranking.Proposals[p].Mean).ToArray();
        Assert.NotEqual(trueOrder, byMean); // the plain mean is fooled by the harsh reviewer
        Assert.Equal(trueOrder, ranking.Order);

        // Offsets are relative (Σ b = 0), so compare with the others' mean offset. The ridge shrinks six reviews' worth
        // of evidence by about a fifth (exactly: 80.4 % of the true offset is found); allow up to a quarter.
        var harsh = ranking.Reviewers[0].Offset!.Value;
        var others = ranking.Reviewers.Skip(1).Average(r => r.Offset!.Value);
        Assert.InRange(harsh - others, -harshness, -harshness * 0.75);
        Assert.Equal(ReviewerLeaning.Harsh, ranking.Reviewers[0].Leaning);
        Assert.All(ranking.Reviewers.Skip(1), r => Assert.Equal(ReviewerLeaning.Neutral, r.Leaning));
    }

    [Fact]
    public void A_reviewer_with_one_review_is_only_partly_corrected_by_the_ridge_and_fully_without_it()
    {
        // Proposals 0–3 are reviewed by reviewers 1, 2 and 3 with the same scores (all neutral); proposal 0 also by
        // reviewer 0, once, two points below the others.
        var sheet = Sheets.Of(4, 4,
            (0, 0, 2, 4), (0, 1, 4, 4), (0, 2, 4, 4), (0, 3, 4, 4),
            (1, 1, 3, 4), (1, 2, 3, 4), (1, 3, 3, 4),
            (2, 1, 5, 4), (2, 2, 5, 4), (2, 3, 5, 4),
            (3, 1, 2, 4), (3, 2, 2, 4), (3, 3, 2, 4));

        var ridge = RankingCalculator.Compute(sheet);
        var noRidge = RankingCalculator.Compute(sheet, new RankingOptions(Ridge: 0));

        // Proposal 0 against proposal 1 (which the three neutral reviewers score one point lower): by the mean 0.5 ahead.
        static double Lead(TrackRanking r) => r.Proposals[0].ModelScore!.Value - r.Proposals[1].ModelScore!.Value;
        Assert.Equal(0.5, ridge.Proposals[0].Mean!.Value - ridge.Proposals[1].Mean!.Value, 1e-12);

        // Without the ridge the single review is explained away completely: offset −2 (relative), a full point ahead.
        Assert.Equal(1, Lead(noRidge), 1e-6);
        Assert.Equal(-2, noRidge.Reviewers[0].Offset!.Value - noRidge.Reviewers[1].Offset!.Value, 1e-6);

        // With λ = 1 the one review is corrected by half (exact solution: offsets −3/4 and +1/4, scores 7/2 and 11/4):
        // a relative offset of −1, not −2, and a lead of 0.75, between the mean's and the unridged one.
        Assert.Equal(0.75, Lead(ridge), 1e-9);
        Assert.Equal(-1, ridge.Reviewers[0].Offset!.Value - ridge.Reviewers[1].Offset!.Value, 1e-9);
        Assert.Equal(ReviewerLeaning.Harsh, ridge.Reviewers[0].Leaning);
        Assert.Equal(1, ridge.Reviewers[0].Reviews);
    }

    [Fact]
    public void When_every_reviewer_reviews_every_proposal_with_equal_confidence_the_calibrated_score_is_the_mean()
    {
        // Everyone sees the same proposals, so a bias hits all of them alike: nothing to correct, order and values kept.
        var reviews = new List<(int, int, double, int)>();
        double[][] scores = [[4, 2, 5, 3], [3, 1, 5, 2], [5, 3, 5, 4]]; // [reviewer][proposal]; reviewer 1 is harsh
        for (var r = 0; r < 3; r++)
        {
            for (var p = 0; p < 4; p++)
            {
                reviews.Add((p, r, scores[r][p], 3));
            }
        }

        var ranking = RankingCalculator.Compute(Sheets.Of(4, 3, [.. reviews]));

        Assert.All(ranking.Proposals, p => Assert.Equal(p.Mean!.Value, p.Calibrated!.Value, 1e-9));
        Assert.True(ranking.Reviewers[1].Offset < 0);
        Assert.True(ranking.Reviewers[2].Offset > 0);
    }

    [Fact]
    public void A_track_with_a_single_reviewer_keeps_the_scores_and_cannot_say_whether_the_reviewer_is_harsh()
    {
        var sheet = Sheets.Of(3, 1, (0, 0, 2, 1), (1, 0, 5, 4), (2, 0, 4, 2));

        var ranking = RankingCalculator.Compute(sheet);

        Assert.Equal([2.0, 5.0, 4.0], ranking.Proposals.Select(p => p.Calibrated!.Value).Select(v => Math.Round(v, 9)));
        Assert.Null(ranking.Reviewers[0].Offset);
        Assert.Equal(ReviewerLeaning.Unknown, ranking.Reviewers[0].Leaning);
        Assert.Equal([1, 2, 0], ranking.Order);
    }

    [Fact]
    public void Disconnected_parts_of_the_review_graph_are_calibrated_each_on_their_own_with_offsets_summing_to_zero()
    {
        // Part 1: proposals 0, 1 by reviewers 0, 1. Part 2: proposals 2, 3 by reviewers 2, 3 (reviewer 3 harsh).
        (int, int, double, int)[] first = [(0, 0, 4, 4), (0, 1, 5, 3), (1, 0, 2, 4), (1, 1, 4, 2)];
        (int, int, double, int)[] second = [(2, 2, 4, 4), (2, 3, 2, 4), (3, 2, 3, 4), (3, 3, 2, 3)];
        var both = Sheets.Of(4, 4, [.. first, .. second]);
        var alone = Sheets.Of(4, 4, first);

        var ranking = RankingCalculator.Compute(both);
        var firstOnly = RankingCalculator.Compute(alone);

        Assert.Equal(2, ranking.Fit.Components);
        Assert.Equal([0, 0, 1, 1], ranking.Proposals.Select(p => p.Component!.Value));
        Assert.Equal([0, 0, 1, 1], ranking.Reviewers.Select(r => r.Component!.Value));
        Assert.Equal(0, ranking.Reviewers[0].Offset!.Value + ranking.Reviewers[1].Offset!.Value, 1e-9);
        Assert.Equal(0, ranking.Reviewers[2].Offset!.Value + ranking.Reviewers[3].Offset!.Value, 1e-9);
        for (var k = 0; k < 2; k++)
        {
            Assert.Equal(firstOnly.Proposals[k].Calibrated!.Value, ranking.Proposals[k].Calibrated!.Value, 1e-9);
            Assert.Equal(firstOnly.Reviewers[k].Offset!.Value, ranking.Reviewers[k].Offset!.Value, 1e-9);
        }

        Assert.True(ranking.Reviewers[3].Offset < ranking.Reviewers[2].Offset);
    }

    [Theory]
    [InlineData(1, 40, 12, 3, 1.0)]
    [InlineData(2, 60, 25, 2, 1.0)]   // two reviews each: sparse, several parts
    [InlineData(3, 30, 10, 4, 0.25)]
    [InlineData(4, 50, 40, 1, 1.0)]   // one review each: every proposal its own part
    public void The_sweeps_reach_the_exact_least_squares_optimum(int seed, int proposals, int reviewers, int perProposal, double ridge)
    {
        var sheet = Sheets.Random(seed, proposals, reviewers, perProposal, ScoreScale.OneToFive);

        var ranking = RankingCalculator.Compute(sheet, new RankingOptions(Ridge: ridge));
        var (m, b) = Sheets.ExactOptimum(sheet, ridge);

        Assert.True(ranking.Fit.Converged);
        for (var p = 0; p < proposals; p++)
        {
            Assert.Equal(m[p], ranking.Proposals[p].ModelScore ?? 0, 1e-7);
        }

        for (var r = 0; r < reviewers; r++)
        {
            var reviewed = ranking.Reviewers[r].Reviews > 0;
            Assert.Equal(reviewed ? b[r] : 0, ranking.Reviewers[r].Offset ?? 0, 1e-7);
        }
    }

    [Fact]
    public void A_CVPR_size_track_converges_in_few_sweeps_of_linear_work()
    {
        // 5,000 proposals × 3 reviews by 2,800 reviewers: each sweep is O(15,000); count sweeps, not seconds.
        var sheet = Sheets.Random(7, 5000, 2800, 3, ScoreScale.OneToFive);

        var ranking = RankingCalculator.Compute(sheet);

        Assert.True(ranking.Fit.Converged);
        Assert.InRange(ranking.Fit.Iterations, 1, 300);
        Assert.Equal(5000, ranking.Order.Distinct().Count());
    }
}
