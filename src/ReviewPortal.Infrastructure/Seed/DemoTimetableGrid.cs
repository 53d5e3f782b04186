using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Features.Timetabling;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Scheduling;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.Infrastructure.Data;

namespace ReviewPortal.Infrastructure.Seed;

/// <summary>
/// The LPC 2023 grid as it really was: one room, on each day a first block from the day's first talk (09:30, 09:00,
/// 09:30) to 11:00, then 11:30–13:00, 14:30–16:00 and 16:30–18:30, with the breaks between; the opening pinned at its
/// real time (09:25–09:30 on day one, before the first block). Saved through <see cref="SaveTimetableGrid"/>, once: a
/// grid that exists is the chair's.
/// </summary>
internal static class DemoTimetableGrid
{
    public const string Room = "Main room";
    public const int Capacity = 200;

    public static async Task SeedAsync(IMediator mediator, ApplicationDbContext db, Track track, LpcDataFile data, CancellationToken cancellationToken)
    {
        if (await db.Timetables.AnyAsync(t => t.TrackId == track.Id, cancellationToken))
            return;
        static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var firstTalk = data.Talks.Where(t => t.Start is not null && t.Kind != "opening")
            .GroupBy(t => DateOnly.FromDateTime(t.Start!.Value)).OrderBy(g => g.Key)
            .Select(g => (Day: g.Key, Start: TimeOnly.FromDateTime(g.Min(t => t.Start!.Value)))).ToList();
        var blocks = new List<GridBlockInput>();
        var breaks = new List<GridBreakInput>();
        foreach (var (day, start) in firstTalk)
        {
            blocks.Add(new GridBlockInput(Day(day), start.ToString("HH:mm", CultureInfo.InvariantCulture), "11:00", [Room]));
            blocks.Add(new GridBlockInput(Day(day), "11:30", "13:00", [Room]));
            blocks.Add(new GridBlockInput(Day(day), "14:30", "16:00", [Room]));
            blocks.Add(new GridBlockInput(Day(day), "16:30", "18:30", [Room]));
            breaks.Add(new GridBreakInput(Day(day), "11:00", "11:30", "Coffee"));
            breaks.Add(new GridBreakInput(Day(day), "13:00", "14:30", "Lunch"));
            breaks.Add(new GridBreakInput(Day(day), "16:00", "16:30", "Coffee"));
        }

        await mediator.Send(new SaveTimetableGrid(track.Id, [new GridRoomInput(Room, Capacity)], blocks, breaks), cancellationToken);

        var opening = data.Talks.FirstOrDefault(t => t.Kind == "opening" && t.Start is not null);
        var item = await db.Submissions.Where(s => s.TrackId == track.Id && s.Kind == SubmissionKind.Organisational)
            .OrderBy(s => s.CreatedUtc).FirstOrDefaultAsync(cancellationToken);
        if (opening is null || item is null || await db.TimetableSlots.AnyAsync(s => s.SubmissionId == item.Id, cancellationToken))
            return;
        var startUtc = track.Conference.FromLocal(opening.Start!.Value);
        db.TimetableSlots.Add(new TimetableSlot
        {
            TrackId = track.Id,
            SubmissionId = item.Id,
            Room = Room,
            StartUtc = startUtc,
            EndUtc = startUtc.AddMinutes(opening.DurationMinutes),
            Pinned = true,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
