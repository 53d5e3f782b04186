using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Common;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>
/// A chair takes an item off the working copy (back to the unplaced list), from the <see cref="Version"/> they saw.
/// A pinned item is refused (409): pins mark what organisers fixed (the opening), so it is unpinned first, on purpose.
/// </summary>
public sealed record UnscheduleTimetableSlot(Guid TrackId, Guid ProposalId, int? Version) : ICommand<TimetableEdit>;

public sealed class UnscheduleTimetableSlotValidator : AbstractValidator<UnscheduleTimetableSlot>
{
    public UnscheduleTimetableSlotValidator()
    {
        RuleFor(x => x.TrackId).NotEqual(Guid.Empty).WithMessage("Choose a track.");
        RuleFor(x => x.ProposalId).NotEqual(Guid.Empty).WithMessage("Choose an item of the timetable.");
        RuleFor(x => x.Version).NotNull().WithMessage("Give the timetable's version you edited (reload the timetable).")
            .GreaterThan(0).WithMessage("Give the timetable's version you edited (reload the timetable).");
    }
}

public sealed class UnscheduleTimetableSlotHandler(IApplicationDbContext db, TrackAccess tracks, ICurrentUser currentUser, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<UnscheduleTimetableSlot, TimetableEdit>
{
    public const string PinnedRefusal = "This item is pinned: unpin it first if you really mean to take it off the timetable.";

    public async ValueTask<TimetableEdit> Handle(UnscheduleTimetableSlot command, CancellationToken cancellationToken)
    {
        var track = await tracks.ReadTrackForChairAsync(command.TrackId, cancellationToken);
        var timetable = await TimetableEditing.LoadForEditAsync(db, track.Id, command.Version!.Value, cancellationToken);
        var slot = await db.TimetableSlots.SingleOrDefaultAsync(s => s.SubmissionId == command.ProposalId && s.TrackId == track.Id, cancellationToken)
            ?? throw new NotFoundException("This item is not on the timetable.");
        if (slot.Pinned)
            throw new InvalidStateException(PinnedRefusal);
        var title = await db.Submissions.Where(s => s.Id == slot.SubmissionId).Select(s => s.Title).SingleAsync(cancellationToken);
        db.TimetableSlots.Remove(slot);
        timetable.Touch(clock.GetUtcNow(), currentUser.Id);
        audit.Record("timetable.unscheduled", nameof(Submission), slot.SubmissionId, new { Title = title, slot.Room, Start = slot.StartUtc, timetable.Version }, track.Id);
        await TimetableEditing.SaveAsync(db, cancellationToken);

        var facts = await TimetableFacts.LoadAsync(db, track, tracked: false, cancellationToken);
        return new TimetableEdit(timetable.Version, facts.Warnings());
    }
}
