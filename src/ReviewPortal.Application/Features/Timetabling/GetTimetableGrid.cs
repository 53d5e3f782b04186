using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;

namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>The track's grid (chair or admin), with its slot count; an empty grid (Exists false) before the first save.</summary>
public sealed record GetTimetableGrid(Guid TrackId) : IQuery<TimetableGridView>;

public sealed class GetTimetableGridValidator : AbstractValidator<GetTimetableGrid>
{
    public GetTimetableGridValidator() => RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
}

public sealed class GetTimetableGridHandler(IApplicationDbContext db, TrackAccess access) : IQueryHandler<GetTimetableGrid, TimetableGridView>
{
    public async ValueTask<TimetableGridView> Handle(GetTimetableGrid query, CancellationToken cancellationToken)
    {
        var track = await access.ReadTrackForChairAsync(query.TrackId, cancellationToken);
        var timetable = await db.Timetables.AsNoTracking().SingleOrDefaultAsync(t => t.TrackId == track.Id, cancellationToken);
        var slots = timetable is null ? [] : await db.TimetableSlots.AsNoTracking().Where(s => s.TrackId == track.Id).ToListAsync(cancellationToken);
        return TimetableGrids.View(track, timetable, slots);
    }
}
