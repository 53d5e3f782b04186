using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Scheduling;

namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>
/// Who may see or act on a timetable run: a chair of its track or a site admin. Anyone else gets 404, as for
/// assignment runs: run ids are not public, so a member of this or another track cannot tell a run exists.
/// </summary>
public sealed class TimetableRunAccess(IApplicationDbContext db, ICurrentUser currentUser)
{
    public async Task<TimetableRun> GetAsync(Guid runId, bool tracked, CancellationToken cancellationToken)
    {
        var me = currentUser.Id ?? (currentUser.IsSystem ? Guid.Empty : throw new UnauthenticatedException());
        var runs = tracked ? db.TimetableRuns : db.TimetableRuns.AsNoTracking();
        var run = await runs.SingleOrDefaultAsync(r => r.Id == runId, cancellationToken) ?? throw NotFoundException.For("Timetable run", runId);
        var allowed = currentUser.IsSystem || currentUser.IsInRole(Roles.Admin)
            || await db.CommitteeMembers.AnyAsync(m => m.TrackId == run.TrackId && m.PersonId == me && m.Role == CommitteeRole.Chair && m.RemovedUtc == null, cancellationToken);
        return allowed ? run : throw NotFoundException.For("Timetable run", runId);
    }
}

public static class TimetableRunServices
{
    /// <summary>The helpers of the grid and the automatic runs (the handlers are found by the mediator's generator).</summary>
    public static IServiceCollection AddTimetableRuns(this IServiceCollection services) => services.AddScoped<TimetableRunAccess>();
}
