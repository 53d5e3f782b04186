using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Proposals;

/// <summary>Per-track rights, decided on the data: the track's chair, a site admin, or the system itself.</summary>
public sealed class TrackAccess(IApplicationDbContext db, ICurrentUser currentUser)
{
    public bool IsAdminOrSystem => currentUser.IsSystem || currentUser.IsInRole(Roles.Admin);

    /// <summary>Loads the track (tracked, with its conference) if the caller chairs it; 404 if it does not exist, 403 otherwise.</summary>
    public async Task<Track> GetTrackForChairAsync(Guid trackId, CancellationToken cancellationToken)
    {
        var track = await db.Tracks
            .Include(t => t.Conference)
            .Include(t => t.Committee).ThenInclude(m => m.Person)
            .SingleOrDefaultAsync(t => t.Id == trackId, cancellationToken)
            ?? throw NotFoundException.For("Track", trackId);
        return EnsureChair(track);
    }

    /// <summary>
    /// Reads the track with its conference for a page or export, if the caller chairs it: one statement, nothing
    /// tracked. Of the committee only the caller's own chair seat is loaded (enough for the check); use
    /// <see cref="GetTrackForChairAsync"/> to change the track or its committee.
    /// </summary>
    public async Task<Track> ReadTrackForChairAsync(Guid trackId, CancellationToken cancellationToken)
    {
        var track = await ReadForChair(db.ChangeTracker.Context, trackId, currentUser.Id ?? Guid.Empty, cancellationToken)
            ?? throw NotFoundException.For("Track", trackId);
        return EnsureChair(track);
    }

    /// <summary>Compiled once (every chair's page sends it): EF otherwise rebuilds, walks and looks up the expression on each call.</summary>
    private static readonly Func<DbContext, Guid, Guid, CancellationToken, Task<Track?>> ReadForChair =
        EF.CompileAsyncQuery((DbContext context, Guid trackId, Guid me, CancellationToken _) => context.Set<Track>().AsNoTracking().AsSingleQuery()
            .Include(t => t.Conference)
            .Include(t => t.Committee.Where(m => m.PersonId == me && m.Role == CommitteeRole.Chair))
            .SingleOrDefault(t => t.Id == trackId));

    /// <summary>The one rule both loads apply: the track's chair, a site admin or the system; anyone else gets 403.</summary>
    private Track EnsureChair(Track track)
    {
        if (!IsAdminOrSystem && !(currentUser.Id is { } id && track.IsChair(id)))
            throw new ForbiddenAccessException("Only the track's chair can do this.");
        return track;
    }
}
