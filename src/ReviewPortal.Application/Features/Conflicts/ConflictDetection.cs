using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
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
/// set-based: one read of each input, matching through the member indexes of <see cref="ConflictMatcher"/> (work grows with
/// the matches, not proposals × members), the stored rows compared in memory, and only the differences written, one
/// statement per kind of change (none when nothing changed). The chair's decisions stay:
/// a lifted conflict stays lifted, a confirmed one stays even when the rule no longer finds it.
/// Inside a command the refresh joins its transaction; outside one (the assignment job, the seeder) it opens its own.
/// Pending changes are saved first so detection sees them.
/// </summary>
public sealed partial class ConflictDetection(IApplicationDbContext db, TimeProvider clock, ILogger<ConflictDetection> logger)
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
        // Inside a command the reads share its transaction. Outside one (a job, the seeder) they need none (each statement
        // reads committed data either way), so an unchanged track costs no BEGIN/COMMIT; the writes commit together.
        var differences = await DifferencesAsync(trackId, submissionId, cancellationToken);
        if (differences is null || differences.IsEmpty)
            return;
        if (db.Database.CurrentTransaction is not null)
        {
            await WriteAsync(trackId, differences, cancellationToken);
            return;
        }
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await WriteAsync(trackId, differences, ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
    }

    /// <summary>What detection finds against what is stored; null when the track does not exist.</summary>
    private async Task<Differences?> DifferencesAsync(Guid trackId, Guid? submissionId, CancellationToken cancellationToken)
    {
        var lookback = await db.Tracks.Where(t => t.Id == trackId).Select(t => (int?)t.ConflictLookbackYears).SingleOrDefaultAsync(cancellationToken);
        if (lookback is null)
            return null;

        var members = await LoadMembersAsync(trackId, cancellationToken);
        var matcher = new ConflictMatcher(members, await LoadAliasesAsync(cancellationToken), clock.GetUtcNow().Year, lookback.Value);
        var proposals = await LoadProposalsAsync(trackId, submissionId, cancellationToken);
        var wanted = new Dictionary<(Guid, Guid, ConflictKind), DetectedConflict>();
        foreach (var proposal in proposals)
            foreach (var c in matcher.Detect(proposal))
                wanted[(c.ProposalId, c.PersonId, c.Kind)] = c;

        // The stored rows as plain values: a large track has tens of thousands, and tracking them as entities (to find
        // the few that changed) cost more than detection itself.
        var existingQuery = db.Conflicts.AsNoTracking().Where(c => c.TrackId == trackId && c.Kind != ConflictKind.Declared);
        if (submissionId is { } sid)
            existingQuery = existingQuery.Where(c => c.SubmissionId == sid);
        var existing = await existingQuery
            .Select(c => new StoredConflict(c.Id, c.SubmissionId, c.PersonId, c.Kind, c.Source, c.Reason, c.Active, c.ConfirmedByChair, c.ChairReason))
            .ToListAsync(cancellationToken);

        var reasonChanges = new Dictionary<Guid, string>();
        var vanished = new List<Guid>();
        foreach (var row in existing)
        {
            if (wanted.Remove((row.SubmissionId, row.PersonId, row.Kind), out var found))
            {
                if (row.Reason != found.Reason)
                    reasonChanges[row.Id] = found.Reason;
            }
            else if (row.Source == ConflictSource.Detected && !IsDecidedByChair(row))
            {
                vanished.Add(row.Id);
            }
        }

        LogRefreshed(logger, trackId, proposals.Count, members.Count, matcher.PairsExamined, wanted.Count, reasonChanges.Count, vanished.Count);
        return new Differences(vanished, reasonChanges, [.. wanted.Values]);
    }

    /// <summary>Only the differences, each kind in one statement whatever its size; nothing at all when nothing changed.</summary>
    private async Task WriteAsync(Guid trackId, Differences differences, CancellationToken cancellationToken)
    {
        var (vanished, reasonChanges, rows) = differences;
        var now = clock.GetUtcNow();
        if (vanished.Count > 0)
        {
            var ids = vanished.ToArray();
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "Conflicts" WHERE "Id" = ANY({ids})""", cancellationToken);
        }
        if (reasonChanges.Count > 0)
        {
            var ids = reasonChanges.Keys.ToArray();
            var reasons = ids.Select(id => reasonChanges[id]).ToArray();
            await db.Database.ExecuteSqlAsync($"""
                UPDATE "Conflicts" AS c SET "Reason" = u.reason, "UpdatedUtc" = {now}
                FROM unnest({ids}, {reasons}) AS u(id, reason)
                WHERE c."Id" = u.id
                """, cancellationToken);
        }
        if (rows.Length > 0)
        {
            var ids = rows.Select(_ => Guid.CreateVersion7()).ToArray();
            var proposalIds = rows.Select(r => r.ProposalId).ToArray();
            var personIds = rows.Select(r => r.PersonId).ToArray();
            var kinds = rows.Select(r => r.Kind.ToString()).ToArray();
            var reasons = rows.Select(r => r.Reason).ToArray();
            var detected = nameof(ConflictSource.Detected);
            // EF would send one INSERT per row (71,961 rows took 14 s at CVPR size); one INSERT … SELECT unnest is one
            // statement. A refresh running at the same time may have inserted the same row: the unique index keeps one.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Conflicts" ("Id", "TrackId", "SubmissionId", "PersonId", "Kind", "Source", "Reason", "Active", "ConfirmedByChair", "CreatedUtc", "UpdatedUtc")
                SELECT n.id, {trackId}, n.submission, n.person, n.kind, {detected}, n.reason, TRUE, FALSE, {now}, {now}
                FROM unnest({ids}, {proposalIds}, {personIds}, {kinds}, {reasons}) AS n(id, submission, person, kind, reason)
                ON CONFLICT ("SubmissionId", "PersonId", "Kind") DO NOTHING
                """, cancellationToken);
        }
        ForgetTracked(vanished, reasonChanges, now);
    }

    /// <summary>A refresh's changes: stored rows whose rule no longer holds, reasons to update, rows to insert.</summary>
    private sealed record Differences(List<Guid> Vanished, Dictionary<Guid, string> ReasonChanges, DetectedConflict[] Inserted)
    {
        public bool IsEmpty => Vanished.Count == 0 && ReasonChanges.Count == 0 && Inserted.Length == 0;
    }

    /// <summary>A caller's tracked copies of rows written above by statement: deleted ones go, changed ones take the new reason.</summary>
    private void ForgetTracked(List<Guid> vanished, Dictionary<Guid, string> reasonChanges, DateTimeOffset now)
    {
        if (vanished.Count == 0 && reasonChanges.Count == 0)
            return;
        var deleted = vanished.ToHashSet();
        foreach (var entry in db.ChangeTracker.Entries<Conflict>().ToList())
        {
            if (deleted.Contains(entry.Entity.Id))
            {
                entry.State = EntityState.Detached;
            }
            else if (reasonChanges.TryGetValue(entry.Entity.Id, out var reason))
            {
                entry.Entity.Reason = reason;
                entry.Entity.UpdatedUtc = now;
                entry.OriginalValues.SetValues(entry.CurrentValues);
                entry.State = EntityState.Unchanged;
            }
        }
    }

    /// <summary>A stored detected conflict, as the refresh compares it.</summary>
    private sealed record StoredConflict(Guid Id, Guid SubmissionId, Guid PersonId, ConflictKind Kind, ConflictSource Source, string Reason,
        bool Active, bool ConfirmedByChair, string? ChairReason);

    /// <summary>A chair's lift or confirmation outlives the rule that found the conflict.</summary>
    private static bool IsDecidedByChair(StoredConflict row) => row.ConfirmedByChair || !row.Active || row.ChairReason is not null;

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Conflicts of track {TrackId} refreshed: {Proposals} proposals, {Members} members, {Pairs} speaker-member pairs examined; {Inserted} inserted, {Updated} reasons updated, {Deleted} deleted")]
    private static partial void LogRefreshed(ILogger logger, Guid trackId, int proposals, int members, long pairs, int inserted, int updated, int deleted);

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
                // In their order: a reason lists the speakers as the proposal does, and the same every refresh.
                Speakers = s.Speakers.OrderBy(sp => sp.Order).Select(sp => new SpeakerFacts(sp.Name, sp.Email, sp.Affiliation, sp.PersonId, sp.Person != null ? sp.Person.Email : null)).ToList(),
            })
            .AsSingleQuery() // a speaker or two per proposal: one statement, not two
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ProposalSpeakers(r.Id, r.Title, r.CreatedById, r.Speakers)).ToList();
    }

    private async Task<IReadOnlyDictionary<string, (string Canonical, string Display)>> LoadAliasesAsync(CancellationToken cancellationToken) =>
        (await db.OrganisationAliases.AsNoTracking().Select(a => new { a.Alias, a.Canonical, a.DisplayCanonical }).ToListAsync(cancellationToken))
        .ToDictionary(a => a.Alias, a => (a.Canonical, a.DisplayCanonical), StringComparer.Ordinal);
}
