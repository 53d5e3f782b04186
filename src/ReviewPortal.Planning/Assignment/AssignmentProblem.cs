namespace ReviewPortal.Planning.Assignment;

/// <summary>What the solver optimises (see docs/assignment.md).</summary>
public enum AssignmentMode
{
    /// <summary>Maximise the total score of all assigned pairs (min-cost flow, exact).</summary>
    Total,

    /// <summary>First maximise the worst-served proposal's score (sum over its k reviewers), then the total under that (CP-SAT).</summary>
    Fair,
}

/// <summary>How far the solver got.</summary>
public enum AssignmentOutcome
{
    /// <summary>Proven optimal for the whole problem (Total: always when feasible; Fair: both phases proven).</summary>
    Optimal,

    /// <summary>A valid assignment whose optimality is not proven (Fair mode stopped at its time limit, or ran on a reduced candidate set); <see cref="AssignmentSolution.Bound"/> says how far it can be from the optimum.</summary>
    Feasible,

    /// <summary>No assignment satisfies the hard constraints; <see cref="AssignmentSolution.Infeasibility"/> says why.</summary>
    Infeasible,
}

/// <summary>An allowed (conflict-free) proposal/reviewer pair. Conflicted pairs are simply absent.</summary>
/// <param name="Proposal">Proposal index, 0 ≤ Proposal &lt; ProposalCount.</param>
/// <param name="Reviewer">Reviewer index, 0 ≤ Reviewer &lt; ReviewerCount.</param>
/// <param name="Score">Bid weight + weighted affinity (<see cref="BidWeights.Score"/>); higher is better, may be negative.</param>
public readonly record struct Candidate(int Proposal, int Reviewer, double Score);

/// <summary>
/// The plain input of one assignment run. Hard constraints: exactly <paramref name="ReviewersPerProposal"/> reviewers per
/// proposal, every reviewer's load within [MinLoad, MaxLoad], only candidate pairs (plus the fixed ones), fixed pairs kept.
/// </summary>
/// <param name="MinLoad">Per reviewer index; fixed pairs count towards it.</param>
/// <param name="MaxLoad">Per reviewer index; fixed pairs count towards it.</param>
/// <param name="Candidates">Allowed pairs with their scores. A pair listed twice counts once, with the higher score.</param>
/// <param name="Fixed">Existing manual assignments: kept, counted towards k and the loads, scored by their candidate entry if there is one (else 0).</param>
/// <param name="FairTimeLimit">Wall-clock budget of the CP-SAT phases in Fair mode (default 30 s); the flow always runs to optimality.</param>
/// <param name="ProposalLabels">Optional names used in the infeasibility summary (else "proposal #i").</param>
/// <param name="ReviewerLabels">Optional names used in the infeasibility summary (else "reviewer #i").</param>
public sealed record AssignmentProblem(
    int ProposalCount,
    int ReviewerCount,
    int ReviewersPerProposal,
    IReadOnlyList<int> MinLoad,
    IReadOnlyList<int> MaxLoad,
    IReadOnlyList<Candidate> Candidates,
    IReadOnlyList<(int Proposal, int Reviewer)> Fixed,
    AssignmentMode Mode = AssignmentMode.Total,
    TimeSpan? FairTimeLimit = null,
    IReadOnlyList<string>? ProposalLabels = null,
    IReadOnlyList<string>? ReviewerLabels = null);

/// <summary>The result of a run.</summary>
/// <param name="Pairs">All assigned pairs including the fixed ones, sorted by proposal then reviewer; empty when infeasible.</param>
/// <param name="Objective">Total score of <paramref name="Pairs"/>.</param>
/// <param name="Bound">
/// Total mode: the proven upper bound on <paramref name="Objective"/> (the flow optimum itself, so equal to it).
/// Fair mode: the proven upper bound on <paramref name="WorstProposalScore"/> (the best worst-served score any assignment can reach).
/// Null when infeasible.
/// </param>
/// <param name="WorstProposalScore">The smallest per-proposal score (sum over its k reviewers); null when infeasible or there are no proposals.</param>
public sealed record AssignmentSolution(
    AssignmentOutcome Outcome,
    IReadOnlyList<(int Proposal, int Reviewer)> Pairs,
    double Objective,
    double? Bound,
    double? WorstProposalScore,
    Infeasibility? Infeasibility)
{
    /// <summary>Fair mode: the flow (Total mode) optimum, an upper bound on <see cref="Objective"/>; Total mode: equal to <see cref="Bound"/>.</summary>
    public double? TotalBound { get; init; }

    /// <summary>Fair mode: the worst-served score of the Total-mode optimum, the starting point of the fairness phases.</summary>
    public double? TotalModeWorstProposalScore { get; init; }

    /// <summary>Fair mode: whether phase 1 (max-min) was proven optimal for the whole candidate set.</summary>
    public bool WorstProposalProven { get; init; }

    /// <summary>Fair mode: how many candidate pairs the CP-SAT phases saw (all of them, or the reduced set).</summary>
    public int FairCandidateCount { get; init; }

    /// <summary>One sentence on how the result was obtained and what is proven (for logs and the preview page).</summary>
    public string Method { get; init; } = "";
}

/// <summary>
/// Why no assignment exists, derived exactly (counting arguments or the minimum cut of the flow network).
/// The lists use indices; <see cref="Summary"/> is a sentence for the chair with the numbers.
/// </summary>
/// <param name="Proposals">The proposals of the bottleneck (the source side of the minimum cut), those that cannot be filled alone first.</param>
/// <param name="SaturatedReviewers">The bottleneck's reviewers that are at their maximum load.</param>
/// <param name="RequiredReviews">ProposalCount × k.</param>
/// <param name="Capacity">Sum of the maximum loads.</param>
public sealed record Infeasibility(
    string Summary,
    IReadOnlyList<ProposalShortfall> Proposals,
    IReadOnlyList<int> SaturatedReviewers,
    long RequiredReviews,
    long Capacity)
{
    /// <summary>Reviewers whose minimum load cannot be met (the sink side of the minimum-load cut).</summary>
    public IReadOnlyList<ReviewerShortfall> UnderloadedReviewers { get; init; } = [];

    /// <summary>Reviews that cannot be placed: required minus the maximum flow (0 for input errors such as too many fixed pairs).</summary>
    public long MissingReviews { get; init; }

    /// <summary>Sum over reviewers of max(MinLoad, fixed load): the reviews the minimum loads demand.</summary>
    public long MinimumLoadDemand { get; init; }
}

/// <summary>A proposal of the bottleneck: <paramref name="Available"/> conflict-free reviewers with room left (fixed ones included), needs <paramref name="Needed"/> (k).</summary>
public sealed record ProposalShortfall(int Proposal, int Available, int Needed)
{
    /// <summary>True when the proposal cannot be filled even if every other proposal gave way.</summary>
    public bool ShortOnItsOwn => Available < Needed;
}

/// <summary>A reviewer whose minimum load cannot be met: <paramref name="Available"/> proposals they may review, needs <paramref name="Needed"/> (their minimum load).</summary>
public sealed record ReviewerShortfall(int Reviewer, int Available, int Needed);

/// <summary>Progress of a run: <paramref name="Fraction"/> in [0, 1] and the stage in words.</summary>
public readonly record struct SolverProgress(double Fraction, string Stage);
