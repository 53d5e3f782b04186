using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>How many talks a track's grid holds: its slots less those pinned items take (see <see cref="TimetableGrids"/>).</summary>
public static class TimetableCapacity
{
    /// <summary>Null while the track has no grid with a block (the chair's own number applies then).</summary>
    public static async Task<int?> SlotsAsync(IApplicationDbContext db, Guid trackId, CancellationToken cancellationToken)
    {
        var timetable = await db.Timetables.AsNoTracking().SingleOrDefaultAsync(t => t.TrackId == trackId, cancellationToken);
        if (timetable is null || timetable.Blocks.Count == 0)
            return null;
        var track = await db.Tracks.AsNoTracking().Include(t => t.Conference).SingleAsync(t => t.Id == trackId, cancellationToken);
        var pinned = await db.TimetableSlots.AsNoTracking().Where(s => s.TrackId == trackId && s.Pinned).ToListAsync(cancellationToken);
        return TimetableGrids.SlotCount(track.Conference, timetable.Blocks, track.SlotMinutes)
            - TimetableGrids.PinnedSlotCount(track.Conference, timetable.Blocks, track.SlotMinutes, pinned);
    }
}
