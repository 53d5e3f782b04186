using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Behaviours;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Common;
using ReviewPortal.Domain.Committee;

namespace ReviewPortal.Application.Features.Assignment;

/// <summary>
/// The chair starts an automatic assignment of the track: a run row (Queued) now, the job once the row is committed
/// (<see cref="AfterCommit"/>; if queuing fails, <see cref="RequeueQueuedAssignmentRuns"/> picks the run up).
/// <paramref name="ReviewersPerProposal"/> defaults to the track's setting.
/// </summary>
public sealed record StartAssignmentRun(Guid TrackId, AssignmentRunMode? Mode, int? ReviewersPerProposal) : ICommand<Guid>
{
    public const int MaxReviewersPerProposal = 20;
}

public sealed class StartAssignmentRunValidator : AbstractValidator<StartAssignmentRun>
{
    public StartAssignmentRunValidator()
    {
        RuleFor(x => x.TrackId).NotEmpty();
        RuleFor(x => x.Mode).NotNull().WithMessage("Choose a mode: Total or Fair.").IsInEnum().WithMessage("The mode must be Total or Fair.");
        RuleFor(x => x.ReviewersPerProposal).InclusiveBetween(1, StartAssignmentRun.MaxReviewersPerProposal)
            .WithMessage($"Reviewers per proposal must be between 1 and {StartAssignmentRun.MaxReviewersPerProposal}.");
    }
}

public sealed class StartAssignmentRunHandler(
    IApplicationDbContext db, TrackAccess access, ICurrentUser currentUser, AuditTrail audit, AfterCommit afterCommit,
    IAssignmentRunQueue queue, TimeProvider clock)
    : ICommandHandler<StartAssignmentRun, Guid>
{
    public async ValueTask<Guid> Handle(StartAssignmentRun command, CancellationToken cancellationToken)
    {
        var track = await access.ReadTrackForChairAsync(command.TrackId, cancellationToken);
        if (!track.IsInReviewPhase)
            throw new InvalidStateException("The review phase of this track has not started: start it first, so that the proposals are under review and members can bid.");
        var me = currentUser.Id ?? throw new UnauthenticatedException();
        var run = new AssignmentRun
        {
            TrackId = track.Id,
            Mode = command.Mode!.Value,
            ReviewersPerProposal = command.ReviewersPerProposal ?? track.ReviewersPerSubmission,
            RequestedById = me,
            CreatedUtc = clock.GetUtcNow(),
            Stage = "Waiting to start",
        };
        db.AssignmentRuns.Add(run);
        audit.Record("assignment.run-started", nameof(AssignmentRun), run.Id,
            new { Mode = run.Mode.ToString(), run.ReviewersPerProposal }, track.Id);
        afterCommit.Add(() => queue.Enqueue(run.Id));
        return run.Id;
    }
}

/// <summary>
/// Safety net, run every minute: queues again the runs still Queued after <paramref name="OlderThan"/> (the job was
/// not queued after the commit, or the job storage lost it). Double queuing is harmless: the job claims the run.
/// </summary>
[Common.Security.SystemCommand]
public sealed record RequeueQueuedAssignmentRuns(TimeSpan OlderThan) : ICommand<int>;

public sealed class RequeueQueuedAssignmentRunsHandler(IApplicationDbContext db, IAssignmentRunQueue queue, TimeProvider clock)
    : ICommandHandler<RequeueQueuedAssignmentRuns, int>
{
    public async ValueTask<int> Handle(RequeueQueuedAssignmentRuns command, CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - command.OlderThan;
        var ids = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.AssignmentRuns.Where(r => r.Status == AssignmentRunStatus.Queued && r.DiscardedUtc == null && r.CreatedUtc < before)
                .OrderBy(r => r.CreatedUtc).Select(r => r.Id).Take(100), cancellationToken);
        foreach (var id in ids)
            queue.Enqueue(id);
        return ids.Count;
    }
}
