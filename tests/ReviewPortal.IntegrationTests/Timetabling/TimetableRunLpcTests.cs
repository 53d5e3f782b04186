using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.Application.Features.Bidding;
using ReviewPortal.Application.Features.Decisions;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.Infrastructure.Data;
using ReviewPortal.IntegrationTests.Assignment;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Timetabling;

/// <summary>The LPC 2023 demo track: the real grid seeded, every talk confirmed, scheduled automatically with no hard rule broken.</summary>
public sealed class TimetableRunLpcTests(LpcJobsApp app) : IClassFixture<LpcJobsApp>
{
    [Fact]
    public async Task The_demo_chair_schedules_the_38_confirmed_talks_and_the_opening_into_the_real_grid_with_no_hard_rule_broken()
    {
        var chair = await app.SignInAsync("Daniel Borkmann");
        var trackId = await app.LpcTrackIdAsync();

        // The seeded grid: 3 days, one room, 4 blocks a day (40 talk slots), the opening pinned before the first block.
        var grid = await Problems.JsonAsync(await chair.GetAsync($"/api/v1/tracks/{trackId}/timetable/grid"));
        Assert.Equal(["Main room"], grid.GetProperty("rooms").EnumerateArray().Select(r => r.GetProperty("name").GetString()!));
        Assert.Equal(12, grid.GetProperty("blocks").GetArrayLength());
        Assert.Equal(["09:30", "09:00", "09:30"], grid.GetProperty("blocks").EnumerateArray().Where(b => b.GetProperty("end").GetString() == "11:00")
            .Select(b => b.GetProperty("start").GetString()!));
        Assert.Equal(9, grid.GetProperty("breaks").GetArrayLength());
        Assert.Equal(40, grid.GetProperty("slots").GetInt32());
        Assert.Equal(1, grid.GetProperty("placedSlots").GetInt32());
        Assert.Equal(40, (await Problems.JsonAsync(await chair.GetAsync($"/api/v1/tracks/{trackId}/capacity"))).GetProperty("capacity").GetInt32());

        await ConfirmEveryTalkAsync(trackId);
        var started = await chair.PostAsJsonAsync($"/api/v1/tracks/{trackId}/timetable-runs", new { minimalChange = false });
        var runId = (await Problems.JsonAsync(started, System.Net.HttpStatusCode.Accepted)).GetProperty("id").GetGuid();
        var run = await Eventually.ThatAsync(
            async () => await chair.GetFromJsonAsync<JsonElement>($"/api/v1/timetable-runs/{runId}"),
            r => r.GetProperty("status").GetString() is "Succeeded" or "Infeasible" or "Failed",
            TimeSpan.FromSeconds(150), "the LPC timetable run to finish");
        Assert.True(run.GetProperty("status").GetString() == "Succeeded", run.ToString());

        // Checked here, independently of the solver: every item once, inside a block (the opening where it is pinned),
        // no two at once in the room, no speaker in two places, each talk one slot long.
        var slots = run.GetProperty("slots").EnumerateArray()
            .Select(s => (Id: s.GetProperty("proposalId").GetGuid(), Room: s.GetProperty("room").GetString()!, Start: s.GetProperty("start").GetDateTimeOffset(), End: s.GetProperty("end").GetDateTimeOffset()))
            .ToList();
        var items = await app.WithDbAsync(db => db.Submissions.AsNoTracking().Where(s => s.TrackId == trackId)
            .Where(ReviewPortal.Application.Features.Timetabling.TimetableItems.OnProgramme)
            .Select(s => new { s.Id, s.Kind, Speakers = s.Speakers.Select(p => p.PersonId ?? p.Id).ToList() }).ToListAsync());
        Assert.Equal(39, items.Count);
        Assert.Equal(items.Select(i => i.Id).Order(), slots.Select(s => s.Id).Order());
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        DateTimeOffset Utc(string day, string time)
        {
            var local = DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.ParseExact(time, "HH:mm", CultureInfo.InvariantCulture));
            return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        }

        var blocks = grid.GetProperty("blocks").EnumerateArray()
            .Select(b => (Start: Utc(b.GetProperty("day").GetString()!, b.GetProperty("start").GetString()!), End: Utc(b.GetProperty("day").GetString()!, b.GetProperty("end").GetString()!)))
            .ToList();
        var opening = items.Single(i => i.Kind == SubmissionKind.Organisational).Id;
        foreach (var slot in slots)
        {
            Assert.Equal("Main room", slot.Room);
            if (slot.Id == opening)
            {
                Assert.Equal(Utc("2023-11-13", "09:25"), slot.Start);
                Assert.Equal(Utc("2023-11-13", "09:30"), slot.End);
                continue;
            }

            Assert.Equal(TimeSpan.FromMinutes(30), slot.End - slot.Start);
            Assert.Contains(blocks, b => slot.Start >= b.Start && slot.End <= b.End);
            Assert.Equal(0, (slot.Start - blocks.First(b => slot.Start >= b.Start && slot.End <= b.End).Start).TotalMinutes % 30);
        }

        var ordered = slots.OrderBy(s => s.Start).ToList();
        for (var i = 1; i < ordered.Count; i++)
            Assert.True(ordered[i].Start >= ordered[i - 1].End, $"overlap at {ordered[i].Start}");
        var speakerOf = items.ToDictionary(i => i.Id, i => i.Speakers);
        foreach (var speaker in items.SelectMany(i => i.Speakers).Distinct())
        {
            var theirs = ordered.Where(s => speakerOf[s.Id].Contains(speaker)).ToList();
            for (var i = 1; i < theirs.Count; i++)
                Assert.True(theirs[i].Start >= theirs[i - 1].End, $"speaker {speaker} double-booked at {theirs[i].Start}");
        }

        var applied = await Problems.JsonAsync(await chair.PostAsync($"/api/v1/timetable-runs/{runId}/apply", null));
        Assert.Equal(39, applied.GetProperty("slots").GetInt32());
        Assert.Equal(39, await app.WithDbAsync(db => db.TimetableSlots.CountAsync(s => s.TrackId == trackId)));
        Assert.True(await app.WithDbAsync(db => db.TimetableSlots.AnyAsync(s => s.SubmissionId == opening && s.Pinned)));
    }

    /// <summary>The review phase, then each talk accepted, the decision released and confirmed, as the use cases leave them.</summary>
    private async Task ConfirmEveryTalkAsync(Guid trackId)
    {
        await app.SendAsSystemAsync(new StartReviewPhase(trackId));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var letters = scope.ServiceProvider.GetRequiredService<DecisionLetters>();
        var now = app.Clock.GetUtcNow();
        var talks = await db.Submissions.Include(s => s.Track).ThenInclude(t => t.Conference).Include(s => s.Speakers)
            .Where(s => s.TrackId == trackId && s.Kind == SubmissionKind.Talk && s.Status == SubmissionStatus.UnderReview).ToListAsync();
        Assert.Equal(38, talks.Count);
        foreach (var talk in talks)
        {
            talk.Decide(SubmissionStatus.Accepted, null, now);
            await letters.ReleaseAsync(talk, promotedFromWaitlist: false, CancellationToken.None);
        }

        await db.SaveChangesAsync();
        var offers = await db.SpeakerConfirmations.Where(c => c.TrackId == trackId).ToListAsync();
        foreach (var talk in talks)
        {
            offers.Single(o => o.SubmissionId == talk.Id).Confirm(talk.Track, talk.Speakers[0].Id, talk.Speakers[0].PersonId, [], [], now);
            talk.Confirm(now);
        }

        await db.SaveChangesAsync();
    }
}
