using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using ReviewPortal.Domain.Outbox;
using ReviewPortal.Domain.Scheduling;

namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>
/// One talk as an iCalendar event for its speakers' mail. The UID is the proposal's, the SEQUENCE the published
/// version, so a calendar that imported an earlier mail updates the event instead of adding a second one.
/// </summary>
public static class TalkCalendar
{
    public const string ContentType = "text/calendar; method=PUBLISH; charset=utf-8";
    public const string CancelContentType = "text/calendar; method=CANCEL; charset=utf-8";

    public static string Uid(Guid proposalId) => $"{proposalId:D}@reviewportal";

    public static MailAttachment Attachment(PublishedSlot slot, string conference, string track, int version, DateTimeOffset stampUtc, string link) => new()
    {
        FileName = "talk.ics",
        ContentType = ContentType,
        Content = Serialize(slot, conference, track, version, stampUtc, link),
    };

    public static string Serialize(PublishedSlot slot, string conference, string track, int version, DateTimeOffset stampUtc, string link)
    {
        var calendar = new Calendar { Method = "PUBLISH", ProductId = "-//ReviewPortal//Timetable//EN" };
        calendar.Events.Add(new CalendarEvent
        {
            Uid = Uid(slot.ProposalId),
            Sequence = version,
            Summary = slot.Title,
            Location = slot.Room,
            Description = $"{track}, {conference}. {string.Join(", ", slot.Speakers.Select(s => s.Name))}\n{link}",
            DtStart = new CalDateTime(slot.StartUtc.UtcDateTime, "UTC"),
            DtEnd = new CalDateTime(slot.EndUtc.UtcDateTime, "UTC"),
            DtStamp = new CalDateTime(stampUtc.UtcDateTime, "UTC"),
        });
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    /// <summary>
    /// The talk taken off the timetable: the same UID with this version's SEQUENCE and STATUS:CANCELLED, so a calendar
    /// that imported an earlier mail drops the event instead of keeping a time that no longer holds.
    /// </summary>
    public static MailAttachment Cancellation(TimetableChange removed, string conference, string track, int version, DateTimeOffset stampUtc, string link)
    {
        var calendar = new Calendar { Method = "CANCEL", ProductId = "-//ReviewPortal//Timetable//EN" };
        var cancelled = new CalendarEvent
        {
            Uid = Uid(removed.ProposalId),
            Sequence = version,
            Summary = removed.Title,
            Location = removed.FromRoom,
            Description = $"{track}, {conference}: no longer on the timetable.\n{link}",
            Status = EventStatus.Cancelled,
            DtStamp = new CalDateTime(stampUtc.UtcDateTime, "UTC"),
        };
        if (removed.FromStartUtc is { } start)
            cancelled.DtStart = new CalDateTime(start.UtcDateTime, "UTC");
        calendar.Events.Add(cancelled);
        return new MailAttachment { FileName = "talk-cancelled.ics", ContentType = CancelContentType, Content = new CalendarSerializer().SerializeToString(calendar)! };
    }
}
