using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Application.Features.Conflicts;

/// <summary>After an alias edit: refreshes the detected conflicts of every track where a member or speaker names one of the organisations involved.</summary>
public sealed class AliasRefresh(IApplicationDbContext db, ConflictDetection detection)
{
    public async Task RefreshTracksNamingAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var wanted = keys.Where(k => k.Length > 0).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
            return;
        // Alias edits are rare and admin-only: read the affiliations once and normalise in memory.
        var members = await db.CommitteeMembers.AsNoTracking()
            .Select(m => new { m.TrackId, m.Affiliations, m.Affiliation, PersonAffiliation = m.Person.Affiliation })
            .ToListAsync(cancellationToken);
        var speakers = await db.SubmissionSpeakers.AsNoTracking().Where(s => s.Affiliation != null)
            .Join(db.Submissions, sp => sp.SubmissionId, s => s.Id, (sp, s) => new { s.TrackId, sp.Affiliation })
            .Distinct().ToListAsync(cancellationToken);
        var tracks = new HashSet<Guid>();
        foreach (var m in members)
            if (ConflictDetection.AffiliationsOf(m.Affiliations, m.Affiliation, m.PersonAffiliation).Any(a => wanted.Contains(OrganisationNames.Normalise(a.Organisation))))
                tracks.Add(m.TrackId);
        foreach (var s in speakers)
            if (wanted.Contains(OrganisationNames.Normalise(s.Affiliation)))
                tracks.Add(s.TrackId);
        foreach (var trackId in tracks)
            await detection.RefreshAsync(trackId, cancellationToken);
    }
}
