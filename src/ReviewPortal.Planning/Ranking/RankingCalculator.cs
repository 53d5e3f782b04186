namespace ReviewPortal.Planning.Ranking;

/// <summary>
/// The chair's ranking statistics of one track (docs/ranking.md): plain statistics per proposal and the calibrated
/// score of the reviewer-offset model <c>s[p,r] ≈ m[p] + b[r]</c> (m = μ + q), fitted by confidence-weighted least
/// squares with a ridge penalty λ Σ b² over the whole track. Pure and deterministic; O(reviews) per sweep.
/// </summary>
public static class RankingCalculator
{
    public static TrackRanking Compute(ScoreSheet sheet, RankingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        options ??= RankingOptions.Default;
        if (!(options.Ridge >= 0) || !double.IsFinite(options.Ridge))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The ridge must be finite and ≥ 0.");
        }

        sheet.Validate();
        var reviews = sheet.Reviews;
        var byProposal = Group(reviews, sheet.ProposalCount, static r => r.Proposal);
        var byReviewer = Group(reviews, sheet.ReviewerCount, static r => r.Reviewer);
        var (proposalComponent, reviewerComponent, componentCount) = Components(sheet, byProposal);
        var model = Fit(sheet, options, byProposal, byReviewer, proposalComponent, reviewerComponent, componentCount);

        var proposals = new ProposalStatistics[sheet.ProposalCount];
        for (var p = 0; p < proposals.Length; p++)
        {
            proposals[p] = Describe(p, byProposal[p], reviews, sheet.Scale, options, model.M, proposalComponent);
        }

        // A reviewer alone in its part of the graph has b = 0 by the Σ b = 0 rule, not by evidence: say "unknown".
        var reviewersPerComponent = new int[componentCount];
        for (var r = 0; r < sheet.ReviewerCount; r++)
        {
            if (reviewerComponent[r] >= 0)
            {
                reviewersPerComponent[reviewerComponent[r]]++;
            }
        }

        var threshold = options.LeaningThreshold * sheet.Scale.Width;
        var reviewers = new ReviewerStatistics[sheet.ReviewerCount];
        for (var r = 0; r < reviewers.Length; r++)
        {
            var own = byReviewer[r];
            if (own.Length == 0)
            {
                reviewers[r] = new ReviewerStatistics(r, 0, null, null, ReviewerLeaning.Unknown, null);
                continue;
            }

            var sum = 0.0;
            foreach (var i in own)
            {
                sum += reviews[i].Score;
            }

            var component = reviewerComponent[r];
            double? offset = reviewersPerComponent[component] > 1 ? model.B[r] : null;
            var leaning = offset switch
            {
                null => ReviewerLeaning.Unknown,
                var b when b <= -threshold => ReviewerLeaning.Harsh,
                var b when b >= threshold => ReviewerLeaning.Lenient,
                _ => ReviewerLeaning.Neutral,
            };
            reviewers[r] = new ReviewerStatistics(r, own.Length, sum / own.Length, offset, leaning, component);
        }

        var order = Enumerable.Range(0, sheet.ProposalCount)
            .OrderBy(p => proposals[p].ModelScore is null ? 1 : 0)
            .ThenByDescending(p => proposals[p].ModelScore ?? 0)
            .ThenByDescending(p => proposals[p].Mean ?? 0)
            .ThenBy(p => p)
            .ToArray();

        return new TrackRanking(proposals, reviewers, order,
            new CalibrationFit(model.Iterations, model.Converged, componentCount, options.Ridge, model.Objective));
    }

    private static ProposalStatistics Describe(
        int p, int[] own, IReadOnlyList<ReviewScore> reviews, ScoreScale scale, RankingOptions options, double[] m, int[] proposalComponent)
    {
        if (own.Length == 0)
        {
            return new ProposalStatistics(p, 0, null, null, null, null, null, null, false, null);
        }

        var scores = new double[own.Length];
        double sum = 0, weightedSum = 0, weights = 0;
        for (var k = 0; k < own.Length; k++)
        {
            var review = reviews[own[k]];
            scores[k] = review.Score;
            sum += review.Score;
            weightedSum += review.Confidence * review.Score;
            weights += review.Confidence;
        }

        var n = own.Length;
        var mean = sum / n;
        Array.Sort(scores);
        var median = n % 2 == 1 ? scores[n / 2] : (scores[(n / 2) - 1] + scores[n / 2]) / 2;

        double? spread = null;
        var disagreement = false;
        if (n >= 2)
        {
            var squares = 0.0;
            foreach (var s in scores)
            {
                squares += (s - mean) * (s - mean);
            }

            // Population SD: the spread of the reviews given, not an estimate for unseen reviewers (see docs).
            spread = Math.Sqrt(squares / n);
            var bothSides = scores[0] < scale.Midpoint && scores[^1] > scale.Midpoint;
            disagreement = bothSides || spread.Value >= (options.DisagreementSpread * scale.Width) - 1e-12;
        }

        var modelScore = m[p];
        return new ProposalStatistics(p, n, mean, median, weightedSum / weights, spread,
            Math.Clamp(modelScore, scale.Min, scale.Max), modelScore, disagreement, proposalComponent[p]);
    }

    private sealed record Model(double[] M, double[] B, int Iterations, bool Converged, double Objective);

    /// <summary>
    /// Alternating least squares (block coordinate descent): m given b, then b given m, each the exact minimiser of its
    /// block; then the exact line search along the one flat-ish direction (m + c, b − c) per component, which sets
    /// Σ b = 0 there (the optimum satisfies it) and removes the slowest mode. Monotone on a strictly convex quadratic.
    /// </summary>
    private static Model Fit(
        ScoreSheet sheet, RankingOptions options, int[][] byProposal, int[][] byReviewer,
        int[] proposalComponent, int[] reviewerComponent, int componentCount)
    {
        var reviews = sheet.Reviews;
        var n = reviews.Count;
        var w = new double[n];
        for (var i = 0; i < n; i++)
        {
            w[i] = (double)reviews[i].Confidence / ScoreSheet.MaxConfidence;
        }

        var lambda = options.Ridge;
        var m = new double[sheet.ProposalCount];
        var b = new double[sheet.ReviewerCount];
        var shift = new double[componentCount];
        var reviewersIn = new int[componentCount];
        for (var r = 0; r < b.Length; r++)
        {
            if (reviewerComponent[r] >= 0)
            {
                reviewersIn[reviewerComponent[r]]++;
            }
        }

        var tolerance = options.Tolerance * sheet.Scale.Width;
        var iterations = 0;
        var converged = n == 0;
        while (!converged && iterations < options.MaxIterations)
        {
            iterations++;
            var moved = 0.0;
            for (var p = 0; p < m.Length; p++)
            {
                var own = byProposal[p];
                if (own.Length == 0)
                {
                    continue;
                }

                double sum = 0, weight = 0;
                foreach (var i in own)
                {
                    sum += w[i] * (reviews[i].Score - b[reviews[i].Reviewer]);
                    weight += w[i];
                }

                var next = sum / weight;
                moved = Math.Max(moved, Math.Abs(next - m[p]));
                m[p] = next;
            }

            Array.Clear(shift);
            for (var r = 0; r < b.Length; r++)
            {
                var own = byReviewer[r];
                if (own.Length == 0)
                {
                    continue;
                }

                double sum = 0, weight = lambda;
                foreach (var i in own)
                {
                    sum += w[i] * (reviews[i].Score - m[reviews[i].Proposal]);
                    weight += w[i];
                }

                var next = sum / weight;
                moved = Math.Max(moved, Math.Abs(next - b[r]));
                b[r] = next;
                shift[reviewerComponent[r]] += next;
            }

            for (var c = 0; c < componentCount; c++)
            {
                shift[c] /= reviewersIn[c];
            }

            for (var r = 0; r < b.Length; r++)
            {
                if (reviewerComponent[r] >= 0)
                {
                    b[r] -= shift[reviewerComponent[r]];
                }
            }

            for (var p = 0; p < m.Length; p++)
            {
                if (proposalComponent[p] >= 0)
                {
                    m[p] += shift[proposalComponent[p]];
                }
            }

            converged = moved <= tolerance;
        }

        var objective = 0.0;
        for (var i = 0; i < n; i++)
        {
            var residual = reviews[i].Score - m[reviews[i].Proposal] - b[reviews[i].Reviewer];
            objective += w[i] * residual * residual;
        }

        foreach (var offset in b)
        {
            objective += lambda * offset * offset;
        }

        return new Model(m, b, iterations, converged, objective);
    }

    private static int[][] Group(IReadOnlyList<ReviewScore> reviews, int count, Func<ReviewScore, int> key)
    {
        var sizes = new int[count];
        foreach (var review in reviews)
        {
            sizes[key(review)]++;
        }

        var groups = new int[count][];
        for (var k = 0; k < count; k++)
        {
            groups[k] = sizes[k] == 0 ? [] : new int[sizes[k]];
            sizes[k] = 0;
        }

        for (var i = 0; i < reviews.Count; i++)
        {
            var k = key(reviews[i]);
            groups[k][sizes[k]++] = i;
        }

        return groups;
    }

    /// <summary>Connected parts of the bipartite review graph (union-find); −1 for a proposal or reviewer without reviews. Numbered in order of the lowest proposal index.</summary>
    private static (int[] Proposals, int[] Reviewers, int Count) Components(ScoreSheet sheet, int[][] byProposal)
    {
        var parent = new int[sheet.ProposalCount + sheet.ReviewerCount];
        for (var k = 0; k < parent.Length; k++)
        {
            parent[k] = k;
        }

        int Find(int k)
        {
            while (parent[k] != k)
            {
                parent[k] = parent[parent[k]];
                k = parent[k];
            }

            return k;
        }

        foreach (var review in sheet.Reviews)
        {
            var a = Find(review.Proposal);
            var c = Find(sheet.ProposalCount + review.Reviewer);
            if (a != c)
            {
                parent[Math.Max(a, c)] = Math.Min(a, c);
            }
        }

        var number = new Dictionary<int, int>();
        var proposals = new int[sheet.ProposalCount];
        for (var p = 0; p < proposals.Length; p++)
        {
            proposals[p] = byProposal[p].Length == 0 ? -1 : Number(Find(p));
        }

        var hasReviews = new bool[sheet.ReviewerCount];
        foreach (var review in sheet.Reviews)
        {
            hasReviews[review.Reviewer] = true;
        }

        var reviewers = new int[sheet.ReviewerCount];
        for (var r = 0; r < reviewers.Length; r++)
        {
            reviewers[r] = hasReviews[r] ? Number(Find(sheet.ProposalCount + r)) : -1;
        }

        return (proposals, reviewers, number.Count);

        int Number(int root)
        {
            if (!number.TryGetValue(root, out var id))
            {
                id = number.Count;
                number[root] = id;
            }

            return id;
        }
    }
}
