using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Common;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Assignment;

/// <summary>
/// The chair applies a run's preview: the track's automatic assignments are replaced by the run's pairs, manual ones
/// stay, each member is mailed once with their list. Refused (409) unless the run succeeded and is neither applied nor
/// discarded, and unless the track is as the run saw it (same proposals, members, conflicts and assignments: otherwise
/// run again). Two applies cannot race: the run's row version is the concurrency token.
/// </summary>
/// <remarks>
/// A chair conflicted on some proposals still applies the whole run: the solver, not the chair, chose those pairs,
/// and the chair never sees them (docs/assignment-runs.md).
/// </remarks>
public sealed record ApplyAssignmentRun(Guid RunId) : ICommand<AppliedRun>;

public sealed record AppliedRun(Guid RunId, DateTimeOffset AppliedUtc, int Assignments, int MembersNotified);

public sealed class ApplyAssignmentRunValidator : AbstractValidator<ApplyAssignmentRun>
{
    public ApplyAssignmentRunValidator() => RuleFor(x => x.RunId).NotEmpty();
}

public sealed class ApplyAssignmentRunHandler(
    IApplicationDbContext db, AssignmentRunAccess runs, ICurrentUser currentUser, AssignmentMails mails, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<ApplyAssignmentRun, AppliedRun>
{
    public async ValueTask<AppliedRun> Handle(ApplyAssignmentRun command, CancellationToken cancellationToken)
    {
        var run = await runs.GetAsync(command.RunId, tracked: true, cancellationToken);
        EnsureOpen(run, "applied");
        if (run.Status != AssignmentRunStatus.Succeeded)
            throw new InvalidStateException($"Only a run that found an assignment can be applied; this one is {run.Status}.");
        var inputs = await AssignmentInputs.ReadAsync(db, run.TrackId, withBids: false, cancellationToken);
        if (inputs.Fingerprint() != run.InputFingerprint)
            throw new InvalidStateException(
                "The proposals, committee, conflicts or assignments of the track changed since this run started, so its result may no longer hold. Run the assignment again and apply the new run.");

        var track = await db.Tracks.AsNoTracking().Include(t => t.Conference).SingleAsync(t => t.Id == run.TrackId, cancellationToken);
        var now = clock.GetUtcNow();
        var live = await db.ReviewAssignments.Where(a => a.TrackId == run.TrackId).ToListAsync(cancellationToken);
        var proposed = run.Assignments.Select(a => (a.ProposalId, a.PersonId)).ToHashSet();
        var manual = live.Where(a => a.Source == AssignmentSource.Manual).Select(a => (a.SubmissionId, a.PersonId)).ToHashSet();
        var removed = 0;
        foreach (var automatic in live.Where(a => a.Source == AssignmentSource.Automatic))
        {
            db.ReviewAssignments.Remove(automatic);
            removed++;
        }

        run.AppliedUtc = now;
        // The run's row version is checked here, and the deletes go first: a pair the old automatic assignment had
        // is inserted again below (the unique index on proposal and person).
        await db.SaveChangesAsync(cancellationToken);

        foreach (var pair in run.Assignments.Where(a => !manual.Contains((a.ProposalId, a.PersonId))))
            db.ReviewAssignments.Add(new ReviewAssignment
            {
                TrackId = run.TrackId,
                SubmissionId = pair.ProposalId,
                PersonId = pair.PersonId,
                Source = AssignmentSource.Automatic,
                RunId = run.Id,
                Affinity = pair.Affinity,
                AssignedById = currentUser.Id,
                AssignedUtc = now,
            });

        var after = proposed.Union(manual).ToList();
        await mails.AppliedAsync(track, after, cancellationToken);
        audit.Record("assignment.run-applied", nameof(AssignmentRun), run.Id,
            new { Assignments = after.Count, RemovedAutomatic = removed, KeptManual = manual.Count }, run.TrackId);
        return new AppliedRun(run.Id, now, after.Count, after.Select(a => a.PersonId).Distinct().Count());
    }

    internal static void EnsureOpen(AssignmentRun run, string what)
    {
        if (run.AppliedUtc is not null)
            throw new InvalidStateException($"This run was applied already; it cannot be {what} again. Start a new run to change the assignment.");
        if (run.DiscardedUtc is not null)
            throw new InvalidStateException($"This run was discarded; it cannot be {what}. Start a new run.");
    }
}

/// <summary>The chair discards a run's preview; the live assignments stay as they are. A discarded or applied run cannot be discarded (409).</summary>
public sealed record DiscardAssignmentRun(Guid RunId) : ICommand;

public sealed class DiscardAssignmentRunValidator : AbstractValidator<DiscardAssignmentRun>
{
    public DiscardAssignmentRunValidator() => RuleFor(x => x.RunId).NotEmpty();
}

public sealed class DiscardAssignmentRunHandler(AssignmentRunAccess runs, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<DiscardAssignmentRun>
{
    public async ValueTask<Unit> Handle(DiscardAssignmentRun command, CancellationToken cancellationToken)
    {
        var run = await runs.GetAsync(command.RunId, tracked: true, cancellationToken);
        ApplyAssignmentRunHandler.EnsureOpen(run, "discarded");
        run.DiscardedUtc = clock.GetUtcNow();
        audit.Record("assignment.run-discarded", nameof(AssignmentRun), run.Id, new { Status = run.Status.ToString() }, run.TrackId);
        return Unit.Value;
    }
}
