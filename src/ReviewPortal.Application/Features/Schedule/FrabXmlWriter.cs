using System.Globalization;
using System.Text;
using System.Xml;

namespace ReviewPortal.Application.Features.Schedule;

/// <summary>frab/Pentabarf schedule.xml, valid against the c3voc XSD (schemas/c3voc-schedule/schedule.xml.xsd).</summary>
public static class FrabXmlWriter
{
    public static byte[] Write(PublicSchedule schedule, ScheduleLinks links)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("schedule");
            xml.WriteStartElement("generator");
            xml.WriteAttributeString("name", Frab.Generator);
            xml.WriteEndElement();
            xml.WriteElementString("url", links.Absolute(schedule.Path + "/schedule.xml"));
            xml.WriteElementString("version", schedule.VersionTag);

            var (start, end) = Frab.Dates(schedule);
            xml.WriteStartElement("conference");
            xml.WriteElementString("title", schedule.Track is null ? schedule.ConferenceName : $"{schedule.ConferenceName}: {schedule.Track.Name}");
            xml.WriteElementString("acronym", Frab.Acronym(schedule));
            xml.WriteElementString("start", Frab.Date(start));
            xml.WriteElementString("end", Frab.Date(end));
            xml.WriteElementString("days", schedule.Days.Count.ToString(CultureInfo.InvariantCulture));
            xml.WriteElementString("timeslot_duration", Frab.SlotDuration(schedule));
            xml.WriteElementString("base_url", links.Absolute("/"));
            xml.WriteElementString("url", links.Absolute(schedule.Path));
            if (Frab.ZoneName(schedule.TimeZoneId) is { } zone)
                xml.WriteElementString("time_zone_name", zone);
            foreach (var track in schedule.Tracks)
            {
                xml.WriteStartElement("track");
                xml.WriteAttributeString("name", track.Name);
                if (Frab.TrackSlug(track.Slug) is { } slug)
                    xml.WriteAttributeString("slug", slug);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();

            for (var index = 0; index < schedule.Days.Count; index++)
            {
                var day = schedule.Days[index];
                var (dayStart, dayEnd) = Frab.DayBounds(schedule, day);
                xml.WriteStartElement("day");
                xml.WriteAttributeString("index", (index + 1).ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("date", Frab.Date(day));
                xml.WriteAttributeString("start", Frab.LocalDateTime(schedule, dayStart));
                xml.WriteAttributeString("end", Frab.LocalDateTime(schedule, dayEnd));
                foreach (var room in schedule.Rooms)
                {
                    xml.WriteStartElement("room");
                    xml.WriteAttributeString("name", room.Name);
                    xml.WriteAttributeString("guid", Frab.RoomGuid(schedule, room.Name).ToString());
                    foreach (var talk in Frab.TalksOn(schedule, day, room.Name))
                        WriteEvent(xml, schedule, links, talk);
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return stream.ToArray();
    }

    private static void WriteEvent(XmlWriter xml, PublicSchedule schedule, ScheduleLinks links, PublicTalk talk)
    {
        xml.WriteStartElement("event");
        xml.WriteAttributeString("guid", talk.ProposalId.ToString());
        xml.WriteAttributeString("id", talk.FrabId.ToString(CultureInfo.InvariantCulture));
        xml.WriteElementString("date", Frab.LocalDateTime(schedule, talk.StartUtc));
        xml.WriteElementString("start", Frab.LocalTime(schedule, talk.StartUtc));
        xml.WriteElementString("duration", Frab.Duration(talk.EndUtc - talk.StartUtc));
        xml.WriteElementString("room", talk.Room);
        xml.WriteElementString("slug", Frab.Slug(schedule, talk));
        xml.WriteElementString("url", links.Absolute(schedule.TalkPath(talk)));
        xml.WriteElementString("title", talk.Title);
        xml.WriteElementString("subtitle", "");
        xml.WriteElementString("track", talk.TrackName);
        xml.WriteElementString("type", talk.KindName);
        xml.WriteElementString("language", "en");
        xml.WriteElementString("abstract", talk.Abstract);
        xml.WriteElementString("description", "");
        xml.WriteStartElement("persons");
        foreach (var speaker in talk.Speakers)
        {
            xml.WriteStartElement("person");
            xml.WriteAttributeString("guid", PublicSchedule.SpeakerKey(speaker).ToString());
            xml.WriteString(speaker.Name);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
    }
}
