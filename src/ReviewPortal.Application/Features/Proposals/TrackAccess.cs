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
        if (!IsAdminOrSystem && !(currentUser.Id is { } id && track.IsChair(id)))
            throw new ForbiddenAccessException("Only the track's chair can do this.");
        return track;
    }
}
