using System.Globalization;
using ReviewPortal.Domain.Scheduling;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Schedule;

/// <summary>
/// What the public sees of a track's or a whole conference's timetable: only PUBLISHED versions (never the working
/// copy, notes or unreleased decisions), already merged across tracks and with breaks turned into instants. Immutable,
/// so one instance (and every export rendered from it) is shared by all requests until a newer version is published.
/// </summary>
public sealed record PublicSchedule(
    string ConferenceName,
    string ConferenceSlug,
    string TimeZoneId,
    DateOnly ConferenceStart,
    DateOnly ConferenceEnd,
    /// <summary>The track this schedule is of; null for the whole conference.</summary>
    PublicScheduleTrack? Track,
    /// <summary>The published tracks it contains, each with its version.</summary>
    IReadOnlyList<PublicScheduleTrack> Tracks,
    IReadOnlyList<GridRoom> Rooms,
    IReadOnlyList<PublicBreak> Breaks,
    IReadOnlyList<PublicTalk> Talks,
    /// <summary>Names the content exactly (versions and the names shown beside them): the ETag's body.</summary>
    string VersionTag)
{
    public TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, TimeZone);

    public DateOnly LocalDay(DateTimeOffset utc) => DateOnly.FromDateTime(ToLocal(utc).DateTime);

    /// <summary>"UTC-05:00" for an instant, the offset readers compare with their own clock.</summary>
    public string OffsetLabel(DateTimeOffset utc)
    {
        var offset = ToLocal(utc).Offset;
        return string.Create(CultureInfo.InvariantCulture, $"UTC{(offset < TimeSpan.Zero ? '-' : '+')}{offset.Duration():hh':'mm}");
    }

    /// <summary>The days that have a talk or a break, in the conference's zone, in order.</summary>
    public IReadOnlyList<DateOnly> Days { get; } =
        Talks.Select(t => t.StartUtc).Concat(Breaks.Select(b => b.StartUtc))
            .Select(u => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(u, TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId)).DateTime))
            .Distinct().Order().ToList();

    public string Path => Track is null ? $"/c/{ConferenceSlug}/schedule" : $"/c/{ConferenceSlug}/{Track.Slug}/schedule";

    public static string TalkPath(string conferenceSlug, string trackSlug, Guid proposalId) => $"/c/{conferenceSlug}/{trackSlug}/talks/{proposalId}";

    public string TalkPath(PublicTalk talk) => TalkPath(ConferenceSlug, talk.TrackSlug, talk.ProposalId);

    /// <summary>A person's key for their own calendar: the account when the speaker has one (so talks in several tracks are one calendar), else the speaker row.</summary>
    public static Guid SpeakerKey(PublishedSpeaker speaker) => speaker.PersonId ?? speaker.SpeakerId;
}

public sealed record PublicScheduleTrack(Guid Id, string Name, string Slug, int SlotMinutes, int Version, DateTimeOffset PublishedUtc);

public sealed record PublicBreak(string TrackSlug, DateTimeOffset StartUtc, DateTimeOffset EndUtc, string Title);

public sealed record PublicTalk(
    Guid ProposalId,
    string TrackName,
    string TrackSlug,
    string Title,
    string Abstract,
    SubmissionKind Kind,
    IReadOnlyList<string> Topics,
    string Room,
    DateTimeOffset StartUtc,
    DateTimeOffset EndUtc,
    IReadOnlyList<PublishedSpeaker> Speakers)
{
    /// <summary>
    /// frab's integer event id (the formats require one). Proposal ids are UUIDv7, whose first bytes are a timestamp
    /// shared by talks imported together, so the id is taken from the random tail: stable across versions.
    /// </summary>
    public int FrabId
    {
        get
        {
            Span<byte> bytes = stackalloc byte[16];
            ProposalId.TryWriteBytes(bytes, bigEndian: true, out _);
            var tail = BitConverter.ToUInt32(bytes[12..]);
            return (int)(tail % (int.MaxValue - 1)) + 1;
        }
    }

    public string KindName => Kind == SubmissionKind.Talk ? "Talk" : Kind.ToString();
}
