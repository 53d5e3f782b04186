using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Committee;

/// <summary>
/// A member's profile on one track: what conflict detection (affiliations with years, e-mail domains) and reviewer
/// assignment (expertise, maximum load) read. <see cref="MaxLoad"/> null means the balanced default.
/// </summary>
public sealed record CommitteeProfile(
    Guid TrackId,
    string Track,
    Guid MemberId,
    Guid PersonId,
    string Name,
    string Email,
    CommitteeRole Role,
    IReadOnlyList<AffiliationInput> Affiliations,
    IReadOnlyList<string> EmailDomains,
    IReadOnlyList<string> ExpertiseTopics,
    IReadOnlyList<string> ExpertiseKeywords,
    int? MaxLoad,
    /// <summary>The track's topics, which expertise topics are picked from.</summary>
    IReadOnlyList<string> TrackTopics);

public static class CommitteeProfiles
{
    public static CommitteeProfile ToProfile(this CommitteeMember m, Track track) => new(
        track.Id, track.Name, m.Id, m.PersonId, m.Person.DisplayName, m.Person.Email, m.Role,
        m.Affiliations.Select(AffiliationInput.From).ToList(), m.EmailDomains, m.ExpertiseTopics, m.ExpertiseKeywords, m.MaxLoad, track.Topics);

    /// <summary>
    /// The caller's own seat on the track (tracked when it is to be changed), with the track and their person:
    /// 404 if the track does not exist, 403 if they are not on its committee.
    /// </summary>
    public static async Task<(Track Track, CommitteeMember Member)> MySeatAsync(
        this IApplicationDbContext db, ICurrentUser currentUser, Guid trackId, bool tracked, CancellationToken cancellationToken)
    {
        var me = currentUser.Id ?? throw new UnauthenticatedException();
        var tracks = tracked ? db.Tracks : db.Tracks.AsNoTracking();
        var track = await tracks.AsSingleQuery()
                .Include(t => t.Committee.Where(m => m.PersonId == me)).ThenInclude(m => m.Person)
                .SingleOrDefaultAsync(t => t.Id == trackId, cancellationToken)
            ?? throw NotFoundException.For("Track", trackId);
        var member = track.Committee.SingleOrDefault()
            ?? throw new ForbiddenAccessException($"You are not on the program committee of {track.Name}.");
        return (track, member);
    }
}
