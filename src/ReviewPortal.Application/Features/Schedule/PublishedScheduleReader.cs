using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Scheduling;

namespace ReviewPortal.Application.Features.Schedule;

/// <summary>A scope's public schedule, or (<see cref="Schedule"/> null) the names for a "not published yet" page.</summary>
public sealed record PublicScheduleResult(
    string ConferenceName,
    string ConferenceSlug,
    string TimeZoneId,
    string? TrackName,
    string? TrackSlug,
    PublicSchedule? Schedule)
{
    /// <summary>Every track of the scope, published or not: a publish of any of them makes this result stale.</summary>
    public IReadOnlyCollection<Guid> TrackIds { get; init; } = [];
}

/// <summary>
/// Reads the latest published version of a track, of every track of a conference, or a given version of a track,
/// through <see cref="PublishedScheduleCache"/>: one statement per scope every few seconds to learn the version
/// numbers, and the published rows only when a number changed. Only <see cref="PublishedTimetable"/> is read: the
/// working copy, notes and decisions never reach the public schedule.
/// </summary>
public sealed class PublishedScheduleReader(IApplicationDbContext db, PublishedScheduleCache cache)
{
    public async ValueTask<PublishedScheduleEntry> GetAsync(string conferenceSlug, string? trackSlug, int? version, CancellationToken ct)
    {
        var key = PublishedScheduleCache.KeyOf(conferenceSlug, trackSlug, version);
        if (cache.FindFresh(key) is { } fresh)
            return fresh;

        var now = cache.Now;
        var tracks = await db.Tracks.AsNoTracking()
            .Where(t => t.Conference.Slug == conferenceSlug && (trackSlug == null || t.Slug == trackSlug))
            .OrderBy(t => t.Name).ThenBy(t => t.Id)
            .Select(t => new ScopeTrack(
                t.Conference.Name, t.Conference.Slug, t.Conference.TimeZoneId, t.Conference.StartDate, t.Conference.EndDate,
                t.Id, t.Name, t.Slug, t.SlotMinutes,
                db.Timetables.Where(x => x.TrackId == t.Id).Select(x => x.PublishedVersion).FirstOrDefault()))
            .ToListAsync(ct);

        if (tracks.Count == 0)
        {
            if (trackSlug is not null)
                throw NotFoundException.For("Track", $"{conferenceSlug}/{trackSlug}");
            var conference = await db.Conferences.AsNoTracking().Where(c => c.Slug == conferenceSlug)
                .Select(c => new { c.Name, c.TimeZoneId }).SingleOrDefaultAsync(ct)
                ?? throw NotFoundException.For("Conference", conferenceSlug);
            return cache.Store(key, new PublishedScheduleEntry(
                new PublicScheduleResult(conference.Name, conferenceSlug, conference.TimeZoneId, null, null, null), new HashSet<Guid>(), now));
        }

        var first = tracks[0];
        var scopeTrack = trackSlug is null ? null : first;
        if (version is not null && (scopeTrack?.PublishedVersion is not { } latest || version < 1 || version > latest))
            throw NotFoundException.For("Published version", $"{conferenceSlug}/{trackSlug} {version}");

        var chosen = tracks.Where(t => t.PublishedVersion is not null)
            .Select(t => (Track: t, Number: version ?? t.PublishedVersion!.Value)).ToList();
        var trackIds = tracks.Select(t => t.Id).ToHashSet();
        var tag = VersionTag(first, trackSlug is null, chosen);

        if (cache.FindAny(key) is { } known && (known.Result.Schedule?.VersionTag ?? "") == tag)
            return cache.Store(key, known.CheckedAgain(now));

        PublicSchedule? schedule = null;
        if (chosen.Count > 0)
        {
            var ids = chosen.Select(c => c.Track.Id).ToList();
            var numbers = chosen.Select(c => c.Number).Distinct().ToList();
            var rows = await db.PublishedTimetables.AsNoTracking()
                .Where(p => ids.Contains(p.TrackId) && numbers.Contains(p.Number))
                .ToListAsync(ct);
            var published = chosen
                .Select(c => (c.Track, Version: rows.SingleOrDefault(r => r.TrackId == c.Track.Id && r.Number == c.Number)))
                .Where(c => c.Version is not null)
                .Select(c => (c.Track, Version: c.Version!))
                .ToList();
            if (published.Count > 0)
                schedule = Build(first, scopeTrack, published, tag);
        }

        var result = new PublicScheduleResult(first.ConferenceName, first.ConferenceSlug, first.TimeZoneId,
            scopeTrack?.Name, scopeTrack?.Slug, schedule) { TrackIds = trackIds };
        return cache.Store(key, new PublishedScheduleEntry(result, trackIds, now));
    }

    /// <summary>The schedule, or 404 saying it is not published yet (exports, talk pages).</summary>
    public async ValueTask<(PublishedScheduleEntry Entry, PublicSchedule Schedule)> GetPublishedAsync(
        string conferenceSlug, string? trackSlug, CancellationToken ct)
    {
        var entry = await GetAsync(conferenceSlug, trackSlug, null, ct);
        return entry.Result.Schedule is { } schedule
            ? (entry, schedule)
            : throw new NotFoundException($"The schedule of {entry.Result.TrackName ?? entry.Result.ConferenceName} is not published yet.");
    }

    private static PublicSchedule Build(ScopeTrack first, ScopeTrack? scopeTrack, List<(ScopeTrack Track, PublishedTimetable Version)> published, string tag)
    {
        var conference = new Conference { Name = first.ConferenceName, Slug = first.ConferenceSlug, TimeZoneId = first.TimeZoneId };
        var tracks = published.Select(p => new PublicScheduleTrack(p.Track.Id, p.Track.Name, p.Track.Slug, p.Track.SlotMinutes,
            p.Version.Number, p.Version.PublishedUtc)).ToList();

        // Rooms of every track, merged by name (one room used by two tracks is one column), in the grids' order.
        var rooms = new List<GridRoom>();
        foreach (var room in published.SelectMany(p => p.Version.Rooms))
        {
            var same = rooms.FindIndex(r => string.Equals(r.Name, room.Name, StringComparison.Ordinal));
            if (same < 0)
                rooms.Add(new GridRoom { Name = room.Name, Capacity = room.Capacity });
            else if (room.Capacity > rooms[same].Capacity)
                rooms[same] = new GridRoom { Name = room.Name, Capacity = room.Capacity };
        }

        var talks = published
            .SelectMany(p => p.Version.Slots.Select(s => new PublicTalk(s.ProposalId, p.Track.Name, p.Track.Slug, s.Title, s.Abstract,
                s.Kind, s.Topics, s.Room, s.StartUtc, s.EndUtc, s.Speakers)))
            .OrderBy(t => t.StartUtc).ThenBy(t => rooms.FindIndex(r => r.Name == t.Room)).ThenBy(t => t.Title, StringComparer.Ordinal)
            .ToList();
        foreach (var room in talks.Select(t => t.Room).Distinct().Where(name => rooms.All(r => r.Name != name)).ToList())
            rooms.Add(new GridRoom { Name = room });

        var breaks = published
            .SelectMany(p => p.Version.Breaks.Select(b => new PublicBreak(p.Track.Slug,
                conference.FromLocal(b.Day.ToDateTime(b.Start)), conference.FromLocal(b.Day.ToDateTime(b.End)), b.Title)))
            .OrderBy(b => b.StartUtc).ToList();

        return new PublicSchedule(first.ConferenceName, first.ConferenceSlug, first.TimeZoneId, first.ConferenceStart, first.ConferenceEnd,
            scopeTrack is null ? null : tracks[0], tracks, rooms, breaks, talks, tag);
    }

    /// <summary>Versions and everything shown beside them (names, zone): equal tags mean equal pages and files.</summary>
    private static string VersionTag(ScopeTrack first, bool conferenceScope, List<(ScopeTrack Track, int Number)> chosen)
    {
        var text = new StringBuilder()
            .Append(conferenceScope ? "conference|" : "track|")
            .Append(first.ConferenceName).Append('|').Append(first.TimeZoneId).Append('|')
            .Append(first.ConferenceStart).Append('|').Append(first.ConferenceEnd);
        foreach (var (track, number) in chosen)
            text.Append('|').Append(track.Id).Append(':').Append(number).Append(':').Append(track.Name).Append(':').Append(track.Slug);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
        var versions = string.Join('.', chosen.Select(c => c.Number));
        return chosen.Count == 0 ? "none-" + hash : $"v{versions}-{hash}";
    }

    private sealed record ScopeTrack(
        string ConferenceName, string ConferenceSlug, string TimeZoneId, DateOnly ConferenceStart, DateOnly ConferenceEnd,
        Guid Id, string Name, string Slug, int SlotMinutes, int? PublishedVersion);
}
