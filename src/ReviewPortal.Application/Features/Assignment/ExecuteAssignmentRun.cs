using System.Diagnostics;
using System.Globalization;
using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Features.Conflicts;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Planning.Assignment;

namespace ReviewPortal.Application.Features.Assignment;

/// <summary>
/// The assignment job's work: claims a queued run, builds the problem from the database, solves it with progress
/// written to the run, and stores the preview (Succeeded), the explanation (Infeasible) or the reason (Failed).
/// Never touches the live assignments: the chair applies the preview.
/// </summary>
/// <remarks>
/// A request, not a command: progress commits while the solver runs, so it runs outside the one-transaction-per-command
/// behaviour; each write is its own short statement. Claiming is one conditional UPDATE, so a run queued twice (the
/// sweeper and the commit both queued it) runs once.
/// </remarks>
[SystemCommand]
public sealed record ExecuteAssignmentRun(Guid RunId) : IRequest<AssignmentRunStatus>;

public sealed partial class ExecuteAssignmentRunHandler(
    IApplicationDbContext db, ConflictDetection conflicts, TimeProvider clock, ILogger<ExecuteAssignmentRunHandler> logger)
    : IRequestHandler<ExecuteAssignmentRun, AssignmentRunStatus>
{
    /// <summary>The least time between two progress writes.</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    public async ValueTask<AssignmentRunStatus> Handle(ExecuteAssignmentRun request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Claiming is one conditional UPDATE that also returns what the job needs of the run (no second read).
        var running = nameof(AssignmentRunStatus.Running);
        var queued = nameof(AssignmentRunStatus.Queued);
        var reading = "Reading the proposals, the committee, the bids and the conflicts";
        var timing = new StageTiming();
        var claimed = await db.Database.SqlQuery<ClaimedRun>($"""
            UPDATE "AssignmentRuns" SET "Status" = {running}, "StartedUtc" = {now}, "Progress" = 0.02, "Stage" = {reading}
            WHERE "Id" = {request.RunId} AND "Status" = {queued}
            RETURNING "Id", "TrackId", "Mode", "ReviewersPerProposal"
            """).ToListAsync(cancellationToken);
        var sinceClaim = Stopwatch.StartNew();
        timing.Mark("claim");
        if (claimed.Count == 0)
            return await db.AssignmentRuns.Where(r => r.Id == request.RunId).Select(r => (AssignmentRunStatus?)r.Status)
                .SingleOrDefaultAsync(cancellationToken) ?? AssignmentRunStatus.Failed;

        var run = claimed[0];
        try
        {
            // Conflicts as the profiles and speakers say now (a profile edited since the last refresh counts).
            await conflicts.RefreshAsync(run.TrackId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            timing.Mark("conflicts");
            var inputs = await AssignmentInputs.ReadAsync(db, run.TrackId, withBids: true, cancellationToken);
            timing.Mark("read");
            // Said before the build, not after it: the affinity of every pair is this stage's work (at CVPR size, 14 M pairs).
            // The claim was the last write: progress is written no sooner than ProgressInterval after it, so a run that
            // takes less (every LPC-size run) writes no progress at all, only its result.
            var progress = new RunProgress(db, run.Id, sinceClaim);
            progress.Report(new SolverProgress(0, "Computing expertise affinity and candidates"));
            var mode = Enum.Parse<AssignmentRunMode>(run.Mode);
            var built = AssignmentProblemBuilder.Build(inputs, mode, run.ReviewersPerProposal);
            timing.Mark("build");

            var watch = Stopwatch.StartNew();
            var solution = await Task.Run(() => ReviewerAssignmentSolver.Solve(built.Problem, progress, cancellationToken), cancellationToken);
            if (solution.Outcome == AssignmentOutcome.Infeasible && built.Pruned)
            {
                // The best candidates admit no assignment; every pair may: solve the whole track (and explain on it).
                built = AssignmentProblemBuilder.Build(inputs, mode, run.ReviewersPerProposal, allPairs: true);
                solution = await Task.Run(() => ReviewerAssignmentSolver.Solve(built.Problem, progress, cancellationToken), cancellationToken);
            }
            watch.Stop();
            timing.Mark("solve");
            progress.Finish();
            var status = await StoreAsync(run.Id, built, solution, watch.ElapsedMilliseconds, inputs.Fingerprint(), timing, cancellationToken);
            LogTimed(logger, run.Id, status, timing.ToString());
            return status;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The server is stopping: hand the run back, so the sweeper starts it again on a node that runs.
            db.ChangeTracker.Clear();
            await db.AssignmentRuns.Where(r => r.Id == run.Id && r.Status == AssignmentRunStatus.Running).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, AssignmentRunStatus.Queued)
                .SetProperty(r => r.Progress, 0)
                .SetProperty(r => r.Stage, "Interrupted (the server stopped); it starts again within a minute"), CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, run.Id, run.TrackId);
            db.ChangeTracker.Clear();
            var reason = $"The assignment could not be computed: {ex.Message} Start a new run; if it fails again, the log has the details (run {run.Id}).";
            var finished = clock.GetUtcNow();
            await db.AssignmentRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, AssignmentRunStatus.Failed)
                .SetProperty(r => r.Explanation, reason.Length > 20_000 ? reason[..20_000] : reason)
                .SetProperty(r => r.Stage, "Failed")
                .SetProperty(r => r.FinishedUtc, finished), CancellationToken.None);
            return AssignmentRunStatus.Failed;
        }
    }

    /// <summary>
    /// Stores the result in one UPDATE of the run (no read of the row first, no entity per pair), while the run is still
    /// this job's (Running): a run handed back meanwhile keeps what the other job writes.
    /// </summary>
    private async Task<AssignmentRunStatus> StoreAsync(Guid runId, BuiltProblem built, AssignmentSolution solution, long solveMs,
        string fingerprint, StageTiming timing, CancellationToken cancellationToken)
    {
        var inputs = built.Inputs;
        AssignmentRunStatus status;
        string stage;
        string? explanation;
        double? objective = null, bound = null, worst = null;
        List<ProposedAssignment> assignments = [];
        List<MemberLoad> loads = [];
        if (solution.Outcome == AssignmentOutcome.Infeasible)
        {
            status = AssignmentRunStatus.Infeasible;
            stage = "No assignment is possible";
            explanation = Explain(solution.Infeasibility, built);
        }
        else
        {
            var manual = inputs.Assignments.Where(a => a.Source == AssignmentSource.Manual).Select(a => (a.ProposalId, a.PersonId)).ToHashSet();
            status = AssignmentRunStatus.Succeeded;
            stage = solution.Outcome == AssignmentOutcome.Optimal ? "Done: optimal" : "Done: the best found, within the bound shown";
            objective = solution.Objective;
            bound = solution.Bound;
            assignments = new List<ProposedAssignment>(solution.Pairs.Count);
            foreach (var pair in solution.Pairs)
            {
                var proposalId = inputs.Proposals[pair.Proposal].Id;
                var personId = inputs.Members[pair.Reviewer].PersonId;
                assignments.Add(new ProposedAssignment
                {
                    ProposalId = proposalId,
                    PersonId = personId,
                    Affinity = Math.Round(built.Affinity(pair.Proposal, pair.Reviewer), 6),
                    Kept = manual.Contains((proposalId, personId)),
                });
            }
            // One pass over the pairs (counting per member was members × pairs: 43 M steps at CVPR size).
            var counts = new int[inputs.Members.Count];
            foreach (var pair in solution.Pairs)
                counts[pair.Reviewer]++;
            loads = inputs.Members.Select((m, i) => new MemberLoad { PersonId = m.PersonId, Count = counts[i] }).ToList();
            // The worst-served proposal by the mean affinity of its reviewers (in [0, 1], easier to read than a score sum).
            worst = assignments.Count == 0 ? null
                : Math.Round(assignments.GroupBy(a => a.ProposalId).Min(g => g.Average(a => a.Affinity)), 6);
            explanation = string.IsNullOrEmpty(solution.Method) ? null
                : solution.Method.Length > 20_000 ? solution.Method[..20_000] : solution.Method;
        }

        // Stamped once the preview is built, so that FinishedUtc − StartedUtc covers all but the final write.
        var finished = clock.GetUtcNow();
        timing.Mark("preview");
        var stored = await db.AssignmentRuns.Where(r => r.Id == runId && r.Status == AssignmentRunStatus.Running).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Status, status)
            .SetProperty(r => r.Stage, stage)
            .SetProperty(r => r.Progress, 1)
            .SetProperty(r => r.Explanation, explanation)
            .SetProperty(r => r.Objective, objective)
            .SetProperty(r => r.Bound, bound)
            .SetProperty(r => r.WorstProposalAffinity, worst)
            .SetProperty(r => r.Assignments, assignments)
            .SetProperty(r => r.Loads, loads)
            .SetProperty(r => r.SolveMilliseconds, solveMs)
            .SetProperty(r => r.InputFingerprint, fingerprint)
            .SetProperty(r => r.FinishedUtc, finished), cancellationToken);
        timing.Mark("store");
        if (stored == 1)
            return status;
        // Handed back (the server was stopping) or swept meanwhile: whatever the run says now stands.
        return await db.AssignmentRuns.Where(r => r.Id == runId).Select(r => r.Status).SingleAsync(cancellationToken);
    }

    /// <summary>The solver's minimum-cut explanation in the chair's words: what is short, by how much, and what to do.</summary>
    public static string Explain(Infeasibility? why, BuiltProblem built)
    {
        if (why is null)
            return "No assignment satisfies the rules, and the solver gave no reason. Check the reviewers per proposal and the members' maximum loads.";
        var inputs = built.Inputs;
        var k = built.Problem.ReviewersPerProposal;
        var text = new StringBuilder(why.Summary.Trim());
        text.AppendLine().AppendLine();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Needed: {inputs.Proposals.Count} proposals × {k} reviewers = {why.RequiredReviews} reviews; the members' maximum loads add up to {why.Capacity}.");
        var shortOnes = why.Proposals.Where(p => p.ShortOnItsOwn).ToList();
        foreach (var p in shortOnes.Take(50))
            text.AppendLine(c, $"- \"{inputs.Proposals[p.Proposal].Title}\": {p.Available} conflict-free {(p.Available == 1 ? "member" : "members")}, needs {p.Needed}.");
        if (shortOnes.Count > 50)
            text.AppendLine(c, $"- and {shortOnes.Count - 50} more.");
        foreach (var r in why.UnderloadedReviewers.Take(20))
            text.AppendLine(c, $"- {inputs.Members[r.Reviewer].Name} may review {r.Available} proposals but must get at least {r.Needed}.");
        text.AppendLine();
        text.Append("What to do: ");
        if (why.Capacity < why.RequiredReviews)
            text.Append("raise the members' maximum loads, invite more members, or ask for fewer reviewers per proposal.");
        else if (shortOnes.Count > 0)
            text.Append("invite members without a conflict on these proposals, review the conflicts (lift those that do not hold), or ask for fewer reviewers per proposal.");
        else
            text.Append("raise the maximum loads of the members named above (they are full), invite more members, or ask for fewer reviewers per proposal.");
        var result = text.ToString();
        return result.Length > 20_000 ? result[..20_000] : result;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Assignment run {RunId} of track {TrackId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid runId, Guid trackId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Assignment run {RunId} {Status}: {Timing}")]
    private static partial void LogTimed(ILogger logger, Guid runId, AssignmentRunStatus status, string timing);

    /// <summary>
    /// Where a run's time went, for the log (and the bench's slow runs): milliseconds per stage since the claim, and the
    /// garbage collector's pauses and collections meanwhile.
    /// </summary>
    private sealed class StageTiming
    {
        private readonly long _start = Stopwatch.GetTimestamp();
        private readonly TimeSpan _pauses = GC.GetTotalPauseDuration();
        private readonly long _allocated = GC.GetTotalAllocatedBytes();
        private readonly int[] _collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        private readonly long _jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
        private readonly TimeSpan _jitTime = System.Runtime.JitInfo.GetCompilationTime();
        private readonly List<(string Stage, double Ms, long Bytes)> _marks = [];
        private long _last = Stopwatch.GetTimestamp();
        private long _lastAllocated = GC.GetTotalAllocatedBytes();

        public void Mark(string stage)
        {
            var now = Stopwatch.GetTimestamp();
            var allocated = GC.GetTotalAllocatedBytes();
            _marks.Add((stage, Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds, allocated - _lastAllocated));
            _last = now;
            _lastAllocated = allocated;
        }

        public override string ToString()
        {
            var c = CultureInfo.InvariantCulture;
            var stages = string.Join(", ", _marks.Select(m => string.Create(c, $"{m.Stage} {m.Ms:0.0} ms/{m.Bytes / 1024} kB")));
            int[] collected = [GC.CollectionCount(0) - _collections[0], GC.CollectionCount(1) - _collections[1], GC.CollectionCount(2) - _collections[2]];
            var collections = string.Join('/', collected);
            // The last collection's shape says why a pause was long (a big heap to mark, much promoted, compacting).
            var last = GC.GetGCMemoryInfo(GCKind.Any);
            var lastGc = collected[0] == 0 ? "" : string.Create(c, // every collection counts in gen0
                $" (the last: gen{last.Generation}{(last.Concurrent ? " background" : "")}{(last.Compacted ? " compacting" : "")}, heap {last.HeapSizeBytes / 1048576.0:0.0} MB, promoted {last.PromotedBytes / 1048576.0:0.00} MB, pinned {last.PinnedObjectsCount})");
            // Methods compiled meanwhile (tiering up to optimised code runs on a background thread, on the same two cores).
            var jit = string.Create(c, $"{System.Runtime.JitInfo.GetCompiledMethodCount() - _jitted} methods jitted in {(System.Runtime.JitInfo.GetCompilationTime() - _jitTime).TotalMilliseconds:0.0} ms");
            return string.Create(c, $"{Stopwatch.GetElapsedTime(_start).TotalMilliseconds:0.0} ms ({stages}); {(GC.GetTotalAllocatedBytes() - _allocated) / 1048576.0:0.0} MB allocated (the whole process), GC pauses {(GC.GetTotalPauseDuration() - _pauses).TotalMilliseconds:0.0} ms, collections {collections}{lastGc}; {jit}");
        }
    }

    /// <summary>The claimed run's columns the job needs (read back by the claim's RETURNING).</summary>
    private sealed record ClaimedRun(Guid Id, Guid TrackId, string Mode, int ReviewersPerProposal);

    /// <summary>
    /// Writes the solver's progress to the run, at most every <see cref="ProgressInterval"/> counted from the last write
    /// (the claim's at first), each write its own statement.
    /// </summary>
    private sealed class RunProgress(IApplicationDbContext db, Guid runId, Stopwatch sinceWrite) : IProgress<SolverProgress>
    {
        // Building the problem takes the first 10 %, storing the last 5 %.
        private const double Start = 0.10, End = 0.95;
        private readonly Stopwatch _sinceWrite = sinceWrite;
        private readonly Lock _lock = new();

        public void Report(SolverProgress value)
        {
            lock (_lock)
            {
                if (_sinceWrite.Elapsed < ProgressInterval)
                    return;
                Write(Start + (End - Start) * Math.Clamp(value.Fraction, 0, 1), value.Stage);
            }
        }

        /// <summary>The solve is over: "Storing the result", unless the last write was too recent (the result follows at once then).</summary>
        public void Finish()
        {
            lock (_lock)
            {
                if (_sinceWrite.Elapsed >= ProgressInterval)
                    Write(End, "Storing the result");
            }
        }

        private void Write(double fraction, string stage)
        {
            var text = string.IsNullOrWhiteSpace(stage) ? "Solving" : stage.Length > 200 ? stage[..200] : stage;
            db.AssignmentRuns.Where(r => r.Id == runId && r.Status == AssignmentRunStatus.Running)
                .ExecuteUpdate(u => u.SetProperty(r => r.Progress, fraction).SetProperty(r => r.Stage, text));
            _sinceWrite.Restart();
        }
    }
}
