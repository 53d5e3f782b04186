using System.Diagnostics;
using System.Globalization;
using Google.OrTools.Sat;

namespace ReviewPortal.Planning.Assignment;

/// <summary>
/// Fair mode (docs/assignment.md, "Fairness"): phase 1 maximises t, the smallest per-proposal score (sum of the scores of
/// its k reviewers, fixed ones included; with exactly k reviewers each this ranks like the mean); phase 2 maximises the
/// total subject to every proposal scoring at least the t found. Both are CP-SAT models started from the optimal flow.
/// Small problems use every candidate and CP-SAT proves both phases. Large ones use a reduced candidate set (the flow's
/// arcs plus each proposal's best few), so CP-SAT's own bound is only about that set; the bound reported then is the
/// individual bound min over proposals of its best possible score, valid for the whole problem.
/// </summary>
internal static class FairAssignment
{
    /// <summary>CP-SAT needs integers: scores are scaled by this and rounded (the rounding is accounted for in the bound).</summary>
    public const double Scale = 10_000;

    /// <summary>Up to this many candidate pairs CP-SAT sees all of them (and its proofs hold for the whole problem).</summary>
    public const int FullCandidateLimit = 60_000;

    /// <summary>Reduced set: each proposal's best (k − fixed + this many) candidates, plus the flow's arcs.</summary>
    public const int ExtraCandidatesPerProposal = 6;

    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(30);


    public static AssignmentSolution Solve(
        PreparedProblem pp,
        int[] flowArcs,
        double totalBound,
        double? flowWorst,
        IProgress<SolverProgress>? progress,
        CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var limit = pp.Problem.FairTimeLimit ?? DefaultTimeLimit;
        if (pp.N == 0)
        {
            return new AssignmentSolution(AssignmentOutcome.Optimal, pp.Pairs([]), pp.Objective([]), null, null, null)
            {
                TotalBound = totalBound,
                WorstProposalProven = true,
                Method = "No proposals.",
            };
        }

        var full = pp.ArcCount <= FullCandidateLimit;
        var arcs = full ? [.. Enumerable.Range(0, pp.ArcCount)] : ReducedArcs(pp, flowArcs);
        var individualBound = IndividualBound(pp);

        var model = new FairModel(pp, arcs);
        model.Hint(flowArcs);

        // Phase 1: max-min.
        progress?.Report(new SolverProgress(0.2, "Fairness: phase 1 (worst-served proposal)"));
        var phase1Limit = limit * 0.6;
        model.MaximiseWorst(model.WorstScaled(flowArcs));
        var phase1 = model.Run(phase1Limit, progress, 0.2, 0.6, "Fairness: phase 1", cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var chosen = phase1.Chosen ?? flowArcs;
        var worstInt = model.WorstScaled(chosen);

        // The best worst-served score any assignment can reach: CP-SAT's bound holds for the whole problem only when it saw
        // every candidate; the individual bound always holds.
        var roundingSlack = pp.K * model.MaxRoundingError / Scale;
        var bound = individualBound;
        if (full && phase1.Bound is { } cpBound)
        {
            bound = Math.Min(bound, cpBound / Scale + roundingSlack);
        }

        // Phase 2: the best total among assignments at least as fair as phase 1's.
        var remaining = limit - watch.Elapsed;
        var phase2Proven = false;
        if (remaining > TimeSpan.FromMilliseconds(50) && !cancellationToken.IsCancellationRequested)
        {
            progress?.Report(new SolverProgress(0.6, "Fairness: phase 2 (total under the fairness floor)"));
            model.Hint(chosen);
            model.MaximiseTotalAtLeast(worstInt);
            // On a reduced set nothing is proven for the whole problem anyway; stop once within 0.01 % of CP-SAT's bound.
            var phase2 = model.Run(remaining, progress, 0.6, 0.95, "Fairness: phase 2", cancellationToken, full ? null : "relative_gap_limit:0.0001");
            cancellationToken.ThrowIfCancellationRequested();
            if (phase2.Chosen is { } better && model.WorstScaled(better) >= worstInt)
            {
                chosen = better;
                phase2Proven = phase2.Optimal;
            }
        }

        var scores = pp.ProposalScores(chosen);
        var worst = scores.Min();
        var worstProven = (full && phase1.Optimal) || worst >= individualBound - 1e-9;

        // Not proven on all candidates: CP-SAT's bound on max-min is often just its domain. The LP relaxation (CLP) is a
        // valid, usually much tighter bound. Only for full models: at 40,000 pairs it already takes seconds, after the limit.
        var boundFromLp = false;
        if (!worstProven && full && !cancellationToken.IsCancellationRequested)
        {
            progress?.Report(new SolverProgress(0.96, "Fairness: LP bound"));
            var lpBound = ReviewerAssignmentSolver.MaxMinLpBound(pp, cancellationToken);
            if (lpBound < bound)
            {
                bound = lpBound;
                boundFromLp = true;
            }
        }

        bound = Math.Max(bound, worst);
        // Proven on the scores rounded to 1/Scale (as Total mode is on its own scale); the bound carries the rounding slack.
        var proven = full && worstProven && phase2Proven;
        var objective = pp.Objective(chosen);
        progress?.Report(new SolverProgress(1, "Done"));
        return new AssignmentSolution(proven ? AssignmentOutcome.Optimal : AssignmentOutcome.Feasible, pp.Pairs(chosen), objective, bound, worst, null)
        {
            TotalBound = totalBound,
            TotalModeWorstProposalScore = flowWorst,
            WorstProposalProven = worstProven,
            FairCandidateCount = arcs.Length,
            Method = (full ? $"CP-SAT on all {arcs.Length} candidates" : $"CP-SAT on {arcs.Length} of {pp.ArcCount} candidates (flow arcs + best {ExtraCandidatesPerProposal} extra per proposal)")
                + $", started from the optimal flow: worst-served {worst:0.####} (bound {bound:0.####}{(boundFromLp ? " from the LP relaxation" : "")}, {(worstProven ? "proven" : "not proven")}), "
                + $"total {objective:0.####} (flow optimum {totalBound:0.####}{(proven ? ", both phases proven optimal" : "")}); {watch.Elapsed.TotalSeconds:0.###} s.",
        };
    }

    /// <summary>min over proposals of (fixed score + its best k − fixed candidates with room): no assignment's worst-served proposal scores more.</summary>
    private static double IndividualBound(PreparedProblem pp)
    {
        var bound = double.PositiveInfinity;
        var best = new List<double>();
        for (var p = 0; p < pp.N; p++)
        {
            best.Clear();
            for (var a = pp.ArcStart[p]; a < pp.ArcStart[p + 1]; a++)
            {
                if (pp.MaxRemaining[pp.ArcReviewer[a]] > 0)
                {
                    best.Add(pp.ArcScore[a]);
                }
            }

            best.Sort((x, y) => y.CompareTo(x));
            bound = Math.Min(bound, pp.FixedScore[p] + best.Take(pp.Need[p]).Sum());
        }

        return bound;
    }

    private static int[] ReducedArcs(PreparedProblem pp, int[] flowArcs)
    {
        var keep = new bool[pp.ArcCount];
        foreach (var a in flowArcs)
        {
            keep[a] = true;
        }

        var order = new List<int>();
        for (var p = 0; p < pp.N; p++)
        {
            order.Clear();
            for (var a = pp.ArcStart[p]; a < pp.ArcStart[p + 1]; a++)
            {
                if (pp.MaxRemaining[pp.ArcReviewer[a]] > 0)
                {
                    order.Add(a);
                }
            }

            order.Sort((x, y) => pp.ArcScore[y].CompareTo(pp.ArcScore[x]));
            foreach (var a in order.Take(pp.Need[p] + ExtraCandidatesPerProposal))
            {
                keep[a] = true;
            }
        }

        return [.. Enumerable.Range(0, pp.ArcCount).Where(a => keep[a])];
    }

    private sealed record PhaseResult(int[]? Chosen, bool Optimal, double? Bound);

    /// <summary>The CP-SAT model over a set of arcs: one Boolean per arc, exactly k − fixed per proposal, loads in range.</summary>
    private sealed class FairModel
    {
        private readonly PreparedProblem _pp;
        private readonly int[] _arcs;
        private readonly long[] _scaled;
        private readonly long[] _fixedScaled;
        private readonly CpModel _model = new();
        private readonly BoolVar[] _x;
        private readonly LinearExpr[] _proposalScore;
        private readonly List<int>[] _byProposal;
        private IntVar? _worst;

        public FairModel(PreparedProblem pp, int[] arcs)
        {
            _pp = pp;
            _arcs = arcs;
            _scaled = [.. arcs.Select(a => (long)Math.Round(pp.ArcScore[a] * Scale))];
            _fixedScaled = [.. pp.FixedScore.Select(s => (long)Math.Round(s * Scale))];
            MaxRoundingError = arcs.Select(a => pp.ArcScore[a] * Scale).Concat(pp.FixedScore.Select(s => s * Scale))
                .Select(v => Math.Abs(v - Math.Round(v))).DefaultIfEmpty(0).Max();
            if (MaxRoundingError < 1e-6)
            {
                MaxRoundingError = 0;
            }

            _x = [.. arcs.Select(_ => _model.NewBoolVar(""))];
            var byProposal = _byProposal = new List<int>[pp.N];
            var byReviewer = new List<int>[pp.M];
            for (var i = 0; i < arcs.Length; i++)
            {
                (byProposal[pp.ArcProposal[arcs[i]]] ??= []).Add(i);
                (byReviewer[pp.ArcReviewer[arcs[i]]] ??= []).Add(i);
            }

            _proposalScore = new LinearExpr[pp.N];
            for (var p = 0; p < pp.N; p++)
            {
                var items = byProposal[p] ??= [];
                _model.Add(LinearExpr.Sum(items.Select(i => _x[i])) == pp.Need[p]);
                _proposalScore[p] = LinearExpr.WeightedSum(items.Select(i => _x[i]), items.Select(i => _scaled[i])) + _fixedScaled[p];
            }

            for (var r = 0; r < pp.M; r++)
            {
                var items = byReviewer[r] ?? [];
                _model.AddLinearConstraint(LinearExpr.Sum(items.Select(i => _x[i])), pp.MinRemaining[r], pp.MaxRemaining[r]);
            }
        }

        public double MaxRoundingError { get; }

        public void Hint(IEnumerable<int> chosenArcs)
        {
            var chosen = chosenArcs.ToHashSet();
            _model.ClearHints();
            for (var i = 0; i < _arcs.Length; i++)
            {
                _model.AddHint(_x[i], chosen.Contains(_arcs[i]));
            }
        }

        public long WorstScaled(IEnumerable<int> chosenArcs)
        {
            var scores = (long[])_fixedScaled.Clone();
            var index = new Dictionary<int, int>(_arcs.Length);
            for (var i = 0; i < _arcs.Length; i++)
            {
                index[_arcs[i]] = i;
            }

            foreach (var a in chosenArcs)
            {
                scores[_pp.ArcProposal[a]] += index.TryGetValue(a, out var i) ? _scaled[i] : (long)Math.Round(_pp.ArcScore[a] * Scale);
            }

            return scores.Length == 0 ? 0 : scores.Min();
        }

        /// <summary>Phase 1's objective; <paramref name="reachable"/> (a feasible assignment's worst score) is its lower bound.</summary>
        public void MaximiseWorst(long reachable)
        {
            // A tight domain helps CP-SAT: no proposal can beat its own best k − fixed candidates of this model.
            var high = long.MaxValue;
            for (var p = 0; p < _pp.N; p++)
            {
                var best = _byProposal[p].Select(i => _scaled[i]).OrderDescending().Take(_pp.Need[p]).Sum();
                high = Math.Min(high, _fixedScaled[p] + best);
            }

            _worst = _model.NewIntVar(Math.Min(reachable, high), high, "worst");
            foreach (var score in _proposalScore)
            {
                _model.Add(score >= _worst);
            }

            _model.Maximize(_worst);
        }

        public void MaximiseTotalAtLeast(long worst)
        {
            if (_worst is not null)
            {
                _model.Add(_worst >= worst);
            }

            _model.Maximize(LinearExpr.WeightedSum(_x, _scaled));
        }

        public PhaseResult Run(TimeSpan limit, IProgress<SolverProgress>? progress, double from, double to, string stage, CancellationToken cancellationToken, string? extraParameters = null)
        {
            using var solver = new CpSolver
            {
                // Always at least two workers: one worker finds little on these models (DESIGN.md).
                StringParameters = string.Create(CultureInfo.InvariantCulture, $"num_workers:{Math.Max(2, Math.Min(8, Environment.ProcessorCount))}, max_time_in_seconds:{Math.Max(0.05, limit.TotalSeconds):0.###}")
                    + (extraParameters is null ? "" : ", " + extraParameters),
            };
            using var stop = cancellationToken.Register(solver.StopSearch);
            using var callback = new ProgressCallback(progress, from, to, stage, limit);
            var status = solver.Solve(_model, callback);
            if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
            {
                return new PhaseResult(null, false, null);
            }

            var chosen = new List<int>();
            for (var i = 0; i < _arcs.Length; i++)
            {
                if (solver.BooleanValue(_x[i]))
                {
                    chosen.Add(_arcs[i]);
                }
            }

            return new PhaseResult([.. chosen], status == CpSolverStatus.Optimal, Math.Floor(solver.BestObjectiveBound + 1e-6));
        }
    }

    private sealed class ProgressCallback(IProgress<SolverProgress>? progress, double from, double to, string stage, TimeSpan limit) : CpSolverSolutionCallback
    {
        public override void OnSolutionCallback()
        {
            var fraction = limit.TotalSeconds <= 0 ? 1 : Math.Min(1, WallTime() / limit.TotalSeconds);
            progress?.Report(new SolverProgress(from + (to - from) * fraction, $"{stage}: objective {ObjectiveValue() / Scale:0.####}, bound {BestObjectiveBound() / Scale:0.####}"));
        }
    }
}
