using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Conferences;

/// <summary>The home page: every conference with its tracks, newest first.</summary>
[AllowAnonymous]
public sealed record ListConferences : IQuery<IReadOnlyList<ConferenceSummary>>;

public sealed record ConferenceSummary(
    Guid Id, string Name, string Slug, string TimeZoneId, DateOnly StartDate, DateOnly EndDate, IReadOnlyList<TrackSummary> Tracks);

public sealed record TrackSummary(Guid Id, string Name, string Slug, int CommitteeSize, int ProposalCount, string CfpState);

public sealed class ListConferencesHandler(IApplicationDbContext db, TimeProvider clock)
    : IQueryHandler<ListConferences, IReadOnlyList<ConferenceSummary>>
{
    public async ValueTask<IReadOnlyList<ConferenceSummary>> Handle(ListConferences query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Conferences
            .AsNoTracking()
            .OrderByDescending(c => c.StartDate)
            .Select(c => new
            {
                c.Id, c.Name, c.Slug, c.TimeZoneId, c.StartDate, c.EndDate,
                Tracks = c.Tracks.OrderBy(t => t.Name).Select(t => new
                {
                    t.Id, t.Name, t.Slug, t.CfpOpensUtc, t.CfpClosesUtc,
                    CommitteeSize = t.Committee.Count,
                    // Proposals that are in: not drafts, not withdrawn, and not organisers' items (which nobody submits).
                    ProposalCount = db.Submissions.Count(s => s.TrackId == t.Id && s.Kind == SubmissionKind.Talk
                        && s.Status != SubmissionStatus.Draft && s.Status != SubmissionStatus.Withdrawn),
                }).ToList(),
            })
            .ToListAsync(cancellationToken);

        return rows.Select(c => new ConferenceSummary(c.Id, c.Name, c.Slug, c.TimeZoneId, c.StartDate, c.EndDate,
            c.Tracks.Select(t => new TrackSummary(t.Id, t.Name, t.Slug, t.CommitteeSize, t.ProposalCount,
                now < t.CfpOpensUtc ? "CfP not yet open" : now < t.CfpClosesUtc ? "CfP open" : "CfP closed")).ToList())).ToList();
    }
}
