using System.Runtime.CompilerServices;

namespace ReviewPortal.Planning.Assignment;

/// <summary>
/// The problem validated and reduced to what the models need: candidate arcs deduplicated, sorted by proposal, fixed
/// pairs taken out; remaining demand per proposal and remaining load window per reviewer.
/// </summary>
internal sealed class PreparedProblem
{
    /// <summary>Scores are limited so that scaled integer costs stay far from overflow inside OR-Tools.</summary>
    public const double MaxAbsScore = 1_000;

    private PreparedProblem(AssignmentProblem problem)
    {
        Problem = problem;
        N = problem.ProposalCount;
        M = problem.ReviewerCount;
        K = problem.ReviewersPerProposal;
    }

    public AssignmentProblem Problem { get; }

    public int N { get; }

    public int M { get; }

    public int K { get; }

    /// <summary>Reviews still to place per proposal: k − fixed (negative when too many fixed pairs).</summary>
    public int[] Need { get; private set; } = [];

    public int[] FixedCount { get; private set; } = [];

    public int[] FixedLoad { get; private set; } = [];

    /// <summary>max(0, MinLoad − fixed load).</summary>
    public int[] MinRemaining { get; private set; } = [];

    /// <summary>MaxLoad − fixed load (negative when too many fixed pairs).</summary>
    public int[] MaxRemaining { get; private set; } = [];

    /// <summary>Candidate arcs (fixed pairs excluded), sorted by proposal then reviewer; arcs of proposal p are [ArcStart[p], ArcStart[p+1]).</summary>
    public int[] ArcProposal { get; private set; } = [];

    public int[] ArcReviewer { get; private set; } = [];

    public double[] ArcScore { get; private set; } = [];

    public int[] ArcStart { get; private set; } = [];

    /// <summary>Sum of the fixed pairs' scores per proposal (a fixed pair with no candidate entry scores 0).</summary>
    public double[] FixedScore { get; private set; } = [];

    public (int Proposal, int Reviewer)[] FixedPairs { get; private set; } = [];

    public int ArcCount => ArcProposal.Length;

    public long Required => (long)N * K;

    public long RemainingRequired { get; private set; }

    public long Capacity { get; private set; }

    /// <summary>Σ max(MinLoad, fixed load).</summary>
    public long MinimumLoadDemand { get; private set; }

    public long MinRemainingTotal { get; private set; }

    public string ProposalLabel(int p) => Problem.ProposalLabels is { } labels && p < labels.Count ? labels[p] : $"proposal #{p}";

    public string ReviewerLabel(int r) => Problem.ReviewerLabels is { } labels && r < labels.Count ? labels[r] : $"reviewer #{r}";

    public static PreparedProblem From(AssignmentProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentOutOfRangeException.ThrowIfNegative(problem.ProposalCount, nameof(problem.ProposalCount));
        ArgumentOutOfRangeException.ThrowIfNegative(problem.ReviewerCount, nameof(problem.ReviewerCount));
        ArgumentOutOfRangeException.ThrowIfNegative(problem.ReviewersPerProposal, nameof(problem.ReviewersPerProposal));
        ArgumentNullException.ThrowIfNull(problem.MinLoad, nameof(problem.MinLoad));
        ArgumentNullException.ThrowIfNull(problem.MaxLoad, nameof(problem.MaxLoad));
        ArgumentNullException.ThrowIfNull(problem.Candidates, nameof(problem.Candidates));
        ArgumentNullException.ThrowIfNull(problem.Fixed, nameof(problem.Fixed));
        if (problem.MinLoad.Count != problem.ReviewerCount || problem.MaxLoad.Count != problem.ReviewerCount)
        {
            throw new ArgumentException($"MinLoad and MaxLoad need one entry per reviewer ({problem.ReviewerCount}).", nameof(problem));
        }

        var prepared = new PreparedProblem(problem);
        prepared.Prepare();
        return prepared;
    }

    private void Prepare()
    {
        var problem = Problem;
        for (var r = 0; r < M; r++)
        {
            if (problem.MinLoad[r] < 0 || problem.MinLoad[r] > problem.MaxLoad[r])
            {
                throw new ArgumentException($"Reviewer {r}: loads need 0 ≤ min ≤ max (got {problem.MinLoad[r]}..{problem.MaxLoad[r]}).", nameof(problem));
            }
        }

        FixedCount = new int[N];
        FixedLoad = new int[M];
        var fixedKeys = new HashSet<long>();
        foreach (var (p, r) in problem.Fixed)
        {
            CheckIndices(p, r, "Fixed pair");
            if (!fixedKeys.Add(Key(p, r)))
            {
                throw new ArgumentException($"Fixed pair ({p}, {r}) is listed twice.", nameof(problem));
            }

            FixedCount[p]++;
            FixedLoad[r]++;
        }

        FixedPairs = [.. problem.Fixed.OrderBy(f => f.Proposal).ThenBy(f => f.Reviewer)];
        FixedScore = new double[N];
        BuildArcs(fixedKeys);

        Need = new int[N];
        for (var p = 0; p < N; p++)
        {
            Need[p] = K - FixedCount[p];
            RemainingRequired += Need[p];
        }

        MinRemaining = new int[M];
        MaxRemaining = new int[M];
        for (var r = 0; r < M; r++)
        {
            MinRemaining[r] = Math.Max(0, problem.MinLoad[r] - FixedLoad[r]);
            MaxRemaining[r] = problem.MaxLoad[r] - FixedLoad[r];
            Capacity += problem.MaxLoad[r];
            MinimumLoadDemand += Math.Max(problem.MinLoad[r], FixedLoad[r]);
            MinRemainingTotal += MinRemaining[r];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BuildArcs(HashSet<long> fixedKeys)
    {
        var candidates = Problem.Candidates;
        var count = candidates.Count;
        var sorted = true;
        var previous = -1L;
        for (var i = 0; i < count; i++)
        {
            var c = candidates[i];
            CheckIndices(c.Proposal, c.Reviewer, "Candidate");
            if (!double.IsFinite(c.Score) || Math.Abs(c.Score) > MaxAbsScore)
            {
                throw new ArgumentException($"Candidate ({c.Proposal}, {c.Reviewer}): the score must be finite and within ±{MaxAbsScore} (got {c.Score}).");
            }

            var key = Key(c.Proposal, c.Reviewer);
            sorted &= key > previous;
            previous = key;
        }

        // Callers usually list candidates per proposal already: then no sort (and no copy of 6 M keys) is needed.
        var order = sorted ? [] : SortedOrder(candidates);

        // Arrays of the final size (trimmed only if duplicates or fixed pairs were dropped): at 6 M arcs, lists plus
        // copies would double the peak memory.
        var arcProposal = new int[count];
        var arcReviewer = new int[count];
        var arcScore = new double[count];
        var kept = 0;
        var fixedBest = new Dictionary<long, (int Proposal, double Score)>();
        var lastKey = -1L;
        var anyFixed = fixedKeys.Count > 0;
        for (var i = 0; i < count; i++)
        {
            var c = candidates[sorted ? i : order[i]];
            var key = Key(c.Proposal, c.Reviewer);
            if (anyFixed && fixedKeys.Contains(key))
            {
                // A fixed pair is no decision; its score only counts towards its proposal.
                fixedBest[key] = fixedBest.TryGetValue(key, out var best) && best.Score >= c.Score ? best : (c.Proposal, c.Score);
                continue;
            }

            if (key == lastKey)
            {
                arcScore[kept - 1] = Math.Max(arcScore[kept - 1], c.Score);
                continue;
            }

            lastKey = key;
            arcProposal[kept] = c.Proposal;
            arcReviewer[kept] = c.Reviewer;
            arcScore[kept] = c.Score;
            kept++;
        }

        foreach (var (proposal, score) in fixedBest.Values)
        {
            FixedScore[proposal] += score;
        }

        if (kept < count)
        {
            Array.Resize(ref arcProposal, kept);
            Array.Resize(ref arcReviewer, kept);
            Array.Resize(ref arcScore, kept);
        }

        ArcProposal = arcProposal;
        ArcReviewer = arcReviewer;
        ArcScore = arcScore;
        ArcStart = new int[N + 1];
        foreach (var p in ArcProposal)
        {
            ArcStart[p + 1]++;
        }

        for (var p = 0; p < N; p++)
        {
            ArcStart[p + 1] += ArcStart[p];
        }
    }

    /// <summary>
    /// The candidates' indices sorted by (proposal, reviewer): two stable counting sorts, by reviewer and then by proposal,
    /// so O(candidates + proposals + reviewers) without comparisons (a comparison sort of 1 M keys cost more than
    /// everything else the explanation of an infeasible CVPR-size instance does). Duplicates stay next to each other.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int[] SortedOrder(IReadOnlyList<Candidate> candidates)
    {
        // The indices first, in one sequential pass: the counting passes then read small int arrays, not 24-byte records
        // through the list's interface in scattered order.
        var count = candidates.Count;
        var proposals = new int[count];
        var reviewers = new int[count];
        for (var i = 0; i < count; i++)
        {
            var c = candidates[i];
            proposals[i] = c.Proposal;
            reviewers[i] = c.Reviewer;
        }

        var byReviewer = new int[count];
        var slot = new int[M + 1];
        foreach (var r in reviewers)
        {
            slot[r + 1]++;
        }

        for (var r = 0; r < M; r++)
        {
            slot[r + 1] += slot[r];
        }

        for (var i = 0; i < count; i++)
        {
            byReviewer[slot[reviewers[i]]++] = i;
        }

        var order = reviewers; // reused: the reviewer indices are no longer needed
        slot = new int[N + 1];
        foreach (var p in proposals)
        {
            slot[p + 1]++;
        }

        for (var p = 0; p < N; p++)
        {
            slot[p + 1] += slot[p];
        }

        foreach (var i in byReviewer)
        {
            order[slot[proposals[i]]++] = i;
        }

        return order;
    }

    private void CheckIndices(int p, int r, string what)
    {
        if ((uint)p >= (uint)N || (uint)r >= (uint)M)
        {
            throw new ArgumentException($"{what} ({p}, {r}) is out of range ({N} proposals, {M} reviewers).");
        }
    }

    private static long Key(int p, int r) => ((long)p << 32) | (uint)r;

    /// <summary>Total score of a set of chosen arcs plus the fixed pairs.</summary>
    public double Objective(IEnumerable<int> arcs) => FixedScore.Sum() + arcs.Sum(a => ArcScore[a]);

    /// <summary>Per-proposal scores (fixed pairs included) of a set of chosen arcs.</summary>
    public double[] ProposalScores(IEnumerable<int> arcs)
    {
        var scores = (double[])FixedScore.Clone();
        foreach (var a in arcs)
        {
            scores[ArcProposal[a]] += ArcScore[a];
        }

        return scores;
    }

    /// <summary>The chosen arcs and the fixed pairs, sorted by proposal then reviewer.</summary>
    public IReadOnlyList<(int Proposal, int Reviewer)> Pairs(IEnumerable<int> arcs)
        => [.. arcs.Select(a => (ArcProposal[a], ArcReviewer[a])).Concat(FixedPairs).OrderBy(x => x.Item1).ThenBy(x => x.Item2)];

    /// <summary>The largest |s·scale − round(s·scale)| over the arcs: what rounding to integer costs can lose per arc, in scaled units.</summary>
    public double MaxRoundingError(double scale)
    {
        var max = 0.0;
        foreach (var s in ArcScore)
        {
            var scaled = s * scale;
            max = Math.Max(max, Math.Abs(scaled - Math.Round(scaled)));
        }

        // Scores given with fewer decimals than the scale are exact; floating noise below this is no real loss.
        return max < 1e-6 ? 0 : max;
    }
}
