using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Common;
using ReviewPortal.Domain.Scheduling;

namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>
/// The chair applies a run's preview: the working copy's non-pinned slots are replaced by the run's placements (pinned
/// items stay), and the timetable gets a new version. Refused (409) unless the run succeeded and is neither applied nor
/// discarded, and unless the working copy is the version the run started from (someone moved a talk or changed the
/// grid since: run again). Nothing is published and no one is mailed: publishing does that.
/// </summary>
public sealed record ApplyTimetableRun(Guid RunId) : ICommand<AppliedTimetableRun>;

public sealed record AppliedTimetableRun(Guid RunId, DateTimeOffset AppliedUtc, int Slots, int Version);

public sealed class ApplyTimetableRunValidator : AbstractValidator<ApplyTimetableRun>
{
    public ApplyTimetableRunValidator() => RuleFor(x => x.RunId).NotEmpty();
}

public sealed class ApplyTimetableRunHandler(IApplicationDbContext db, TimetableRunAccess runs, ICurrentUser currentUser, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<ApplyTimetableRun, AppliedTimetableRun>
{
    public async ValueTask<AppliedTimetableRun> Handle(ApplyTimetableRun command, CancellationToken cancellationToken)
    {
        var run = await runs.GetAsync(command.RunId, tracked: true, cancellationToken);
        EnsureOpen(run, "applied");
        if (run.Status != TimetableRunStatus.Succeeded)
            throw new InvalidStateException($"Only a run that found a timetable can be applied; this one is {run.Status}.");
        var timetable = await db.Timetables.SingleOrDefaultAsync(t => t.TrackId == run.TrackId, cancellationToken)
            ?? throw new InvalidStateException("The track's timetable is gone; start a new run.");
        if (timetable.Version != run.BasedOnVersion)
            throw new ConcurrencyConflictException(
                $"The working copy changed since this run started (version {run.BasedOnVersion}, now {timetable.Version}): someone moved a talk or changed the grid. Run the scheduling again and apply the new run.");

        var now = clock.GetUtcNow();
        var live = await db.TimetableSlots.Where(s => s.TrackId == run.TrackId).ToListAsync(cancellationToken);
        var pinned = live.Where(s => s.Pinned).Select(s => s.SubmissionId).ToHashSet();
        // Only what is still on the programme: a talk declined after the run started is not put back.
        var ids = run.Slots.Select(s => s.ProposalId).ToList();
        var onProgramme = (await db.Submissions.Where(s => s.TrackId == run.TrackId && ids.Contains(s.Id)).Where(TimetableItems.OnProgramme)
            .Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var slot in live.Where(s => !s.Pinned))
            db.TimetableSlots.Remove(slot);
        run.AppliedUtc = now;
        timetable.Touch(now, currentUser.Id);
        // The deletes go first (a talk is in the working copy once: unique index); the run's and the timetable's
        // versions are checked here, so two applies or an apply and a move cannot both win.
        await db.SaveChangesAsync(cancellationToken);

        var placed = 0;
        foreach (var slot in run.Slots.Where(s => !pinned.Contains(s.ProposalId) && onProgramme.Contains(s.ProposalId)))
        {
            db.TimetableSlots.Add(new TimetableSlot
            {
                TrackId = run.TrackId,
                SubmissionId = slot.ProposalId,
                Room = slot.Room,
                StartUtc = slot.StartUtc,
                EndUtc = slot.EndUtc,
            });
            placed++;
        }

        audit.Record("timetable.run-applied", nameof(TimetableRun), run.Id,
            new { Placed = placed, KeptPinned = pinned.Count, Removed = live.Count - pinned.Count, timetable.Version }, run.TrackId);
        return new AppliedTimetableRun(run.Id, now, placed + pinned.Count, timetable.Version);
    }

    internal static void EnsureOpen(TimetableRun run, string what)
    {
        if (run.AppliedUtc is not null)
            throw new InvalidStateException($"This run was applied already; it cannot be {what} again. Start a new run to change the timetable.");
        if (run.DiscardedUtc is not null)
            throw new InvalidStateException($"This run was discarded; it cannot be {what}. Start a new run.");
    }
}
