using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Committee;

/// <summary>The chair sees every member's profile on the track (chairs first, then by name).</summary>
public sealed record ListCommitteeProfiles(Guid TrackId) : IQuery<IReadOnlyList<CommitteeProfile>>;

public sealed class ListCommitteeProfilesValidator : AbstractValidator<ListCommitteeProfiles>
{
    public ListCommitteeProfilesValidator() => RuleFor(x => x.TrackId).NotEmpty();
}

public sealed class ListCommitteeProfilesHandler(IApplicationDbContext db, TrackAccess access) : IQueryHandler<ListCommitteeProfiles, IReadOnlyList<CommitteeProfile>>
{
    public async ValueTask<IReadOnlyList<CommitteeProfile>> Handle(ListCommitteeProfiles query, CancellationToken cancellationToken)
    {
        var track = await access.ReadTrackForChairAsync(query.TrackId, cancellationToken);
        var members = await db.CommitteeMembers.AsNoTracking().Include(m => m.Person)
            .Where(m => m.TrackId == track.Id)
            .ToListAsync(cancellationToken);
        return members
            .OrderBy(m => m.Role == CommitteeRole.Chair ? 0 : 1).ThenBy(m => m.Person.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Select(m => m.ToProfile(track)).ToList();
    }
}
