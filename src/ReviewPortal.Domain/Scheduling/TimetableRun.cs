namespace ReviewPortal.Domain.Scheduling;

public enum TimetableRunStatus
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,
    Infeasible = 3,
    Failed = 4,
}

/// <summary>One placement of a run's result (stored as JSON on the run).</summary>
public sealed class ProposedSlot
{
    public Guid ProposalId { get; set; }
    public string Room { get; set; } = "";
    public DateTimeOffset StartUtc { get; set; }
    public DateTimeOffset EndUtc { get; set; }
}

/// <summary>
/// One automatic scheduling of a track: a preview that never touches the working copy until the chair applies it.
/// The job writes status, progress and the result here; the chair's page polls it.
/// </summary>
public class TimetableRun
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TrackId { get; set; }
    /// <summary>Keep as close as possible to the published version (else to the working copy).</summary>
    public bool MinimalChange { get; set; }
    public TimetableRunStatus Status { get; set; } = TimetableRunStatus.Queued;
    /// <summary>0 to 1.</summary>
    public double Progress { get; set; }
    /// <summary>What the solver is doing now, in the chair's words.</summary>
    public string? Stage { get; set; }
    /// <summary>The penalty of the result (lower is better; see docs/timetabling.md).</summary>
    public double? Objective { get; set; }
    /// <summary>A proven lower bound of the penalty: the result is optimal when it equals <see cref="Objective"/>.</summary>
    public double? Bound { get; set; }
    /// <summary>Why no timetable exists, or why the run failed, in the chair's words.</summary>
    public string? Explanation { get; set; }
    public List<ProposedSlot> Slots { get; set; } = [];
    /// <summary>The working copy's <see cref="Timetable.Version"/> the run was computed from: applying refuses if it changed since.</summary>
    public int BasedOnVersion { get; set; }
    public Guid RequestedById { get; set; }
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset? StartedUtc { get; set; }
    public DateTimeOffset? FinishedUtc { get; set; }
    public DateTimeOffset? AppliedUtc { get; set; }
    public DateTimeOffset? DiscardedUtc { get; set; }
    public long? SolveMilliseconds { get; set; }
    /// <summary>Concurrency token (PostgreSQL xmin): apply and discard cannot race.</summary>
    public uint Version { get; set; }

    public bool IsFinished => Status is TimetableRunStatus.Succeeded or TimetableRunStatus.Infeasible or TimetableRunStatus.Failed;
}
