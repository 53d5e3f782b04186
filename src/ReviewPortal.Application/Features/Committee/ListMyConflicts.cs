using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Committee;

/// <summary>
/// A member's own active conflicts of interest on a track, each with its reason: what keeps them off those proposals.
/// Only titles, which the policy shows a conflicted member anyway (403 if they are not on the committee).
/// </summary>
public sealed record ListMyConflicts(Guid TrackId) : IQuery<IReadOnlyList<MyConflict>>;

public sealed record MyConflict(Guid ProposalId, string Title, ConflictKind Kind, ConflictSource Source, string Reason);

public sealed class ListMyConflictsValidator : AbstractValidator<ListMyConflicts>
{
    public ListMyConflictsValidator() => RuleFor(x => x.TrackId).NotEmpty();
}

public sealed class ListMyConflictsHandler(IApplicationDbContext db, ICurrentUser currentUser) : IQueryHandler<ListMyConflicts, IReadOnlyList<MyConflict>>
{
    public async ValueTask<IReadOnlyList<MyConflict>> Handle(ListMyConflicts query, CancellationToken cancellationToken)
    {
        var (track, member) = await db.MySeatAsync(currentUser, query.TrackId, tracked: false, cancellationToken);
        var rows = await db.Conflicts.AsNoTracking()
            .Where(c => c.TrackId == track.Id && c.PersonId == member.PersonId && c.Active)
            .Join(db.Submissions.Where(s => s.Status != SubmissionStatus.Draft), c => c.SubmissionId, s => s.Id,
                (c, s) => new { s.Id, s.Title, c.Kind, c.Source, c.Reason })
            .OrderBy(c => c.Title).ThenBy(c => c.Kind)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new MyConflict(r.Id, r.Title, r.Kind, r.Source, r.Reason)).ToList();
    }
}
