using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Auditing;

/// <summary>
/// The audit log: who changed what and when, newest first, a page at a time. Admins see everything; a chair sees the
/// entries of the tracks they chair (a track filter they do not chair is 403). Filters: track, actor (name or e-mail,
/// substring), action, and a date range in UTC (inclusive days).
/// </summary>
public sealed record ListAuditEntries(
    Guid? TrackId = null, string? Actor = null, string? Action = null, DateOnly? From = null, DateOnly? To = null, int Page = 1)
    : IQuery<AuditLog>;

public sealed record AuditLog(
    IReadOnlyList<AuditRow> Entries, int Page, int PageSize, int Total, IReadOnlyList<AuditTrackOption> Tracks, IReadOnlyList<string> Actions)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record AuditRow(DateTimeOffset AtUtc, string At, string Actor, string Action, string EntityType, Guid EntityId, string? TrackName, string Details);

public sealed record AuditTrackOption(Guid Id, string Name);

public sealed class ListAuditEntriesValidator : AbstractValidator<ListAuditEntries>
{
    public ListAuditEntriesValidator()
    {
        RuleFor(x => x.Actor).MaximumLength(256);
        RuleFor(x => x.Action).MaximumLength(100);
        RuleFor(x => x.Page).InclusiveBetween(1, 100_000).WithMessage("The page number must be 1 or more.");
        RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.From is not null && x.To is not null)
            .WithMessage("The end date must not be before the start date.");
    }
}

public sealed class ListAuditEntriesHandler(IApplicationDbContext db, TrackAccess access, ICurrentUser currentUser)
    : IQueryHandler<ListAuditEntries, AuditLog>
{
    public const int PageSize = 50;

    public async ValueTask<AuditLog> Handle(ListAuditEntries query, CancellationToken cancellationToken)
    {
        var me = currentUser.Id ?? throw new UnauthenticatedException();
        var admin = access.IsAdminOrSystem;
        var tracks = await db.Tracks.AsNoTracking()
            .Where(t => admin || t.Committee.Any(m => m.PersonId == me && m.Role == CommitteeRole.Chair))
            .OrderBy(t => t.Name)
            .Select(t => new { t.Id, t.Name, t.Conference.TimeZoneId, Conference = t.Conference.Name })
            .ToListAsync(cancellationToken);
        if (!admin && tracks.Count == 0)
            throw new ForbiddenAccessException("The audit log is for track chairs and site admins.");
        if (query.TrackId is { } wanted && tracks.All(t => t.Id != wanted))
        {
            await access.GetTrackForChairAsync(wanted, cancellationToken); // 404 for an unknown track, 403 for one not chaired
            throw new ForbiddenAccessException("Only the track's chair can read its audit log.");
        }

        var entries = db.AuditEntries.AsNoTracking();
        if (query.TrackId is { } trackId)
            entries = entries.Where(e => e.TrackId == trackId);
        else if (!admin)
        {
            var mine = tracks.Select(t => (Guid?)t.Id).ToList();
            entries = entries.Where(e => mine.Contains(e.TrackId));
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
            entries = entries.Where(e => e.Action == query.Action.Trim());
        if (query.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(e => e.AtUtc >= start);
        }

        if (query.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(e => e.AtUtc < end);
        }

        var rows = entries.GroupJoin(db.People, e => e.ActorId, p => (Guid?)p.Id, (e, people) => new { e, people })
            .SelectMany(x => x.people.DefaultIfEmpty(), (x, p) => new { x.e, ActorName = p == null ? null : p.DisplayName, ActorEmail = p == null ? null : p.Email });
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var pattern = "%" + query.Actor.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            rows = rows.Where(r => EF.Functions.Like(r.ActorName!.ToLower(), pattern, "\\") || EF.Functions.Like(r.ActorEmail!.ToLower(), pattern, "\\"));
        }

        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.OrderByDescending(r => r.e.AtUtc).ThenByDescending(r => r.e.Id)
            .Skip((query.Page - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);

        // Times in the track's conference zone where the entry belongs to a track; in UTC otherwise.
        var byTrack = tracks.ToDictionary(t => t.Id);
        var conferenceZones = new Dictionary<Guid, Conference>();
        string When(DateTimeOffset at, Guid? track) => track is { } id && byTrack.TryGetValue(id, out var t)
            ? (conferenceZones.TryGetValue(id, out var c) ? c : conferenceZones[id] = new Conference { TimeZoneId = t.TimeZoneId }).Format(at)
            : at.UtcDateTime.ToString("ddd d MMM yyyy, HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

        var actions = await db.AuditEntries.AsNoTracking().Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        return new AuditLog(
            page.Select(r => new AuditRow(r.e.AtUtc, When(r.e.AtUtc, r.e.TrackId),
                r.e.ActorId is null ? "the system" : r.ActorName is null ? r.e.ActorId.ToString()! : $"{r.ActorName} ({r.ActorEmail})",
                r.e.Action, r.e.EntityType, r.e.EntityId,
                r.e.TrackId is { } tid && byTrack.TryGetValue(tid, out var tr) ? tr.Name : null,
                r.e.Details)).ToList(),
            query.Page, PageSize, total,
            tracks.Select(t => new AuditTrackOption(t.Id, $"{t.Name} ({t.Conference})")).ToList(),
            actions);
    }
}
