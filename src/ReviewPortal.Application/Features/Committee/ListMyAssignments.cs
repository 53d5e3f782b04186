using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Committee;

namespace ReviewPortal.Application.Features.Committee;

/// <summary>
/// The caller's assigned proposals across all tracks, as the visibility policy lets them see each: only those whose
/// view shows the assignment (never a conflicted one, nor one of a track they were removed from), newest first.
/// </summary>
public sealed record ListMyAssignments : IQuery<IReadOnlyList<MyAssignment>>;

public sealed record MyAssignment(
    Guid ProposalId,
    Guid TrackId,
    string Track,
    string Conference,
    string Title,
    /// <summary>Empty when the policy hides the proposal's content from the caller.</summary>
    IReadOnlyList<string> Topics,
    AssignmentSource Source,
    DateTimeOffset AssignedUtc,
    /// <summary><see cref="AssignedUtc"/> in the conference's zone, in words.</summary>
    string Assigned);

public sealed class ListMyAssignmentsHandler(IApplicationDbContext db, ICurrentUser currentUser, ProposalAccess access)
    : IQueryHandler<ListMyAssignments, IReadOnlyList<MyAssignment>>
{
    public async ValueTask<IReadOnlyList<MyAssignment>> Handle(ListMyAssignments query, CancellationToken cancellationToken)
    {
        var views = await access.GetViewsOfMyAssignmentsAsync(cancellationToken);
        var visible = views.Where(v => v.Value.Assignments).Select(v => v.Key).ToList();
        if (visible.Count == 0)
            return [];

        var me = currentUser.Id!.Value;
        var rows = await db.ReviewAssignments.AsNoTracking()
            .Where(a => a.PersonId == me && visible.Contains(a.SubmissionId))
            .Join(db.Submissions, a => a.SubmissionId, s => s.Id, (a, s) => new
            {
                a.SubmissionId,
                a.TrackId,
                Track = s.Track.Name,
                Conference = s.Track.Conference,
                s.Title,
                s.Topics,
                a.Source,
                a.AssignedUtc,
            })
            .OrderByDescending(r => r.AssignedUtc).ThenBy(r => r.Title)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new MyAssignment(r.SubmissionId, r.TrackId, r.Track, r.Conference.Name, r.Title,
                views[r.SubmissionId].Abstract ? r.Topics : [], r.Source, r.AssignedUtc, r.Conference.Format(r.AssignedUtc)))
            .ToList();
    }
}
