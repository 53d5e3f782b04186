using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Validation;
using ReviewPortal.Application.Features.Confirmations;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Scheduling;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>
/// A chair places an item of the programme (or moves a placed one) in the working copy: room of the grid, start
/// (<see cref="Start"/>: an instant with offset or "Z", or wall-clock in the conference's zone), from the
/// <see cref="Version"/> they saw (stale → 409, nothing saved). A move that breaks a hard rule is saved and answered
/// with its warnings, so a swap can be two moves; publishing refuses while any remains. <see cref="Pinned"/> (optional)
/// pins or unpins the item.
/// </summary>
public sealed record MoveTimetableSlot(Guid TrackId, Guid ProposalId, string? Room, DateTime? Start, int? Version, bool? Pinned = null)
    : ICommand<TimetableEdit>;

/// <summary>The working copy's new version and every hard rule it now breaks (the whole track's, not only the moved item's).</summary>
public sealed record TimetableEdit(int Version, IReadOnlyList<TimetableWarning> Warnings);

public sealed class MoveTimetableSlotValidator : AbstractValidator<MoveTimetableSlot>
{
    public MoveTimetableSlotValidator()
    {
        RuleFor(x => x.TrackId).NotEqual(Guid.Empty).WithMessage("Choose a track.");
        RuleFor(x => x.ProposalId).NotEqual(Guid.Empty).WithMessage("Choose an item of the programme.");
        RuleFor(x => x.Room).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Choose a room.")
            .MaximumLength(Timetable.MaxRoomNameLength).WithMessage("Choose a room of the grid.");
        RuleFor(x => x.Start).NotNull().WithMessage("Choose a start time.");
        RuleFor(x => x.Version).NotNull().WithMessage("Give the timetable's version you edited (reload the timetable).")
            .GreaterThan(0).WithMessage("Give the timetable's version you edited (reload the timetable).");
    }
}

public sealed class MoveTimetableSlotHandler(IApplicationDbContext db, TrackAccess tracks, ICurrentUser currentUser, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<MoveTimetableSlot, TimetableEdit>
{
    public async ValueTask<TimetableEdit> Handle(MoveTimetableSlot command, CancellationToken cancellationToken)
    {
        var track = await tracks.ReadTrackForChairAsync(command.TrackId, cancellationToken);
        var timetable = await TimetableEditing.LoadForEditAsync(db, track.Id, command.Version!.Value, cancellationToken);
        var submission = await db.Submissions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == command.ProposalId && s.TrackId == track.Id, cancellationToken)
            ?? throw NotFoundException.For("Proposal", command.ProposalId);
        if (!TimetableItems.IsOnProgramme(submission))
            throw Refusal.Of(nameof(command.ProposalId), $"\"{submission.Title}\" is {Submission.Describe(submission.Status)}, not on the programme: it cannot be placed.");
        var room = command.Room!.Trim();
        if (!timetable.Rooms.Any(r => string.Equals(r.Name, room, StringComparison.Ordinal)))
            throw Refusal.Of(nameof(command.Room), $"The grid has no room \"{room}\"; choose one of: {string.Join(", ", timetable.Rooms.Select(r => r.Name))}.");
        var conference = track.Conference;
        if (command.Start!.Value.Kind == DateTimeKind.Unspecified && conference.ExplainUnclearLocalTime(command.Start.Value) is { } unclear)
            throw Refusal.Of(nameof(command.Start), unclear);
        var start = ConferenceTimes.ToUtc(conference, command.Start.Value);

        var slot = await db.TimetableSlots.SingleOrDefaultAsync(s => s.SubmissionId == submission.Id, cancellationToken);
        var before = slot is null ? null : new { slot.Room, Start = slot.StartUtc, slot.Pinned };
        if (slot is null)
        {
            slot = new TimetableSlot { TrackId = track.Id, SubmissionId = submission.Id };
            db.TimetableSlots.Add(slot);
        }

        slot.Room = room;
        slot.StartUtc = start;
        slot.EndUtc = start.AddMinutes(submission.DurationMinutes);
        slot.Pinned = command.Pinned ?? slot.Pinned;
        timetable.Touch(clock.GetUtcNow(), currentUser.Id);
        audit.Record(before is null ? "timetable.placed" : "timetable.moved", nameof(Submission), submission.Id,
            new { submission.Title, before, after = new { slot.Room, Start = slot.StartUtc, slot.Pinned }, timetable.Version }, track.Id);
        await TimetableEditing.SaveAsync(db, cancellationToken);

        var facts = await TimetableFacts.LoadAsync(db, track, tracked: false, cancellationToken);
        return new TimetableEdit(timetable.Version, facts.Warnings());
    }
}

/// <summary>The editing commands' one concurrency rule: a change names the version it was made on.</summary>
internal static class TimetableEditing
{
    public const string ChangedElsewhere = "Someone else changed the timetable since you loaded it: reload to see their change, then make yours again.";

    /// <summary>The timetable, tracked, if <paramref name="version"/> is still its version; 409 otherwise. The UPDATE names the version too, so a change committed in between also gets 409.</summary>
    public static async Task<Timetable> LoadForEditAsync(IApplicationDbContext db, Guid trackId, int version, CancellationToken cancellationToken)
    {
        var timetable = await db.Timetables.SingleOrDefaultAsync(t => t.TrackId == trackId, cancellationToken)
            ?? throw new NotFoundException(TimetableFacts.NoGrid);
        if (timetable.Version != version)
            throw new ConcurrencyConflictException(ChangedElsewhere);
        return timetable;
    }

    public static async Task SaveAsync(IApplicationDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(ChangedElsewhere);
        }
    }
}
