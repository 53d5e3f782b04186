using System.Collections.Concurrent;
using System.Globalization;

namespace ReviewPortal.Domain.Conferences;

/// <summary>A conference: an event in one IANA time zone, with tracks that run their own calls for proposals.</summary>
public class Conference
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    /// <summary>IANA zone id, e.g. America/New_York. Times are stored in UTC and shown in this zone.</summary>
    public string TimeZoneId { get; set; } = "UTC";
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public List<Track> Tracks { get; set; } = [];

    // The runtime's own lookup takes a lock on every call, and a list formats a time per row.
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);

    public TimeZoneInfo TimeZone => Zones.GetOrAdd(TimeZoneId, TimeZoneInfo.FindSystemTimeZoneById);

    public DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, TimeZone);

    /// <summary>Converts a wall-clock time in the conference's zone to UTC.</summary>
    public DateTimeOffset FromLocal(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset = TimeZone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset).ToUniversalTime();
    }

    /// <summary>
    /// Why a wall-clock time cannot be turned into one instant, or null if it can: a time skipped when the clocks go
    /// forward does not exist, and one in the hour repeated when they go back happens twice (both instants named).
    /// </summary>
    public string? ExplainUnclearLocalTime(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var zone = TimeZone;
        var shown = unspecified.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        if (zone.IsInvalidTime(unspecified))
            return $"{shown} does not exist in {TimeZoneId}: the clocks go forward then. Choose another time.";
        if (!zone.IsAmbiguousTime(unspecified))
            return null;
        var instants = zone.GetAmbiguousTimeOffsets(unspecified).OrderByDescending(o => o)
            .Select(o => Format(new DateTimeOffset(unspecified, o)) + $" = {new DateTimeOffset(unspecified, o).UtcDateTime:HH:mm} UTC");
        return $"{shown} happens twice in {TimeZoneId}, because the clocks go back then: {string.Join(", or ", instants)}. "
            + "Choose a time outside that hour.";
    }

    /// <summary>"Tue 14 Nov 2023, 17:00 UTC-05:00 (America/New_York)": how every time is shown to people.</summary>
    public string Format(DateTimeOffset utc)
    {
        var local = ToLocal(utc);
        var sign = local.Offset < TimeSpan.Zero ? '-' : '+';
        return string.Create(CultureInfo.InvariantCulture, $"{local:ddd d MMM yyyy, HH:mm} UTC{sign}{local.Offset.Duration():hh':'mm} ({TimeZoneId})");
    }

    public static bool IsValidTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
