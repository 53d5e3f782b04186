using System.Globalization;

namespace ReviewPortal.Planning.Assignment;

/// <summary>
/// Why no assignment exists, proven (docs/assignment.md, "Explaining infeasibility"): counting arguments first, then the
/// minimum cut of a maximum flow. Every number in the summary comes from the cut, so the statement is a proof, not a guess:
/// the reviews the bottleneck needs minus what can reach it is exactly the number of reviews that cannot be placed.
/// </summary>
internal static class InfeasibilityExplainer
{
    private const int NamesShown = 8;

    /// <summary>Input that no model can satisfy: a proposal with more fixed pairs than k, a reviewer with more than their maximum.</summary>
    public static Infeasibility? CheckFixedPairs(PreparedProblem pp)
    {
        var overfull = Enumerable.Range(0, pp.N).Where(p => pp.Need[p] < 0).ToList();
        var overloaded = Enumerable.Range(0, pp.M).Where(r => pp.MaxRemaining[r] < 0).ToList();
        if (overfull.Count == 0 && overloaded.Count == 0)
        {
            return null;
        }

        var sentences = new List<string>();
        if (overfull.Count > 0)
        {
            sentences.Add($"{Count(overfull.Count, "proposal has", "proposals have")} more manual assignments than k = {pp.K}: "
                + Names(overfull, p => $"{pp.ProposalLabel(p)} ({pp.FixedCount[p]})") + "; remove some of them.");
        }

        if (overloaded.Count > 0)
        {
            sentences.Add($"{Count(overloaded.Count, "reviewer has", "reviewers have")} more manual assignments than their maximum load: "
                + Names(overloaded, r => $"{pp.ReviewerLabel(r)} ({pp.FixedLoad[r]} > {pp.Problem.MaxLoad[r]})") + "; remove some or raise the maximum.");
        }

        return new Infeasibility(
            string.Join(' ', sentences),
            [.. overfull.Select(p => new ProposalShortfall(p, pp.FixedCount[p], pp.K))],
            overloaded,
            pp.Required,
            pp.Capacity)
        { MinimumLoadDemand = pp.MinimumLoadDemand };
    }

    /// <summary>The minimum loads alone demand more reviews than there are to give.</summary>
    public static Infeasibility? CheckMinimumLoads(PreparedProblem pp)
    {
        if (pp.MinimumLoadDemand <= pp.Required)
        {
            return null;
        }

        var summary = $"Minimum loads add up to {pp.MinimumLoadDemand} reviews but only {pp.Required} are required "
            + $"({pp.N} proposals × {pp.K} reviewers): lower the minimum loads.";
        return new Infeasibility(summary, [], [], pp.Required, pp.Capacity)
        {
            MinimumLoadDemand = pp.MinimumLoadDemand,
            MissingReviews = 0,
        };
    }

    /// <summary>
    /// Counting conditions every assignment meets, checked in one pass: the committee can give k reviews to every
    /// proposal in total, and each proposal has at least as many candidates as reviews still to place. True: no
    /// assignment exists (the minimum cut then says exactly why).
    /// </summary>
    public static bool FailsCounting(PreparedProblem pp)
    {
        if (pp.Capacity < pp.Required)
            return true;
        for (var p = 0; p < pp.N; p++)
        {
            if (pp.ArcStart[p + 1] - pp.ArcStart[p] < pp.Need[p])
                return true;
        }

        return false;
    }

    /// <summary>Called when the min-cost flow is infeasible: finds the bottleneck by max flow and its minimum cut.</summary>
    public static Infeasibility Explain(PreparedProblem pp, CancellationToken cancellationToken)
    {
        return ExplainCoverage(pp, cancellationToken)
            ?? ExplainMinimumLoads(pp, cancellationToken)
            ?? throw new InvalidOperationException("The flow was reported infeasible, but both explaining flows are feasible.");
    }

    /// <summary>
    /// Coverage network: source → proposal (k − fixed), proposal → reviewer (1 per candidate), reviewer → sink (room left).
    /// If its maximum flow is short, the source side X of the minimum cut is the bottleneck: the proposals in X need
    /// Σ need, and each reviewer r can give them at most min(room(r), number of those proposals r may review).
    /// </summary>
    private static Infeasibility? ExplainCoverage(PreparedProblem pp, CancellationToken cancellationToken)
    {
        int n = pp.N, m = pp.M, source = n + m, sink = n + m + 1;
        var network = new FlowNetwork(n + m + 2, pp.ArcCount + n + m);
        for (var a = 0; a < pp.ArcCount; a++)
        {
            network.Add(pp.ArcProposal[a], n + pp.ArcReviewer[a], 1);
        }

        for (var p = 0; p < n; p++)
        {
            network.Add(source, p, pp.Need[p]);
        }

        for (var r = 0; r < m; r++)
        {
            network.Add(n + r, sink, pp.MaxRemaining[r]);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var (maxFlow, side) = network.Run(source, sink);
        var missing = pp.RemainingRequired - maxFlow;
        if (missing <= 0)
        {
            return null;
        }

        var bottleneck = Enumerable.Range(0, n).Where(p => side[p] && pp.Need[p] > 0).ToList();
        var inBottleneck = new bool[n];
        bottleneck.ForEach(p => inBottleneck[p] = true);
        var saturated = Enumerable.Range(0, m).Where(r => side[n + r]).ToList();

        // What each reviewer can give the bottleneck: min(room, number of its proposals the reviewer may review).
        var reach = new int[m];
        var availableWithRoom = new int[n];
        for (var a = 0; a < pp.ArcCount; a++)
        {
            var p = pp.ArcProposal[a];
            var r = pp.ArcReviewer[a];
            if (pp.MaxRemaining[r] > 0)
            {
                availableWithRoom[p]++;
            }

            if (inBottleneck[p])
            {
                reach[r]++;
            }
        }

        long needed = bottleneck.Sum(p => (long)pp.Need[p]);
        long canGet = Enumerable.Range(0, m).Sum(r => (long)Math.Min(Math.Max(0, pp.MaxRemaining[r]), reach[r]));
        var shortfalls = bottleneck
            .Select(p => new ProposalShortfall(p, pp.FixedCount[p] + availableWithRoom[p], pp.K))
            .OrderByDescending(s => s.ShortOnItsOwn).ThenBy(s => s.Available).ThenBy(s => s.Proposal)
            .ToList();
        var alone = shortfalls.Where(s => s.ShortOnItsOwn).ToList();

        var sentences = new List<string>();
        if (pp.Capacity < pp.Required)
        {
            sentences.Add($"Total capacity {pp.Capacity} < required {pp.Required} ({pp.N} proposals × {pp.K} reviewers): raise the maximum loads or add committee members.");
        }

        if (alone.Count > 0)
        {
            sentences.Add($"{Count(alone.Count, "proposal has", "proposals have")} fewer than {pp.K} conflict-free reviewers with room left: "
                + Names(alone, s => $"{pp.ProposalLabel(s.Proposal)} ({s.Available})") + ".");
        }

        var explainedAlone = alone.Sum(s => (long)(s.Needed - s.Available));
        if (explainedAlone < missing && pp.Capacity >= pp.Required)
        {
            sentences.Add($"Together, {Count(bottleneck.Count, "proposal", "proposals")} ({Names(bottleneck, pp.ProposalLabel)}) need {needed} more reviews "
                + $"but can get at most {canGet}: each of their conflict-free reviewers gives at most one review per proposal and no more than their room left"
                + (saturated.Count > 0 ? $"; {Count(saturated.Count, "of them is", "of them are")} at their maximum load ({Names(saturated, pp.ReviewerLabel)})." : "."));
        }

        sentences.Add($"In all, {Count(missing, "review cannot", "reviews cannot")} be placed.");
        return new Infeasibility(string.Join(' ', sentences), shortfalls, saturated, pp.Required, pp.Capacity)
        {
            MissingReviews = missing,
            MinimumLoadDemand = pp.MinimumLoadDemand,
        };
    }

    /// <summary>
    /// Minimum-load network (lower bounds by the usual transformation): source → proposal (k − fixed), proposal → reviewer
    /// (1), reviewer → demand (min remaining), reviewer → overflow (max − min), overflow → demand (required − Σ min). A
    /// feasible assignment exists iff the maximum flow saturates everything. When coverage alone is feasible, the sink side
    /// U of the minimum cut is a set of reviewers whose minimum loads exceed what their proposals can give them: at most
    /// Σ over proposals of min(k − fixed, number of U-reviewers it may have).
    /// </summary>
    private static Infeasibility? ExplainMinimumLoads(PreparedProblem pp, CancellationToken cancellationToken)
    {
        int n = pp.N, m = pp.M, source = n + m, demand = n + m + 1, overflow = n + m + 2;
        var network = new FlowNetwork(n + m + 3, pp.ArcCount + n + 2 * m + 1);
        for (var a = 0; a < pp.ArcCount; a++)
        {
            network.Add(pp.ArcProposal[a], n + pp.ArcReviewer[a], 1);
        }

        for (var p = 0; p < n; p++)
        {
            network.Add(source, p, pp.Need[p]);
        }

        for (var r = 0; r < m; r++)
        {
            network.Add(n + r, demand, pp.MinRemaining[r]);
            network.Add(n + r, overflow, pp.MaxRemaining[r] - pp.MinRemaining[r]);
        }

        network.Add(overflow, demand, pp.RemainingRequired - pp.MinRemainingTotal);
        cancellationToken.ThrowIfCancellationRequested();
        var (maxFlow, side) = network.Run(source, demand);
        var missing = pp.RemainingRequired - maxFlow;
        if (missing <= 0)
        {
            return null;
        }

        var under = Enumerable.Range(0, m).Where(r => !side[n + r] && pp.MinRemaining[r] > 0).ToList();
        var inUnder = new bool[m];
        under.ForEach(r => inUnder[r] = true);
        var reach = new int[n];
        var proposalsFor = new int[m];
        for (var a = 0; a < pp.ArcCount; a++)
        {
            if (pp.Need[pp.ArcProposal[a]] > 0)
            {
                proposalsFor[pp.ArcReviewer[a]]++;
            }

            if (inUnder[pp.ArcReviewer[a]])
            {
                reach[pp.ArcProposal[a]]++;
            }
        }

        long needed = under.Sum(r => (long)pp.MinRemaining[r]);
        long canGet = Enumerable.Range(0, n).Sum(p => (long)Math.Min(pp.Need[p], reach[p]));
        var shortfalls = under
            .Select(r => new ReviewerShortfall(r, pp.FixedLoad[r] + proposalsFor[r], pp.Problem.MinLoad[r]))
            .OrderByDescending(s => s.Available < s.Needed).ThenBy(s => s.Available).ThenBy(s => s.Reviewer)
            .ToList();
        var alone = shortfalls.Where(s => s.Available < s.Needed).ToList();

        var sentences = new List<string>();
        if (alone.Count > 0)
        {
            sentences.Add($"{Count(alone.Count, "reviewer", "reviewers")} may review fewer proposals than their minimum load: "
                + Names(alone, s => $"{pp.ReviewerLabel(s.Reviewer)} ({s.Available} < {s.Needed})") + ".");
        }

        if (alone.Sum(s => (long)(s.Needed - s.Available)) < missing)
        {
            sentences.Add($"Together, {Count(under.Count, "reviewer", "reviewers")} ({Names(under, pp.ReviewerLabel)}) must take at least {needed} more reviews "
                + $"(their minimum loads) but the proposals they may review can give them at most {canGet} (each its {pp.K} reviewers, one per reviewer).");
        }

        sentences.Add($"In all, {Count(missing, "review is", "reviews are")} missing for the minimum loads: lower them or remove conflicts.");
        return new Infeasibility(string.Join(' ', sentences), [], [], pp.Required, pp.Capacity)
        {
            UnderloadedReviewers = shortfalls,
            MissingReviews = missing,
            MinimumLoadDemand = pp.MinimumLoadDemand,
        };
    }

    private static string Count(long count, string one, string many) => count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);

    private static string Names<T>(IReadOnlyList<T> items, Func<T, string> name)
    {
        var shown = string.Join(", ", items.Take(NamesShown).Select(name));
        return items.Count > NamesShown ? $"{shown} and {items.Count - NamesShown} more" : shown;
    }
}
