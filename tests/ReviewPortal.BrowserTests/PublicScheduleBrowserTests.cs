using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.BrowserTests.Infrastructure;
using ReviewPortal.Domain.Scheduling;
using ReviewPortal.Infrastructure.Seed;

namespace ReviewPortal.BrowserTests;

/// <summary>
/// The demo track's public schedule in Chromium, as a visitor in Berlin on a phone sees it: the conference's zone
/// first, their own at one click, a talk page, no sideways scrolling at 390 px. The version is written as test data
/// (publishing is another part of issue 10).
/// </summary>
public sealed class PublicScheduleBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_visitor_on_a_phone_reads_the_schedule_switches_to_their_time_zone_and_opens_a_talk()
    {
        var firstTitle = await app.WithDbAsync(async db =>
        {
            var track = await db.Tracks.SingleAsync(t => t.Slug == DemoSeeder.TrackSlug && t.Conference.Slug == DemoSeeder.ConferenceSlug);
            var talks = await db.Submissions.Include(s => s.Speakers).Where(s => s.TrackId == track.Id).OrderBy(s => s.Title).Take(6).ToListAsync();
            var publisher = await db.People.OrderBy(p => p.Email).FirstAsync();
            // 09:30 New York on 13 Nov 2023 is 14:30 UTC, 15:30 in Berlin.
            var start = new DateTimeOffset(2023, 11, 13, 14, 30, 0, TimeSpan.Zero);
            var slots = talks.Select((s, i) => new PublishedSlot
            {
                ProposalId = s.Id, Title = s.Title, Abstract = s.Abstract, Kind = s.Kind, Topics = s.Topics, Room = "Main room",
                StartUtc = start.AddMinutes(30 * i), EndUtc = start.AddMinutes(30 * i + 30),
                Speakers = [.. s.Speakers.Select(p => new PublishedSpeaker { SpeakerId = p.Id, PersonId = p.PersonId, Name = p.Name, Affiliation = p.Affiliation })],
            }).ToList();
            if (!await db.Timetables.AnyAsync(t => t.TrackId == track.Id))
                db.Timetables.Add(new Timetable { TrackId = track.Id, Rooms = [new GridRoom { Name = "Main room", Capacity = 300 }] });
            await db.SaveChangesAsync();
            var timetable = await db.Timetables.SingleAsync(t => t.TrackId == track.Id);
            var number = (timetable.PublishedVersion ?? 0) + 1;
            db.PublishedTimetables.Add(new PublishedTimetable
            {
                TrackId = track.Id, Number = number, PublishedById = publisher.Id, PublishedUtc = DateTimeOffset.UtcNow,
                Rooms = [new GridRoom { Name = "Main room", Capacity = 300 }], Slots = slots,
                Breaks = [new GridBreak { Day = new DateOnly(2023, 11, 13), Start = new TimeOnly(11, 0), End = new TimeOnly(11, 30), Title = "Coffee break" }],
            });
            timetable.PublishedVersion = number;
            await db.SaveChangesAsync();
            return slots[0].Title;
        });
        app.Services.GetRequiredService<ReviewPortal.Application.Features.Schedule.IPublishedScheduleCache>().Invalidate(
            await app.WithDbAsync(db => db.Tracks.Where(t => t.Slug == DemoSeeder.TrackSlug).Select(t => t.Id).SingleAsync()));

        var context = await app.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 }, TimezoneId = "Europe/Berlin",
        });
        context.SetDefaultTimeout(15_000);
        await using var visitor = new BrowserSession(app, context, await context.NewPageAsync());

        await visitor.GotoAsync($"/c/{DemoSeeder.ConferenceSlug}/{DemoSeeder.TrackSlug}/schedule");
        await visitor.ExpectTextAsync("America/New_York");
        var first = visitor.Page.Locator("article.schedule-talk time").First;
        await Microsoft.Playwright.Assertions.Expect(first).ToHaveTextAsync("09:30");
        await AssertFitsAsync(visitor, "schedule");
        await visitor.ScreenshotAsync("phone-public-schedule");

        await visitor.CheckAsync("Show times in my time zone");
        await Microsoft.Playwright.Assertions.Expect(first).ToHaveTextAsync("15:30");
        await visitor.ExpectTextAsync("Europe/Berlin (your time zone)");
        await AssertFitsAsync(visitor, "schedule in my zone");

        await visitor.ClickLinkAsync(firstTitle);
        await Microsoft.Playwright.Assertions.Expect(visitor.Page.Locator("h1")).ToHaveTextAsync(firstTitle);
        await visitor.ExpectTextAsync("Speaker");
        await AssertFitsAsync(visitor, "talk");
        await visitor.ScreenshotAsync("phone-public-talk");
    }

    private static async Task AssertFitsAsync(BrowserSession session, string page)
    {
        var width = await session.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"The {page} page is {width} px wide at 390 px.");
    }
}
