using System.Text.Encodings.Web;
using System.Text.Json;

namespace ReviewPortal.Application.Features.Schedule;

/// <summary>frab-style schedule.json, valid against the c3voc JSON schema (schemas/c3voc-schedule/schema.json, draft-06).</summary>
public static class FrabJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(PublicSchedule schedule, ScheduleLinks links)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteString("$schema", Frab.SchemaUrl);
            json.WriteStartObject("generator");
            json.WriteString("name", Frab.Generator);
            json.WriteEndObject();
            json.WriteStartObject("schedule");
            json.WriteString("version", schedule.VersionTag);
            json.WriteString("base_url", links.Absolute("/"));
            WriteConference(json, schedule, links);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static void WriteConference(Utf8JsonWriter json, PublicSchedule schedule, ScheduleLinks links)
    {
        var (start, end) = Frab.Dates(schedule);
        json.WriteStartObject("conference");
        json.WriteString("acronym", Frab.Acronym(schedule));
        json.WriteString("title", schedule.Track is null ? schedule.ConferenceName : $"{schedule.ConferenceName}: {schedule.Track.Name}");
        json.WriteString("start", Frab.Date(start));
        json.WriteString("end", Frab.Date(end));
        json.WriteNumber("daysCount", schedule.Days.Count);
        json.WriteString("timeslot_duration", Frab.SlotDuration(schedule));
        if (Frab.ZoneName(schedule.TimeZoneId) is { } zone)
            json.WriteString("time_zone_name", zone);
        json.WriteString("url", links.Absolute(schedule.Path));

        json.WriteStartArray("tracks");
        foreach (var track in schedule.Tracks)
        {
            json.WriteStartObject();
            json.WriteString("name", track.Name);
            if (Frab.TrackSlug(track.Slug) is { } slug)
                json.WriteString("slug", slug);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("rooms");
        foreach (var room in schedule.Rooms)
        {
            json.WriteStartObject();
            json.WriteString("name", room.Name);
            json.WriteString("guid", Frab.RoomGuid(schedule, room.Name));
            if (room.Capacity > 0)
                json.WriteNumber("capacity", room.Capacity);
            else
                json.WriteNull("capacity");
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("days");
        for (var index = 0; index < schedule.Days.Count; index++)
        {
            var day = schedule.Days[index];
            var (dayStart, dayEnd) = Frab.DayBounds(schedule, day);
            json.WriteStartObject();
            json.WriteNumber("index", index + 1);
            json.WriteString("date", Frab.Date(day));
            json.WriteString("day_start", Frab.LocalDateTime(schedule, dayStart));
            json.WriteString("day_end", Frab.LocalDateTime(schedule, dayEnd));
            json.WriteStartObject("rooms");
            foreach (var room in schedule.Rooms)
            {
                json.WriteStartArray(room.Name);
                foreach (var talk in Frab.TalksOn(schedule, day, room.Name))
                    WriteEvent(json, schedule, links, talk);
                json.WriteEndArray();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteEvent(Utf8JsonWriter json, PublicSchedule schedule, ScheduleLinks links, PublicTalk talk)
    {
        json.WriteStartObject();
        json.WriteString("guid", talk.ProposalId);
        json.WriteNumber("id", talk.FrabId);
        json.WriteString("date", Frab.LocalDateTime(schedule, talk.StartUtc));
        json.WriteString("start", Frab.LocalTime(schedule, talk.StartUtc));
        json.WriteString("end", Frab.LocalDateTime(schedule, talk.EndUtc));
        json.WriteString("duration", Frab.Duration(talk.EndUtc - talk.StartUtc));
        json.WriteString("room", talk.Room);
        json.WriteString("slug", Frab.Slug(schedule, talk));
        json.WriteString("url", links.Absolute(schedule.TalkPath(talk)));
        json.WriteString("title", talk.Title);
        json.WriteString("subtitle", "");
        json.WriteString("track", talk.TrackName);
        json.WriteString("type", talk.KindName);
        json.WriteString("language", "en");
        json.WriteString("abstract", talk.Abstract);
        json.WriteNull("description");
        json.WriteStartArray("persons");
        foreach (var speaker in talk.Speakers)
        {
            json.WriteStartObject();
            json.WriteString("guid", PublicSchedule.SpeakerKey(speaker));
            json.WriteString("name", speaker.Name);
            if (speaker.Affiliation is { Length: > 0 } affiliation)
                json.WriteString("affiliation", affiliation);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("links");
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
