using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ReviewPortal.BrowserTests.Infrastructure;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Scheduling;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.BrowserTests;

/// <summary>
/// The chair's timetable editor in Chromium on the demo track: three LPC talks brought to Confirmed with the domain's
/// own methods and a one-day grid (Main and Side, 09:00–11:00) made in the database (the grid's use case and the demo
/// stages are other parts). Drag a talk to a free cell, move one with the keyboard, reload: the places stay.
/// </summary>
public sealed class TimetableEditorBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const int PhoneWidth = 390;

    private static string Iso(DateTimeOffset utc) => utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(Guid TrackId, Guid A, Guid B, Func<int, int, DateTimeOffset> At)> SetUpAsync()
    {
        return await app.WithDbAsync(async db =>
        {
            var track = await db.Tracks.Include(t => t.Conference).SingleAsync(t => t.Slug == "ebpf-networking");
            var talks = await db.Submissions.Where(s => s.TrackId == track.Id && s.Status == SubmissionStatus.Submitted && s.Kind == SubmissionKind.Talk)
                .OrderBy(s => s.Title).Take(3).ToListAsync();
            var now = app.Clock.GetUtcNow();
            foreach (var talk in talks)
            {
                talk.StartReview(now);
                talk.Decide(SubmissionStatus.Accepted, null, now);
                talk.ReleaseDecision(now);
                talk.Confirm(now);
                db.SpeakerConfirmations.Add(new SpeakerConfirmation { TrackId = track.Id, SubmissionId = talk.Id, OfferedUtc = now });
            }

            var day = track.Conference.StartDate;
            DateTimeOffset At(int hour, int minute) => track.Conference.FromLocal(day.ToDateTime(new TimeOnly(hour, minute)));
            // A two-room grid of its own in place of the demo's one-room grid (the demo's opening stays in its room).
            var timetable = await db.Timetables.SingleOrDefaultAsync(t => t.TrackId == track.Id);
            if (timetable is null)
                db.Timetables.Add(timetable = new Timetable { TrackId = track.Id });
            timetable.Rooms = [new GridRoom { Name = "Main", Capacity = 200 }, new GridRoom { Name = "Side", Capacity = 50 }];
            timetable.Blocks = [new GridBlock { Day = day, Start = new(9, 0), End = new(11, 0), Rooms = ["Main", "Side"] }];
            timetable.Breaks = [];
            timetable.Touch(now, null);
            db.TimetableSlots.Add(new TimetableSlot { TrackId = track.Id, SubmissionId = talks[0].Id, Room = "Main", StartUtc = At(9, 0), EndUtc = At(9, 30) });
            db.TimetableSlots.Add(new TimetableSlot { TrackId = track.Id, SubmissionId = talks[1].Id, Room = "Main", StartUtc = At(9, 30), EndUtc = At(10, 0) });
            await db.SaveChangesAsync();
            return (track.Id, talks[0].Id, talks[1].Id, (Func<int, int, DateTimeOffset>)At);
        });
    }

    private async Task<BrowserSession> ChairSessionAsync(int width)
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = width, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        var browser = new BrowserSession(app, context, await context.NewPageAsync());
        var chair = app.DemoLogin("chair");
        await browser.SignInAsync(chair.Email, chair.Password);
        return browser;
    }

    [Fact]
    public async Task The_chair_drags_a_talk_to_a_free_slot_moves_another_with_the_keyboard_and_a_reload_shows_both()
    {
        var (trackId, a, b, at) = await SetUpAsync();
        await using var browser = await ChairSessionAsync(1200);
        var path = $"/Chair/{trackId}/Timetable";
        await browser.GotoAsync(path);

        var target = browser.Page.Locator($"td.tt-cell[data-room='Side'][data-start='{Iso(at(10, 0))}']");
        await browser.Page.Locator($".tt-item[data-proposal='{a}']").DragToAsync(target);
        await Assertions.Expect(browser.Page.Locator("#tt-status")).ToContainTextAsync("Saved", new() { Timeout = 10_000 });
        await Assertions.Expect(target.Locator($".tt-item[data-proposal='{a}']")).ToBeVisibleAsync();

        // The keyboard: Enter picks B up (09:30 in Main), arrow down chooses 10:00, Enter drops.
        await browser.Page.Locator($".tt-item[data-proposal='{b}'] .tt-pick").FocusAsync();
        await browser.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(browser.Page.Locator("#tt-status")).ToContainTextAsync("Picked up");
        await browser.Page.Keyboard.PressAsync("ArrowDown");
        await browser.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(browser.Page.Locator("#tt-status")).ToContainTextAsync("Saved");

        await browser.GotoAsync(path);
        Assert.Equal("Side", await browser.Page.Locator($".tt-item[data-proposal='{a}']").GetAttributeAsync("data-room"));
        Assert.Equal(Iso(at(10, 0)), await browser.Page.Locator($".tt-item[data-proposal='{a}']").GetAttributeAsync("data-start"));
        Assert.Equal("Main", await browser.Page.Locator($".tt-item[data-proposal='{b}']").GetAttributeAsync("data-room"));
        Assert.Equal(Iso(at(10, 0)), await browser.Page.Locator($".tt-item[data-proposal='{b}']").GetAttributeAsync("data-start"));

        // On a phone the grid scrolls inside its box; the page itself fits.
        await using var phone = await ChairSessionAsync(PhoneWidth);
        await phone.GotoAsync(path);
        Assert.True(await phone.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= PhoneWidth, "The timetable editor is wider than a phone.");
        await phone.ScreenshotAsync("phone-timetable-editor");
    }
}
