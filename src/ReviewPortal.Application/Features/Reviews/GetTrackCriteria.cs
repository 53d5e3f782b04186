using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Reviews;

namespace ReviewPortal.Application.Features.Reviews;

/// <summary>
/// The track's score criteria in the form's order. The track's committee (they answer them) and site admins read
/// them; anyone else gets 403 (the track itself is public, so 404 would hide nothing).
/// </summary>
public sealed record GetTrackCriteria(Guid TrackId) : IQuery<IReadOnlyList<CriterionView>>;

public sealed record CriterionView(Guid Id, string Name, int ScaleMin, int ScaleMax, double Weight, bool Required, int Order)
{
    public static CriterionView From(ScoreCriterion c) => new(c.Id, c.Name, c.ScaleMin, c.ScaleMax, c.Weight, c.Required, c.Order);
}

public sealed class GetTrackCriteriaValidator : AbstractValidator<GetTrackCriteria>
{
    public GetTrackCriteriaValidator() => RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
}

public sealed class GetTrackCriteriaHandler(IApplicationDbContext db, ICurrentUser currentUser, TrackAccess tracks)
    : IQueryHandler<GetTrackCriteria, IReadOnlyList<CriterionView>>
{
    public async ValueTask<IReadOnlyList<CriterionView>> Handle(GetTrackCriteria query, CancellationToken cancellationToken)
    {
        var me = currentUser.Id ?? throw new UnauthenticatedException();
        var track = await db.Tracks.AsNoTracking().Where(t => t.Id == query.TrackId)
            .Select(t => new { OnCommittee = db.CommitteeMembers.Any(m => m.TrackId == t.Id && m.PersonId == me) })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw NotFoundException.For("Track", query.TrackId);
        if (!track.OnCommittee && !tracks.IsAdminOrSystem)
            throw new ForbiddenAccessException("Only the track's committee can read its review criteria.");
        return await ReadAsync(db, query.TrackId, cancellationToken);
    }

    public static async Task<IReadOnlyList<CriterionView>> ReadAsync(IApplicationDbContext db, Guid trackId, CancellationToken cancellationToken) =>
        (await db.ScoreCriteria.AsNoTracking().Where(c => c.TrackId == trackId).OrderBy(c => c.Order).ThenBy(c => c.Name)
            .ToListAsync(cancellationToken)).Select(CriterionView.From).ToList();
}
