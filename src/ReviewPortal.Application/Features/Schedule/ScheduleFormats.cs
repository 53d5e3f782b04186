using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ReviewPortal.Application.Features.Schedule;

public enum ScheduleFormat
{
    Xml,
    Json,
    Ics,
    Csv,
}

/// <summary>A rendered export: the bytes are shared by every request for the same version.</summary>
public sealed record ScheduleFile(byte[] Content, string ContentType, string FileName, string ETag)
{
    /// <summary>Every track of the file's scope (published or not): a publish of any of them makes it stale.</summary>
    public IReadOnlyCollection<Guid> TrackIds { get; init; } = [];
}

/// <summary>What the frab formats and iCal need beyond the schedule: absolute links (the public base URL).</summary>
public sealed record ScheduleLinks(string BaseUrl)
{
    public string Absolute(string path) => BaseUrl.TrimEnd('/') + path;
}

/// <summary>The pieces the frab XML and JSON writers share, so both say the same (identifiers, slugs, local times).</summary>
internal static partial class Frab
{
    public const string SchemaUrl = "https://c3voc.de/schedule/schema.json";
    public const string Generator = "ReviewPortal";

    /// <summary>
    /// frab's acronym: both schemas want lowercase letters, digits and underscores, at least four (the JSON schema
    /// allows a hyphen only in a "-2023-name" suffix), so other characters become underscores.
    /// </summary>
    public static string Acronym(PublicSchedule schedule)
    {
        var raw = schedule.Track is null ? schedule.ConferenceSlug : schedule.ConferenceSlug + "_" + schedule.Track.Slug;
        var acronym = NotAcronym().Replace(raw.ToLowerInvariant(), "_");
        return acronym.PadRight(4, '_');
    }

    /// <summary>"acronym-1234-title-words": unique per event (it holds the event's id) and valid for both schemas.</summary>
    public static string Slug(PublicSchedule schedule, PublicTalk talk)
    {
        var words = NotSlug().Replace(talk.Title.ToLowerInvariant(), "-").Trim('-');
        if (words.Length > 60)
            words = words[..60].TrimEnd('-');
        return $"{Acronym(schedule)}-{talk.FrabId.ToString(CultureInfo.InvariantCulture)}-{(words.Length == 0 ? "talk" : words)}";
    }

    /// <summary>A track's slug where frab's pattern accepts it, else none (the name is always given).</summary>
    public static string? TrackSlug(string slug) => TrackSlugPattern().IsMatch(slug) ? slug : null;

    /// <summary>frab wants "Region/City" or UTC; other zone ids are left out (times carry their offsets anyway).</summary>
    public static string? ZoneName(string zone) => ZonePattern().IsMatch(zone) ? zone : null;

    /// <summary>A room's guid, derived from the conference and the room's name so it is the same in every version (RFC 4122 name-based layout).</summary>
    public static Guid RoomGuid(PublicSchedule schedule, string room)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{schedule.ConferenceSlug}/room/{room}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public static string LocalDateTime(PublicSchedule schedule, DateTimeOffset utc) =>
        schedule.ToLocal(utc).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string LocalTime(PublicSchedule schedule, DateTimeOffset utc) =>
        schedule.ToLocal(utc).ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan span) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours:00}:{span.Minutes:00}");

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A day runs from local midnight to the next (the conference's zone), so a talk is on the day its attendees see.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) DayBounds(PublicSchedule schedule, DateOnly day)
    {
        var conference = new Domain.Conferences.Conference { TimeZoneId = schedule.TimeZoneId };
        return (conference.FromLocal(day.ToDateTime(TimeOnly.MinValue)), conference.FromLocal(day.AddDays(1).ToDateTime(TimeOnly.MinValue)));
    }

    public static string SlotDuration(PublicSchedule schedule) =>
        Duration(TimeSpan.FromMinutes(schedule.Track?.SlotMinutes ?? schedule.Tracks.Select(t => t.SlotMinutes).DefaultIfEmpty(30).Min()));

    /// <summary>The conference's dates, widened to the days that have talks (a schedule never lies outside its own header).</summary>
    public static (DateOnly Start, DateOnly End) Dates(PublicSchedule schedule)
    {
        var start = schedule.Days.Count > 0 && schedule.Days[0] < schedule.ConferenceStart ? schedule.Days[0] : schedule.ConferenceStart;
        var end = schedule.Days.Count > 0 && schedule.Days[^1] > schedule.ConferenceEnd ? schedule.Days[^1] : schedule.ConferenceEnd;
        return (start, end < start ? start : end);
    }

    public static IEnumerable<PublicTalk> TalksOn(PublicSchedule schedule, DateOnly day, string room) =>
        schedule.Talks.Where(t => t.Room == room && schedule.LocalDay(t.StartUtc) == day);

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex NotAcronym();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();

    [GeneratedRegex("^[a-z][a-z0-9-]*[a-z0-9]$")]
    private static partial Regex TrackSlugPattern();

    [GeneratedRegex("^(([A-Z][a-z]+/[A-Z][A-Za-z_]+)|UTC)$")]
    private static partial Regex ZonePattern();
}
