using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Assignment;

/// <summary>
/// Who may see or act on an assignment run: a chair of its track or a site admin. Anyone else gets 404, not 403: run
/// ids are not public, so a member of this or another track cannot tell a run exists.
/// </summary>
public sealed class AssignmentRunAccess(IApplicationDbContext db, ICurrentUser currentUser)
{
    public async Task<AssignmentRun> GetAsync(Guid runId, bool tracked, CancellationToken cancellationToken)
    {
        var me = currentUser.Id ?? throw new UnauthenticatedException();
        var runs = tracked ? db.AssignmentRuns : db.AssignmentRuns.AsNoTracking();
        var run = await runs.SingleOrDefaultAsync(r => r.Id == runId, cancellationToken) ?? throw NotFoundException.For("Assignment run", runId);
        var allowed = currentUser.IsSystem || currentUser.IsInRole(Roles.Admin)
            || await db.CommitteeMembers.AnyAsync(m => m.TrackId == run.TrackId && m.PersonId == me && m.Role == CommitteeRole.Chair, cancellationToken);
        return allowed ? run : throw NotFoundException.For("Assignment run", runId);
    }
}
