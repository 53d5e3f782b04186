using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.Application.Features.Schedule;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.People;
using ReviewPortal.Domain.Scheduling;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Schedule;

/// <summary>A conference with the LPC 2023 eBPF &amp; Networking track as it really ran, for the public schedule's tests.</summary>
public sealed record SeededSchedule(Guid ConferenceId, string ConferenceSlug, Guid TrackId, string TrackSlug, Guid PublisherId, IReadOnlyList<PublishedSlot> Slots)
{
    public string TrackPath => $"/c/{ConferenceSlug}/{TrackSlug}";
}

/// <summary>
/// Writes published versions as test data through the DbContext (the publish command is another part of the work):
/// the LPC talks at their real times in the real grid (three days, one room, the breaks between the blocks).
/// </summary>
public static class PublishedSchedules
{
    public const string Room = "Main room";
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private sealed record LpcFile(List<LpcTalk> Talks);
    private sealed record LpcTalk(string Title, List<LpcSpeaker> Speakers, DateTime? Start, int DurationMinutes, string Kind, string? AbstractExcerpt);
    private sealed record LpcSpeaker(string Name, string? Affiliation);

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly Lazy<LpcFile> Lpc = new(() => JsonSerializer.Deserialize<LpcFile>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schedule", "lpc2023-ebpf-networking.json")), Web)!);

    /// <summary>A conference and track; with <paramref name="publish"/> its version 1 holds the 38 talks and the opening.</summary>
    public static async Task<SeededSchedule> SeedAsync(ReviewPortalApp app, bool publish = true, Guid? conferenceId = null, string trackSlug = "ebpf-net", string room = Room)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        return await app.WithDbAsync(async db =>
        {
            var conference = conferenceId is { } known
                ? await db.Conferences.SingleAsync(c => c.Id == known)
                : db.Conferences.Add(new Conference
                {
                    Name = $"Linux Plumbers Conference 2023 ({suffix})", Slug = $"lpc-{suffix}", TimeZoneId = "America/New_York",
                    StartDate = new DateOnly(2023, 11, 13), EndDate = new DateOnly(2023, 11, 15),
                }).Entity;
            var track = db.Tracks.Add(new Track
            {
                ConferenceId = conference.Id, Name = $"eBPF & Networking {suffix}", Slug = trackSlug, Description = "",
                CfpOpensUtc = new DateTimeOffset(2023, 6, 1, 0, 0, 0, TimeSpan.Zero), CfpClosesUtc = new DateTimeOffset(2023, 8, 1, 0, 0, 0, TimeSpan.Zero),
                ReviewDeadlineUtc = new DateTimeOffset(2023, 9, 1, 0, 0, 0, TimeSpan.Zero),
            }).Entity;
            var publisher = db.People.Add(new Person
            {
                Id = Guid.NewGuid(), DisplayName = "Chair " + suffix, Email = $"chair-{suffix}@example.org", CreatedUtc = DateTimeOffset.UtcNow,
            }).Entity;
            var slots = LpcSlots(room);
            db.Timetables.Add(new Timetable { TrackId = track.Id, Rooms = [new GridRoom { Name = room, Capacity = 300 }], PublishedVersion = publish ? 1 : null });
            if (publish)
                db.PublishedTimetables.Add(Version(track.Id, 1, publisher.Id, slots, room));
            await db.SaveChangesAsync();
            return new SeededSchedule(conference.Id, conference.Slug, track.Id, track.Slug, publisher.Id, slots);
        });
    }

    /// <summary>Publishes version <paramref name="number"/> with <paramref name="slots"/> (as the publish command will: row, then the pointer).</summary>
    public static async Task PublishAsync(ReviewPortalApp app, SeededSchedule seeded, int number, IReadOnlyList<PublishedSlot> slots, bool invalidate = true)
    {
        await app.WithDbAsync(async db =>
        {
            db.PublishedTimetables.Add(Version(seeded.TrackId, number, seeded.PublisherId, slots, Room));
            var timetable = await db.Timetables.SingleAsync(t => t.TrackId == seeded.TrackId);
            timetable.PublishedVersion = number;
            return await db.SaveChangesAsync();
        });
        if (invalidate)
            app.Services.GetRequiredService<IPublishedScheduleCache>().Invalidate(seeded.TrackId);
    }

    public static DateTimeOffset Utc(DateTime local) => new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();

    private static PublishedTimetable Version(Guid trackId, int number, Guid publisherId, IReadOnlyList<PublishedSlot> slots, string room) => new()
    {
        TrackId = trackId, Number = number, PublishedById = publisherId, PublishedUtc = new DateTimeOffset(2023, 11, 1, 15, 0, 0, TimeSpan.Zero).AddDays(number),
        Rooms = [new GridRoom { Name = room, Capacity = 300 }],
        Breaks = [.. new[] { 13, 14, 15 }.SelectMany(d => new[]
        {
            new GridBreak { Day = new DateOnly(2023, 11, d), Start = new TimeOnly(11, 0), End = new TimeOnly(11, 30), Title = "Coffee break" },
            new GridBreak { Day = new DateOnly(2023, 11, d), Start = new TimeOnly(13, 0), End = new TimeOnly(14, 30), Title = "Lunch" },
            new GridBreak { Day = new DateOnly(2023, 11, d), Start = new TimeOnly(16, 0), End = new TimeOnly(16, 30), Title = "Coffee break" },
        })],
        Slots = [.. slots],
    };

    private static List<PublishedSlot> LpcSlots(string room) =>
    [
        .. Lpc.Value.Talks.Where(t => t.Start is not null).Select(t => new PublishedSlot
        {
            ProposalId = Guid.CreateVersion7(),
            Title = t.Title,
            Abstract = t.AbstractExcerpt ?? "",
            Kind = t.Kind == "opening" ? SubmissionKind.Organisational : SubmissionKind.Talk,
            Topics = t.Kind == "opening" ? [] : ["BPF"],
            Room = room,
            StartUtc = Utc(t.Start!.Value),
            EndUtc = Utc(t.Start!.Value).AddMinutes(t.DurationMinutes),
            Speakers = [.. t.Speakers.Select(s => new PublishedSpeaker { SpeakerId = Guid.NewGuid(), Name = s.Name, Affiliation = s.Affiliation })],
        }),
    ];
}
