using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Scheduling;

namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>The published versions of a track's timetable, newest first, each with its changelog. Chairs only.</summary>
public sealed record ListTimetableVersions(Guid TrackId) : IQuery<TimetableVersions>;

public sealed record TimetableVersions(Guid TrackId, string Track, string TimeZone, int? PublishedVersion, IReadOnlyList<TimetableVersionSummary> Versions);

public sealed record TimetableVersionSummary(int Number, DateTimeOffset PublishedUtc, string PublishedBy, int Slots, ChangeCounts Counts, IReadOnlyList<TimetableChange> Changes);

/// <summary>One published version, whole (older ones stay readable). Chairs only.</summary>
public sealed record GetTimetableVersion(Guid TrackId, int Number) : IQuery<TimetableVersionDetails>;

public sealed record TimetableVersionDetails(
    int Number, DateTimeOffset PublishedUtc, string PublishedBy, IReadOnlyList<GridRoom> Rooms, IReadOnlyList<GridBreak> Breaks,
    IReadOnlyList<PublishedSlot> Slots, IReadOnlyList<TimetableChange> Changes);

public sealed class ListTimetableVersionsHandler(IApplicationDbContext db, TrackAccess tracks) : IQueryHandler<ListTimetableVersions, TimetableVersions>
{
    public async ValueTask<TimetableVersions> Handle(ListTimetableVersions query, CancellationToken cancellationToken)
    {
        var track = await tracks.ReadTrackForChairAsync(query.TrackId, cancellationToken);
        var versions = await (from p in db.PublishedTimetables.AsNoTracking()
                              join person in db.People.AsNoTracking() on p.PublishedById equals person.Id
                              where p.TrackId == track.Id
                              orderby p.Number descending
                              select new { p.Number, p.PublishedUtc, person.DisplayName, p.Slots, p.Changes }).ToListAsync(cancellationToken);
        var current = await db.Timetables.AsNoTracking().Where(t => t.TrackId == track.Id).Select(t => t.PublishedVersion).FirstOrDefaultAsync(cancellationToken);
        return new TimetableVersions(track.Id, track.Name, track.Conference.TimeZoneId, current,
            [.. versions.Select(v => new TimetableVersionSummary(v.Number, v.PublishedUtc, v.DisplayName, v.Slots.Count, ChangeCounts.Of(v.Changes), v.Changes))]);
    }
}

public sealed class GetTimetableVersionHandler(IApplicationDbContext db, TrackAccess tracks) : IQueryHandler<GetTimetableVersion, TimetableVersionDetails>
{
    public async ValueTask<TimetableVersionDetails> Handle(GetTimetableVersion query, CancellationToken cancellationToken)
    {
        var track = await tracks.ReadTrackForChairAsync(query.TrackId, cancellationToken);
        var found = await (from p in db.PublishedTimetables.AsNoTracking()
                           join person in db.People.AsNoTracking() on p.PublishedById equals person.Id
                           where p.TrackId == track.Id && p.Number == query.Number
                           select new { Version = p, person.DisplayName }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"The timetable has no published version {query.Number}.");
        var v = found.Version;
        return new TimetableVersionDetails(v.Number, v.PublishedUtc, found.DisplayName, v.Rooms, v.Breaks, v.Slots, v.Changes);
    }
}
