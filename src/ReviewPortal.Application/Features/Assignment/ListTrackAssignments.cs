using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Committee;

namespace ReviewPortal.Application.Features.Assignment;

/// <summary>The live assignments of a track (a contract: proposalId, personId, source), for its chair; pairs on proposals the caller may not see the assignments of are left out.</summary>
public sealed record ListTrackAssignments(Guid TrackId) : IQuery<IReadOnlyList<TrackAssignment>>;

public sealed record TrackAssignment(Guid ProposalId, Guid PersonId, AssignmentSource Source);

public sealed class ListTrackAssignmentsValidator : AbstractValidator<ListTrackAssignments>
{
    public ListTrackAssignmentsValidator() => RuleFor(x => x.TrackId).NotEmpty();
}

public sealed class ListTrackAssignmentsHandler(IApplicationDbContext db, TrackAccess tracks, ProposalAccess proposals)
    : IQueryHandler<ListTrackAssignments, IReadOnlyList<TrackAssignment>>
{
    public async ValueTask<IReadOnlyList<TrackAssignment>> Handle(ListTrackAssignments query, CancellationToken cancellationToken)
    {
        await tracks.ReadTrackForChairAsync(query.TrackId, cancellationToken);
        var views = await proposals.GetViewsForTrackAsync(query.TrackId, cancellationToken);
        var rows = await db.ReviewAssignments.AsNoTracking().Where(a => a.TrackId == query.TrackId)
            .OrderBy(a => a.SubmissionId).ThenBy(a => a.PersonId)
            .Select(a => new TrackAssignment(a.SubmissionId, a.PersonId, a.Source))
            .ToListAsync(cancellationToken);
        return rows.Where(r => views.TryGetValue(r.ProposalId, out var v) && v.Assignments).ToList();
    }
}
