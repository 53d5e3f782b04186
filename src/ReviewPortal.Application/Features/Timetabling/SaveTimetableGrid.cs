using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Validation;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Scheduling;

namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>
/// The chair saves the track's grid (rooms, blocks, breaks; wall clock in the conference's zone) whole. The first
/// save creates the timetable; every later one is a new version of the working copy (<see cref="Timetable.Touch"/>).
/// <paramref name="Version"/>, when given, is the version the chair started from: a colleague's change since is 409.
/// A grid that strands placed talks (a room or block removed) is saved; the answer counts them (SlotsOutsideGrid).
/// </summary>
public sealed record SaveTimetableGrid(
    Guid TrackId,
    IReadOnlyList<GridRoomInput>? Rooms,
    IReadOnlyList<GridBlockInput>? Blocks,
    IReadOnlyList<GridBreakInput>? Breaks,
    int? Version = null) : ICommand<TimetableGridView>;

public sealed class SaveTimetableGridValidator : AbstractValidator<SaveTimetableGrid>
{
    public SaveTimetableGridValidator()
    {
        RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
        // What needs no track (formats, order, names, overlaps, limits); the handler adds the conference's days and zone.
        RuleFor(x => x).Custom((command, context) =>
        {
            foreach (var failure in TimetableGrids.Check(command.Rooms ?? [], command.Blocks ?? [], command.Breaks ?? [], null, 0, out _))
                context.AddFailure(failure);
        });
    }
}

public sealed class SaveTimetableGridHandler(IApplicationDbContext db, TrackAccess access, ICurrentUser currentUser, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<SaveTimetableGrid, TimetableGridView>
{
    public async ValueTask<TimetableGridView> Handle(SaveTimetableGrid command, CancellationToken cancellationToken)
    {
        var track = await access.ReadTrackForChairAsync(command.TrackId, cancellationToken);
        var failures = TimetableGrids.Check(command.Rooms ?? [], command.Blocks ?? [], command.Breaks ?? [], track.Conference, track.SlotMinutes, out var grid);
        if (failures.Count > 0)
            throw Refusal.Of(failures);

        var now = clock.GetUtcNow();
        var timetable = await db.Timetables.SingleOrDefaultAsync(t => t.TrackId == track.Id, cancellationToken);
        var created = timetable is null;
        if (timetable is null)
        {
            timetable = new Timetable { TrackId = track.Id, UpdatedUtc = now, UpdatedById = currentUser.Id };
            db.Timetables.Add(timetable);
        }
        else
        {
            if (command.Version is { } version && version != timetable.Version)
                throw new ConcurrencyConflictException(
                    $"The timetable changed since you opened it (version {version}, now {timetable.Version}): reload the grid and make your change again.");
            timetable.Touch(now, currentUser.Id);
        }

        timetable.Rooms = grid.Rooms;
        timetable.Blocks = grid.Blocks;
        timetable.Breaks = grid.Breaks;
        var slots = await db.TimetableSlots.AsNoTracking().Where(s => s.TrackId == track.Id).ToListAsync(cancellationToken);
        var view = TimetableGrids.View(track, timetable, slots);
        audit.Record(created ? "timetable.grid-created" : "timetable.grid-saved", nameof(Timetable), track.Id,
            new { Rooms = grid.Rooms.Count, Blocks = grid.Blocks.Count, Breaks = grid.Breaks.Count, view.Slots, view.SlotsOutsideGrid, timetable.Version },
            track.Id);
        return view;
    }
}
