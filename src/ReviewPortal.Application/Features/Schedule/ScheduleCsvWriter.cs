using System.Globalization;
using System.Text;
using ReviewPortal.Application.Common.Text;

namespace ReviewPortal.Application.Features.Schedule;

/// <summary>The schedule as CSV (RFC 4180, UTF-8, header row), written like every CSV of the app (<see cref="CsvFiles"/>: formula-safe).</summary>
public static class ScheduleCsvWriter
{
    public static byte[] Write(PublicSchedule schedule, ScheduleLinks links)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvFiles.CreateWriter(text, leaveOpen: true))
        {
            csv.WriteHeader(["Track", "Date", "Start", "End", "Time zone", "Room", "Title", "Kind", "Speakers", "Affiliations", "Topics", "Start (UTC)", "End (UTC)", "URL", "Proposal id"]);
            foreach (var talk in schedule.Talks)
            {
                var start = schedule.ToLocal(talk.StartUtc);
                var end = schedule.ToLocal(talk.EndUtc);
                csv.WriteRecord(
                [
                    talk.TrackName,
                    start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    start.ToString("HH:mm", CultureInfo.InvariantCulture),
                    end.ToString("HH:mm", CultureInfo.InvariantCulture),
                    $"{schedule.TimeZoneId} ({schedule.OffsetLabel(talk.StartUtc)})",
                    talk.Room,
                    talk.Title,
                    talk.KindName,
                    string.Join("; ", talk.Speakers.Select(s => s.Name)),
                    string.Join("; ", talk.Speakers.Select(s => s.Affiliation ?? "")),
                    string.Join("; ", talk.Topics),
                    talk.StartUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture),
                    talk.EndUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture),
                    links.Absolute(schedule.TalkPath(talk)),
                    talk.ProposalId.ToString(),
                ]);
            }

            csv.Flush();
        }

        return new UTF8Encoding(false).GetBytes(text.ToString());
    }
}
