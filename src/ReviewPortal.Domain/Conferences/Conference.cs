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

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, TimeZone);

    /// <summary>Converts a wall-clock time in the conference's zone to UTC.</summary>
    public DateTimeOffset FromLocal(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset = TimeZone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset).ToUniversalTime();
    }

    /// <summary>"Tue 14 Nov 2023, 17:00 UTC-05:00 (America/New_York)": how every time is shown to people.</summary>
    public string Format(DateTimeOffset utc)
    {
        var local = ToLocal(utc);
        var sign = local.Offset < TimeSpan.Zero ? "-" : "+";
        var offset = "UTC" + sign + local.Offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        return local.ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + $" {offset} ({TimeZoneId})";
    }

    public static bool IsValidTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
