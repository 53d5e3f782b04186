namespace ReviewPortal.Domain.Committee;

public enum AssignmentRunMode
{
    /// <summary>Maximise the total of bid weight and affinity.</summary>
    Total = 0,
    /// <summary>First maximise the worst-served proposal, then the total.</summary>
    Fair = 1,
}

public enum AssignmentRunStatus
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,
    Infeasible = 3,
    Failed = 4,
}

/// <summary>
/// One automatic assignment: a preview that never touches the live assignments until the chair applies it.
/// The job writes status, progress and the result here; the chair's page polls it.
/// </summary>
public class AssignmentRun
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TrackId { get; set; }
    public AssignmentRunMode Mode { get; set; }
    public int ReviewersPerProposal { get; set; }
    public AssignmentRunStatus Status { get; set; } = AssignmentRunStatus.Queued;
    /// <summary>0 to 1.</summary>
    public double Progress { get; set; }
    /// <summary>What the solver is doing now, in the chair's words.</summary>
    public string? Stage { get; set; }
    public double? Objective { get; set; }
    public double? Bound { get; set; }
    public double? WorstProposalAffinity { get; set; }
    /// <summary>Why it is infeasible or failed, in the chair's words.</summary>
    public string? Explanation { get; set; }
    public List<ProposedAssignment> Assignments { get; set; } = [];
    public List<MemberLoad> Loads { get; set; } = [];
    public Guid RequestedById { get; set; }
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset? StartedUtc { get; set; }
    public DateTimeOffset? FinishedUtc { get; set; }
    public DateTimeOffset? AppliedUtc { get; set; }
    public DateTimeOffset? DiscardedUtc { get; set; }
    /// <summary>Solve time in milliseconds, for the chair and the benchmarks.</summary>
    public long? SolveMilliseconds { get; set; }
    /// <summary>
    /// SHA-256 (hex) of what the run was computed from: the proposals under review, the active members, the active
    /// conflicts and the live assignments of the track. Applying compares it with the track as it is then, so a run
    /// computed before a manual change or a new conflict cannot overwrite it.
    /// </summary>
    public string? InputFingerprint { get; set; }
    /// <summary>Concurrency token (PostgreSQL xmin): apply and discard cannot race.</summary>
    public uint Version { get; set; }

    public bool IsFinished => Status is AssignmentRunStatus.Succeeded or AssignmentRunStatus.Infeasible or AssignmentRunStatus.Failed;
}

/// <summary>One pair of a run's result (stored as JSON on the run).</summary>
public class ProposedAssignment
{
    public Guid ProposalId { get; set; }
    public Guid PersonId { get; set; }
    public double Affinity { get; set; }
    /// <summary>Kept from the current manual assignment rather than chosen by the solver.</summary>
    public bool Kept { get; set; }
}

/// <summary>A member's number of assignments in a run's result.</summary>
public class MemberLoad
{
    public Guid PersonId { get; set; }
    public int Count { get; set; }
}
