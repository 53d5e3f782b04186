using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace ReviewPortal.Application.Features.Schedule;

/// <summary>
/// iCalendar (RFC 5545, Ical.Net): one VEVENT per talk, times in UTC, UID from the proposal (stable across versions,
/// so a subscribed calendar moves the event instead of adding a second) and SEQUENCE the track's version.
/// </summary>
public static class ScheduleICalWriter
{
    public static byte[] Write(PublicSchedule schedule, ScheduleLinks links, IEnumerable<PublicTalk> talks, string calendarName)
    {
        var calendar = new Calendar { Method = "PUBLISH", ProductId = "-//ReviewPortal//Schedule//EN" };
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        calendar.AddProperty("X-WR-TIMEZONE", schedule.TimeZoneId);
        foreach (var talk in talks)
        {
            var track = schedule.Tracks.FirstOrDefault(t => t.Slug == talk.TrackSlug);
            var url = links.Absolute(schedule.TalkPath(talk));
            var speakers = talk.Speakers.Count == 0 ? "" : "\n\nSpeakers: " + string.Join(", ", talk.Speakers.Select(s => s.Affiliation is { Length: > 0 } a ? $"{s.Name} ({a})" : s.Name));
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{talk.ProposalId}@reviewportal",
                Sequence = track?.Version ?? 0,
                Summary = talk.Title,
                Description = talk.Abstract + speakers + "\n\n" + url,
                Location = talk.Room,
                Url = new Uri(url),
                Categories = [talk.TrackName],
                DtStart = new CalDateTime(talk.StartUtc.UtcDateTime),
                DtEnd = new CalDateTime(talk.EndUtc.UtcDateTime),
                DtStamp = new CalDateTime((track?.PublishedUtc ?? talk.StartUtc).UtcDateTime),
            });
        }
        return new CalendarSerializer().SerializeToString(calendar) is { } text ? System.Text.Encoding.UTF8.GetBytes(text) : [];
    }
}
