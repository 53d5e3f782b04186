using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ReviewPortal.BrowserTests.Infrastructure;
using ReviewPortal.Domain.Scheduling;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.BrowserTests;

/// <summary>The demo at the Confirmed stage (every talk confirmed, by the real use cases) with a job server for runs and mail.</summary>
public sealed class TimetableWalkthroughApp : BrowserApp
{
    public TimetableWalkthroughApp(PostgresServer server) : base(server)
    {
        Settings["Jobs:RunServer"] = "true";
        Settings["Seed:DemoStage"] = "Confirmed";
    }
}

/// <summary>
/// Issue 10's browser proof on the LPC 2023 demo track: the chair builds the timetable automatically, applies it,
/// publishes, moves a talk and publishes again; only the moved talk's speakers get the second mail (with its iCal);
/// the public schedule and every export are served to anyone, and the page fits a phone.
/// </summary>
public sealed class TimetableWalkthroughTests(TimetableWalkthroughApp app) : IClassFixture<TimetableWalkthroughApp>
{
    [Fact]
    public async Task The_chair_schedules_automatically_moves_a_talk_republishes_and_only_its_speakers_are_told()
    {
        var trackId = await app.WithDbAsync(db => db.Tracks.Where(t => t.Slug == ReviewPortal.Infrastructure.Seed.DemoSeeder.TrackSlug).Select(t => t.Id).SingleAsync());
        var chairLogin = app.DemoLogin("chair");
        await using var chair = await app.NewSessionAsync();
        await chair.SignInAsync(chairLogin.Email, chairLogin.Password);

        // 1. Schedule automatically: start, watch the run, apply its preview.
        await chair.GotoAsync($"/Chair/{trackId}/TimetableRuns");
        await chair.ClickButtonAsync("Start the scheduling");
        var apply = chair.Page.GetByRole(AriaRole.Button, new() { Name = "Apply this timetable" });
        // The page follows the run by itself (it polls, and shows the preview when the run ends).
        await Assertions.Expect(apply).ToBeVisibleAsync(new() { Timeout = 90_000 });

        await chair.ScreenshotAsync("timetable-run-preview");
        await chair.ClickAsync(apply);
        var placed = await app.WithDbAsync(db => db.TimetableSlots.CountAsync(s => s.TrackId == trackId));
        Assert.True(placed == 39, $"{placed} items placed (38 talks and the opening expected); the page says: {await chair.TextAsync()}");

        // 2. Publish version 1: every speaker is told their time.
        await chair.GotoAsync($"/Chair/{trackId}/Timetable");
        await chair.ScreenshotAsync("timetable-editor");
        await chair.ClickButtonAsync("Publish version 1");
        Assert.Equal(1, await app.WithDbAsync(db => db.Timetables.Where(t => t.TrackId == trackId).Select(t => t.PublishedVersion).SingleAsync()));
        var firstMails = await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "timetable.scheduled"));
        Assert.True(firstMails >= 38, $"{firstMails} mails after the first publish");

        // 3. Move a talk to a free slot with its move form (the same command as dragging), then publish version 2.
        var taken = (await app.WithDbAsync(db => db.TimetableSlots.Where(s => s.TrackId == trackId).Select(s => s.StartUtc).ToListAsync())).ToHashSet();
        var talk = await app.WithDbAsync(db => db.Submissions.Include(s => s.Speakers)
            .Where(s => s.TrackId == trackId && s.Kind == SubmissionKind.Talk).OrderBy(s => s.Title).FirstAsync());
        var item = chair.Page.Locator($".tt-item[data-proposal='{talk.Id}']");
        if (!await item.IsVisibleAsync())
        {
            // The talk is on another day's tab.
            var days = new List<string>();
            foreach (var tab in await chair.Page.Locator("#tt-days a").AllAsync())
                days.Add((await tab.GetAttributeAsync("href"))!);
            foreach (var day in days)
            {
                await chair.GotoAsync(day);
                if (await item.IsVisibleAsync())
                    break;
            }
        }

        await item.Locator("summary").ClickAsync();
        var starts = item.Locator("select[name='start'] option");
        string? free = null;
        foreach (var option in await starts.AllAsync())
        {
            var value = await option.GetAttributeAsync("value");
            if (value is not null && !taken.Contains(DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture)))
            {
                free = value;
                break;
            }
        }

        Assert.NotNull(free); // 40 slots, 38 talks
        await item.Locator("select[name='start']").SelectOptionAsync(free);
        await chair.ClickAsync(item.GetByRole(AriaRole.Button, new() { Name = "Move" }));
        var moved = await app.WithDbAsync(db => db.TimetableSlots.AsNoTracking().SingleAsync(s => s.SubmissionId == talk.Id));
        Assert.Equal(DateTimeOffset.Parse(free!, System.Globalization.CultureInfo.InvariantCulture), moved.StartUtc);

        var beforeSecond = (await app.WithDbAsync(db => db.OutboxMessages.Select(m => m.Id).ToListAsync())).ToHashSet();
        await chair.GotoAsync($"/Chair/{trackId}/Timetable");
        await chair.ClickButtonAsync("Publish version 2");
        var second = await app.WithDbAsync(db => db.PublishedTimetables.AsNoTracking().SingleAsync(p => p.TrackId == trackId && p.Number == 2));
        var change = Assert.Single(second.Changes);
        Assert.Equal((talk.Id, TimetableChangeKind.Moved), (change.ProposalId, change.Kind));

        // Only the moved talk's speakers get the second mail, and it carries the new time as an iCal attachment.
        var speakers = talk.Speakers.Where(s => s.Email != null).Select(s => s.Email!.ToLowerInvariant()).ToHashSet();
        var secondMails = (await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == "timetable.scheduled").ToListAsync())).Where(m => !beforeSecond.Contains(m.Id)).ToList();
        Assert.Equal(speakers, secondMails.Select(m => m.ToAddress.ToLowerInvariant()).ToHashSet());
        Assert.All(secondMails, m => Assert.Contains(m.Attachments, a => a.ContentType.StartsWith("text/calendar", StringComparison.Ordinal)));
        // Hangfire delivers it to the pickup directory.
        var until2 = DateTime.UtcNow.AddSeconds(30);
        bool Delivered() => Directory.Exists(app.MailDirectory) && Directory.EnumerateFiles(app.MailDirectory, "*.eml")
            .Select(File.ReadAllText).Any(t => t.Contains(speakers.First(), StringComparison.OrdinalIgnoreCase) && t.Contains("text/calendar", StringComparison.Ordinal)
                && t.Contains("SEQUENCE:2", StringComparison.Ordinal));
        while (!Delivered() && DateTime.UtcNow < until2)
            await Task.Delay(250);
        Assert.True(Delivered(), $"No .eml with the version-2 calendar for {speakers.First()} in {app.MailDirectory}.");

        // 4. Anyone reads the public schedule and its exports.
        await using var reader = await app.NewSessionAsync();
        await reader.GotoAsync("/c/lpc2023/ebpf-networking/schedule");
        await reader.ExpectTextAsync(talk.Title);
        foreach (var (path, type) in new[]
                 {
                     ("schedule.xml", "xml"), ("schedule.json", "json"), ("schedule.ics", "text/calendar"), ("schedule.csv", "text/csv"),
                 })
        {
            foreach (var scope in new[] { "/c/lpc2023/ebpf-networking/", "/c/lpc2023/" })
            {
                var response = await reader.Context.APIRequest.GetAsync(scope + path);
                Assert.True(response.Ok, $"{scope}{path}: {response.Status}");
                Assert.Contains(type, response.Headers["content-type"], StringComparison.Ordinal);
                Assert.Contains(talk.Title.Replace("&", "&amp;", StringComparison.Ordinal)[..10], await response.TextAsync(), StringComparison.Ordinal);
            }
        }

        await reader.Page.SetViewportSizeAsync(390, 844);
        await reader.GotoAsync("/c/lpc2023/ebpf-networking/schedule");
        Assert.True(await reader.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390);
        await reader.ScreenshotAsync("public-schedule-phone");
    }
}
