using System.Collections.Concurrent;

namespace ReviewPortal.Application.Features.Schedule;

/// <summary>
/// The signal that a track's published schedule changed. Publishing calls <see cref="Invalidate"/> after its commit
/// (AfterCommit), so this node serves the new version at the next request; other nodes see it when their entries
/// expire (<see cref="PublishedScheduleCacheOptions.Seconds"/>).
/// </summary>
public interface IPublishedScheduleCache
{
    void Invalidate(Guid trackId);
}

/// <summary>Told of every <see cref="IPublishedScheduleCache.Invalidate"/>, e.g. the web layer's output cache, which keeps rendered responses.</summary>
public interface IPublishedScheduleListener
{
    void Invalidated(Guid trackId);
}

public sealed class PublishedScheduleCacheOptions
{
    public const string Section = "Schedule";

    /// <summary>How long this node trusts what it knows of the latest versions before asking the database again (one statement).</summary>
    public int CacheSeconds { get; set; } = 5;
}

/// <summary>
/// Process-wide memory of the public schedules (ADR 0030): per conference or track, which versions are the latest and
/// the schedule built from them, with every export rendered from it. A published version never changes, so an entry
/// whose versions are unchanged after its time-to-live is kept as it is (schedule and rendered files too); only
/// finding out costs one statement every few seconds per scope, not one per request.
/// Unknown conferences and tracks are never remembered (random slugs must not grow it).
/// </summary>
public sealed class PublishedScheduleCache(
    TimeProvider clock,
    PublishedScheduleCacheOptions options,
    IEnumerable<IPublishedScheduleListener> listeners) : IPublishedScheduleCache
{
    private readonly ConcurrentDictionary<string, PublishedScheduleEntry> _entries = new(StringComparer.Ordinal);
    private readonly IPublishedScheduleListener[] _listeners = listeners.ToArray();

    private TimeSpan Lifetime => TimeSpan.FromSeconds(Math.Max(0, options.CacheSeconds));

    /// <summary>The entry for <paramref name="key"/> if it is younger than the time-to-live.</summary>
    public PublishedScheduleEntry? FindFresh(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
            return null;
        return clock.GetUtcNow() - entry.CheckedUtc < Lifetime ? entry : null;
    }

    /// <summary>The entry for <paramref name="key"/> whatever its age: its schedule and files are reused if the versions are the same.</summary>
    public PublishedScheduleEntry? FindAny(string key) => _entries.GetValueOrDefault(key);

    public PublishedScheduleEntry Store(string key, PublishedScheduleEntry entry)
    {
        _entries[key] = entry;
        return entry;
    }

    public DateTimeOffset Now => clock.GetUtcNow();

    public void Invalidate(Guid trackId)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.TrackIds.Contains(trackId))
                _entries.TryRemove(key, out _);
        }

        foreach (var listener in _listeners)
            listener.Invalidated(trackId);
    }

    public static string KeyOf(string conferenceSlug, string? trackSlug, int? version) =>
        $"{conferenceSlug}|{trackSlug}|{version}";
}

/// <summary>
/// What one scope (a conference, a track, a track's given version) shows now. <see cref="TrackIds"/> are every track
/// of the scope, published or not, so the first publish of any of them invalidates it.
/// </summary>
public sealed class PublishedScheduleEntry(PublicScheduleResult result, IReadOnlySet<Guid> trackIds, DateTimeOffset checkedUtc)
{
    public PublicScheduleResult Result { get; } = result;
    public IReadOnlySet<Guid> TrackIds { get; } = trackIds;
    public DateTimeOffset CheckedUtc { get; } = checkedUtc;

    /// <summary>Rendered exports of <see cref="Result"/>, by format (and speaker); shared by the entries of one version.</summary>
    public ConcurrentDictionary<string, ScheduleFile> Files { get; private init; } = new(StringComparer.Ordinal);

    public PublishedScheduleEntry CheckedAgain(DateTimeOffset nowUtc) => new(Result, TrackIds, nowUtc) { Files = Files };
}
