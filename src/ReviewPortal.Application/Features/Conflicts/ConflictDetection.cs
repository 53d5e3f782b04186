using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Conflicts;

/// <summary>Someone not yet on the committee (an invitee), for <see cref="ConflictDetection.PreviewAsync"/>.</summary>
public sealed record ConflictCandidate(string Name, string Email, IReadOnlyList<AffiliationPeriod> Affiliations, IReadOnlyList<string> EmailDomains);

/// <summary>A conflict the candidate would have.</summary>
public sealed record ConflictPreview(Guid ProposalId, string Title, ConflictKind Kind, string Reason);

/// <summary>
/// Detected conflicts of interest of a track: recomputed from the committee's profiles and the proposals' speakers,
/// set-based (one read of each input, matching in memory, only the differences written). The chair's decisions stay:
/// a lifted conflict stays lifted, a confirmed one stays even when the rule no longer finds it.
/// Callers run inside a command (its transaction); pending changes are saved first so detection sees them.
/// </summary>
public sealed class ConflictDetection(IApplicationDbContext db, TimeProvider clock)
{
    /// <summary>Recomputes the detected conflicts of the whole track (committee or alias changes).</summary>
    public Task RefreshAsync(Guid trackId, CancellationToken cancellationToken) => RefreshCoreAsync(trackId, null, cancellationToken);

    /// <summary>Recomputes the detected conflicts of one proposal (its speakers changed).</summary>
    public async Task RefreshProposalAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        var trackId = await db.Submissions.Where(s => s.Id == submissionId).Select(s => (Guid?)s.TrackId).SingleOrDefaultAsync(cancellationToken);
        if (trackId is { } id)
            await RefreshCoreAsync(id, submissionId, cancellationToken);
    }

    /// <summary>What conflicts a person would have on the track's proposals if they joined the committee.</summary>
    public async Task<IReadOnlyList<ConflictPreview>> PreviewAsync(Guid trackId, ConflictCandidate candidate, CancellationToken cancellationToken)
    {
        var lookback = await db.Tracks.Where(t => t.Id == trackId).Select(t => (int?)t.ConflictLookbackYears).SingleOrDefaultAsync(cancellationToken);
        if (lookback is null)
            return [];
        var profile = new MemberProfile(Guid.Empty, candidate.Name.Trim(), candidate.Email?.Trim() ?? "",
            candidate.Affiliations.Where(a => a is not null).ToList(), candidate.EmailDomains.Where(d => d is not null).ToList());
        var matcher = new ConflictMatcher([profile], await LoadAliasesAsync(cancellationToken), clock.GetUtcNow().Year, lookback.Value);
        var proposals = await LoadProposalsAsync(trackId, null, cancellationToken);
        return proposals
            .SelectMany(p => matcher.Detect(p).Select(c => new ConflictPreview(p.ProposalId, p.Title, c.Kind, c.Reason)))
            .OrderBy(c => c.Title, StringComparer.CurrentCulture).ThenBy(c => c.Kind)
            .ToList();
    }

    private async Task RefreshCoreAsync(Guid trackId, Guid? submissionId, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        var lookback = await db.Tracks.Where(t => t.Id == trackId).Select(t => (int?)t.ConflictLookbackYears).SingleOrDefaultAsync(cancellationToken);
        if (lookback is null)
            return;

        var members = await LoadMembersAsync(trackId, cancellationToken);
        var matcher = new ConflictMatcher(members, await LoadAliasesAsync(cancellationToken), clock.GetUtcNow().Year, lookback.Value);
        var proposals = await LoadProposalsAsync(trackId, submissionId, cancellationToken);
        var wanted = new Dictionary<(Guid, Guid, ConflictKind), DetectedConflict>();
        foreach (var proposal in proposals)
            foreach (var c in matcher.Detect(proposal))
                wanted[(c.ProposalId, c.PersonId, c.Kind)] = c;

        var existingQuery = db.Conflicts.Where(c => c.TrackId == trackId && c.Kind != ConflictKind.Declared);
        if (submissionId is { } sid)
            existingQuery = existingQuery.Where(c => c.SubmissionId == sid);
        var existing = await existingQuery.ToListAsync(cancellationToken);

        var now = clock.GetUtcNow();
        foreach (var row in existing)
        {
            if (wanted.Remove((row.SubmissionId, row.PersonId, row.Kind), out var found))
            {
                if (row.Reason != found.Reason)
                {
                    row.Reason = found.Reason;
                    row.UpdatedUtc = now;
                }
            }
            else if (row.Source == ConflictSource.Detected && !IsDecidedByChair(row))
            {
                db.Conflicts.Remove(row);
            }
        }

        foreach (var c in wanted.Values)
            db.Conflicts.Add(new Conflict
            {
                TrackId = trackId, SubmissionId = c.ProposalId, PersonId = c.PersonId, Kind = c.Kind, Source = ConflictSource.Detected,
                Reason = c.Reason, Active = true, CreatedUtc = now, UpdatedUtc = now,
            });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A chair's lift or confirmation outlives the rule that found the conflict.</summary>
    private static bool IsDecidedByChair(Conflict row) => row.ConfirmedByChair || !row.Active || row.ChairReason is not null;

    private async Task<List<MemberProfile>> LoadMembersAsync(Guid trackId, CancellationToken cancellationToken)
    {
        var rows = await db.CommitteeMembers.AsNoTracking()
            .Where(m => m.TrackId == trackId)
            .Select(m => new { m.PersonId, m.Person.DisplayName, m.Person.Email, m.Affiliations, m.Affiliation, PersonAffiliation = m.Person.Affiliation, m.EmailDomains })
            .ToListAsync(cancellationToken);
        return rows.Select(m => new MemberProfile(m.PersonId, m.DisplayName, m.Email,
                AffiliationsOf(m.Affiliations, m.Affiliation, m.PersonAffiliation), m.EmailDomains))
            .ToList();
    }

    /// <summary>The profile's list; before anyone filled it in, the seat's affiliation, else the account's, as current.</summary>
    internal static IReadOnlyList<AffiliationPeriod> AffiliationsOf(List<AffiliationPeriod>? periods, string? seatAffiliation, string? personAffiliation)
    {
        if (periods is { Count: > 0 })
            return periods;
        var fallback = !string.IsNullOrWhiteSpace(seatAffiliation) ? seatAffiliation : personAffiliation;
        return string.IsNullOrWhiteSpace(fallback) ? [] : [new AffiliationPeriod { Organisation = fallback }];
    }

    private async Task<List<ProposalSpeakers>> LoadProposalsAsync(Guid trackId, Guid? submissionId, CancellationToken cancellationToken)
    {
        // Organisers' items (the opening) are not reviewed or assigned: a conflict on them means nothing and would
        // only clutter the chair's matrix and an invitee's preview.
        var query = db.Submissions.AsNoTracking()
            .Where(s => s.TrackId == trackId && s.Status != SubmissionStatus.Draft && s.Kind == SubmissionKind.Talk);
        if (submissionId is { } sid)
            query = query.Where(s => s.Id == sid);
        var rows = await query
            .Select(s => new
            {
                s.Id, s.Title, s.CreatedById,
                Speakers = s.Speakers.Select(sp => new SpeakerFacts(sp.Name, sp.Email, sp.Affiliation, sp.PersonId, sp.Person != null ? sp.Person.Email : null)).ToList(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ProposalSpeakers(r.Id, r.Title, r.CreatedById, r.Speakers)).ToList();
    }

    private async Task<IReadOnlyDictionary<string, (string Canonical, string Display)>> LoadAliasesAsync(CancellationToken cancellationToken) =>
        (await db.OrganisationAliases.AsNoTracking().Select(a => new { a.Alias, a.Canonical, a.DisplayCanonical }).ToListAsync(cancellationToken))
        .ToDictionary(a => a.Alias, a => (a.Canonical, a.DisplayCanonical), StringComparer.Ordinal);
}
