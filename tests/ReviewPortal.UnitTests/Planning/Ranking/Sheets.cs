using ReviewPortal.Planning.Ranking;

namespace ReviewPortal.UnitTests.Planning.Ranking;

/// <summary>Builders of score sheets and an exact reference solution of the model for the ranking tests.</summary>
internal static class Sheets
{
    public static ScoreSheet Of(int proposals, int reviewers, params (int Proposal, int Reviewer, double Score, int Confidence)[] reviews) =>
        new(proposals, reviewers, ScoreScale.OneToFive, [.. reviews.Select(r => new ReviewScore(r.Proposal, r.Reviewer, r.Score, r.Confidence))]);

    /// <summary>Scores of one proposal by distinct reviewers 0..n−1, all at confidence 4.</summary>
    public static ScoreSheet OneProposal(ScoreScale scale, params double[] scores) =>
        new(1, scores.Length, scale, [.. scores.Select((s, r) => new ReviewScore(0, r, s, 4))]);

    /// <summary>
    /// The model's optimum straight from its normal equations (dense Gaussian elimination with partial pivoting):
    /// unknowns m[p] for every reviewed proposal and b[r] for every reviewed reviewer. Independent of the solver's
    /// sweeps, so it checks them. Requires λ &gt; 0 (then the system is non-singular).
    /// </summary>
    public static (double[] M, double[] B) ExactOptimum(ScoreSheet sheet, double ridge)
    {
        int P = sheet.ProposalCount, n = P + sheet.ReviewerCount;
        var a = new double[n, n + 1];
        var used = new bool[n];
        foreach (var review in sheet.Reviews)
        {
            var w = review.Confidence / 4.0;
            int p = review.Proposal, r = P + review.Reviewer;
            used[p] = used[r] = true;
            foreach (var row in new[] { p, r })
            {
                a[row, p] += w;
                a[row, r] += w;
                a[row, n] += w * review.Score;
            }
        }

        for (var k = 0; k < n; k++)
        {
            if (k >= P)
            {
                a[k, k] += ridge;
            }

            if (!used[k])
            {
                a[k, k] = 1; // unknown without reviews: pinned to 0
            }
        }

        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
            {
                if (Math.Abs(a[row, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = row;
                }
            }

            for (var k = 0; k <= n; k++)
            {
                (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
            }

            for (var row = 0; row < n; row++)
            {
                if (row == col || a[row, col] == 0)
                {
                    continue;
                }

                var f = a[row, col] / a[col, col];
                for (var k = col; k <= n; k++)
                {
                    a[row, k] -= f * a[col, k];
                }
            }
        }

        var x = new double[n];
        for (var k = 0; k < n; k++)
        {
            x[k] = a[k, n] / a[k, k];
        }

        return (x[..P], x[P..]);
    }

    /// <summary>A random track: every proposal gets <paramref name="perProposal"/> distinct reviewers, integer scores, random confidences.</summary>
    public static ScoreSheet Random(int seed, int proposals, int reviewers, int perProposal, ScoreScale scale)
    {
        var random = new Random(seed);
        var bias = Enumerable.Range(0, reviewers).Select(_ => (random.NextDouble() - 0.5) * 2).ToArray();
        var list = new List<ReviewScore>();
        for (var p = 0; p < proposals; p++)
        {
            var quality = scale.Min + (random.NextDouble() * scale.Width);
            var chosen = new HashSet<int>();
            while (chosen.Count < perProposal)
            {
                chosen.Add(random.Next(reviewers));
            }

            foreach (var r in chosen)
            {
                var score = Math.Clamp(Math.Round(quality + bias[r] + (random.NextDouble() - 0.5)), scale.Min, scale.Max);
                list.Add(new ReviewScore(p, r, score, random.Next(1, 5)));
            }
        }

        return new ScoreSheet(proposals, reviewers, scale, list);
    }
}
