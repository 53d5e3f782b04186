using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Domain.Scheduling;

namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>The chair discards a run's preview; the working copy stays as it is. An applied or discarded run cannot be discarded (409).</summary>
public sealed record DiscardTimetableRun(Guid RunId) : ICommand;

public sealed class DiscardTimetableRunValidator : AbstractValidator<DiscardTimetableRun>
{
    public DiscardTimetableRunValidator() => RuleFor(x => x.RunId).NotEmpty();
}

public sealed class DiscardTimetableRunHandler(TimetableRunAccess runs, AuditTrail audit, TimeProvider clock) : ICommandHandler<DiscardTimetableRun>
{
    public async ValueTask<Unit> Handle(DiscardTimetableRun command, CancellationToken cancellationToken)
    {
        var run = await runs.GetAsync(command.RunId, tracked: true, cancellationToken);
        ApplyTimetableRunHandler.EnsureOpen(run, "discarded");
        run.DiscardedUtc = clock.GetUtcNow();
        audit.Record("timetable.run-discarded", nameof(TimetableRun), run.Id, new { Status = run.Status.ToString() }, run.TrackId);
        return Unit.Value;
    }
}
