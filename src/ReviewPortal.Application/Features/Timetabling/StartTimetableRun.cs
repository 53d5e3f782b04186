using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Behaviours;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Common;
using ReviewPortal.Domain.Scheduling;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>
/// The chair starts an automatic scheduling of the track: a run row (Queued) now, the job once the row is committed
/// (<see cref="AfterCommit"/>; if queuing fails, <see cref="RequeueQueuedTimetableRuns"/> picks the run up). Refused
/// (409) without a grid or without a confirmed talk. <paramref name="MinimalChange"/>: stay as close as possible to the
/// published version (else the working copy).
/// </summary>
public sealed record StartTimetableRun(Guid TrackId, bool MinimalChange) : ICommand<Guid>;

public sealed class StartTimetableRunValidator : AbstractValidator<StartTimetableRun>
{
    public StartTimetableRunValidator() => RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
}

public sealed class StartTimetableRunHandler(
    IApplicationDbContext db, TrackAccess access, ICurrentUser currentUser, AuditTrail audit, AfterCommit afterCommit,
    ITimetableRunQueue queue, TimeProvider clock)
    : ICommandHandler<StartTimetableRun, Guid>
{
    public async ValueTask<Guid> Handle(StartTimetableRun command, CancellationToken cancellationToken)
    {
        var track = await access.ReadTrackForChairAsync(command.TrackId, cancellationToken);
        var me = currentUser.Id ?? throw new UnauthenticatedException();
        var timetable = await db.Timetables.AsNoTracking().SingleOrDefaultAsync(t => t.TrackId == track.Id, cancellationToken);
        if (timetable is null || timetable.Blocks.Count == 0 || timetable.Rooms.Count == 0)
            throw new InvalidStateException("The track has no grid yet: add its rooms and blocks on the grid page first, then schedule.");
        var talks = await db.Submissions.Where(s => s.TrackId == track.Id && s.Kind == SubmissionKind.Talk).Where(TimetableItems.OnProgramme)
            .CountAsync(cancellationToken);
        if (talks == 0)
            throw new InvalidStateException("No talk of the track is confirmed yet: the timetable is built from the talks whose speakers confirmed.");

        var run = new TimetableRun
        {
            TrackId = track.Id,
            MinimalChange = command.MinimalChange,
            BasedOnVersion = timetable.Version,
            RequestedById = me,
            CreatedUtc = clock.GetUtcNow(),
            Stage = "Waiting to start",
        };
        db.TimetableRuns.Add(run);
        audit.Record("timetable.run-started", nameof(TimetableRun), run.Id, new { run.MinimalChange, run.BasedOnVersion, Talks = talks }, track.Id);
        afterCommit.Add(() => queue.Enqueue(run.Id));
        return run.Id;
    }
}

/// <summary>
/// Safety net, run every minute: queues again the timetable runs still Queued after <paramref name="OlderThan"/> (the
/// job was not queued after the commit, or the job storage lost it). Double queuing is harmless: the job claims the run.
/// </summary>
[Common.Security.SystemCommand]
public sealed record RequeueQueuedTimetableRuns(TimeSpan OlderThan) : ICommand<int>;

public sealed class RequeueQueuedTimetableRunsHandler(IApplicationDbContext db, ITimetableRunQueue queue, TimeProvider clock)
    : ICommandHandler<RequeueQueuedTimetableRuns, int>
{
    public async ValueTask<int> Handle(RequeueQueuedTimetableRuns command, CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - command.OlderThan;
        var ids = await db.TimetableRuns.Where(r => r.Status == TimetableRunStatus.Queued && r.DiscardedUtc == null && r.CreatedUtc < before)
            .OrderBy(r => r.CreatedUtc).Select(r => r.Id).Take(100).ToListAsync(cancellationToken);
        foreach (var id in ids)
            queue.Enqueue(id);
        return ids.Count;
    }
}
