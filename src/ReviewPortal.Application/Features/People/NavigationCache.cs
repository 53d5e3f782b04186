using System.Collections.Concurrent;

namespace ReviewPortal.Application.Features.People;

/// <summary>What the header and navigation show of a person: their name and committee seats.</summary>
public sealed record PersonNavigation(string DisplayName, IReadOnlyList<CommitteeSeat> Committees);

/// <summary>
/// Every signed-in page shows the person's name and seats; reading them from the database on each page cost two
/// statements per request. This keeps them in memory per person. Changes to people, committee seats, tracks and
/// conferences invalidate the entries when they commit (the EF interceptor in Infrastructure, so no command has to
/// remember to), and an entry lives at most <see cref="Lifetime"/>, which bounds how stale another app node can be.
/// </summary>
public sealed class NavigationCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private const int PruneEvery = 1024;

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private long _generation; // bumped by InvalidateAll
    private long _versions;   // unique version numbers for invalidated people
    private int _sets;

    /// <summary>Taken before reading the database; a value read under a stamp that an invalidation overtook is not kept.</summary>
    public readonly record struct Stamp(long Generation, long Version);

    private sealed class Entry(long generation, long version, PersonNavigation? value, DateTimeOffset expires)
    {
        public long Generation { get; } = generation;
        public long Version { get; } = version;
        public PersonNavigation? Value { get; } = value;
        public DateTimeOffset Expires { get; } = expires;
    }

    public bool TryGet(Guid personId, out PersonNavigation? value, out Stamp stamp)
    {
        var generation = Interlocked.Read(ref _generation);
        _entries.TryGetValue(personId, out var entry);
        stamp = new Stamp(generation, entry?.Version ?? 0);
        value = entry is { Value: not null } && entry.Generation == generation && entry.Expires > clock.GetUtcNow() ? entry.Value : null;
        return value is not null;
    }

    public void Set(Guid personId, Stamp stamp, PersonNavigation value)
    {
        var fresh = new Entry(stamp.Generation, stamp.Version, value, clock.GetUtcNow() + Lifetime);
        _entries.AddOrUpdate(personId, fresh, (_, current) => current.Version == stamp.Version ? fresh : current);
        if (Interlocked.Increment(ref _sets) % PruneEvery == 0)
            Prune();
    }

    /// <summary>The person's name or seats changed.</summary>
    public void Invalidate(Guid personId)
    {
        var tombstone = new Entry(0, Interlocked.Increment(ref _versions), null, DateTimeOffset.MaxValue);
        _entries[personId] = tombstone;
    }

    /// <summary>Something many people's navigation shows changed (a track's or conference's name or address).</summary>
    public void InvalidateAll() => Interlocked.Increment(ref _generation);

    /// <summary>Drops expired entries so people who left do not stay in memory; invalidation marks stay (they are few).</summary>
    private void Prune()
    {
        var now = clock.GetUtcNow();
        foreach (var pair in _entries)
        {
            if (pair.Value.Value is not null && pair.Value.Expires <= now)
                _entries.TryRemove(pair);
        }
    }
}
