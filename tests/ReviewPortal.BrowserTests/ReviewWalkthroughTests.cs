using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ReviewPortal.BrowserTests.Infrastructure;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Reviews;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.BrowserTests;

/// <summary>The demo data with a job server, so the assignment run really runs in Hangfire.</summary>
public sealed class ReviewWalkthroughApp : BrowserApp
{
    public ReviewWalkthroughApp(PostgresServer server) : base(server) => Settings["Jobs:RunServer"] = "true";
}

/// <summary>
/// Issue 8's "done when", in a real browser on the LPC 2023 demo track: the chair starts the review phase and applies an
/// assignment (through the API), two members score their assigned proposals on the review form, the others through the
/// API (one of them scores everything two points low), and the chair opens the ranking: the calibrated column, the
/// disagreement flags, the harsh reviewer and the three charts, on a desktop and on a 390 px phone.
/// </summary>
public sealed class ReviewWalkthroughTests(ReviewWalkthroughApp app) : IClassFixture<ReviewWalkthroughApp>
{
    [Fact]
    public async Task Members_score_their_assignments_and_the_chair_sees_the_calibrated_ranking_with_its_charts()
    {
        var trackId = await app.WithDbAsync(db => db.Tracks.Where(t => t.Slug == ReviewPortal.Infrastructure.Seed.DemoSeeder.TrackSlug).Select(t => t.Id).SingleAsync());
        var chairLogin = app.DemoLogin("chair");
        await using var chair = await app.NewSessionAsync();
        await chair.SignInAsync(chairLogin.Email, chairLogin.Password);

        // 1. Setup through the API, as the chair: review phase, an automatic assignment (3 per talk), applied.
        var api = chair.Context.APIRequest;
        await Ok(await api.PostAsync($"/api/v1/tracks/{trackId}/review-phase/start"));
        var started = await Json(await api.PostAsync($"/api/v1/tracks/{trackId}/assignment-runs", new() { DataObject = new { mode = "Total" } }));
        var runId = started.GetProperty("id").GetGuid();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        JsonElement run;
        do
        {
            await Task.Delay(500);
            run = await Json(await api.GetAsync($"/api/v1/assignment-runs/{runId}"));
        }
        while (run.GetProperty("status").GetString() is "Queued" or "Running" && DateTime.UtcNow < deadline);
        Assert.True(run.GetProperty("status").GetString() == "Succeeded", run.ToString());
        await Ok(await api.PostAsync($"/api/v1/assignment-runs/{runId}/apply"));

        // Every assignment, by member; a talk's "quality" decides what a neutral reviewer gives it.
        var assignments = await app.WithDbAsync(db => db.ReviewAssignments.Where(a => a.TrackId == trackId)
            .Join(db.People, a => a.PersonId, p => p.Id, (a, p) => new { a.SubmissionId, p.Email, p.DisplayName }).ToListAsync());
        var talks = assignments.Select(a => a.SubmissionId).Distinct().Order().ToList();
        int Quality(Guid talk) => 2 + (talks.IndexOf(talk) * 7 % 4); // 2..5
        var members = assignments.GroupBy(a => a.Email).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var logins = File.ReadAllLines(app.DemoLoginsFile).Select(l => l.Split('\t')).Where(p => p.Length == 4).ToDictionary(p => p[2], p => p[3]);

        // 2. Two members sign in and score their assignments on the review form, in the browser.
        var reviewerLogin = app.DemoLogin("reviewer");
        var inBrowser = members.Select(g => g.Key).Where(e => e == reviewerLogin.Email)
            .Concat(members.Select(g => g.Key).Where(e => e != reviewerLogin.Email && e != chairLogin.Email)).Take(2).ToList();
        Assert.Equal(2, inBrowser.Count);
        foreach (var email in inBrowser)
        {
            await using var member = await app.NewSessionAsync();
            await member.SignInAsync(email, logins[email]);
            var mine = members.Single(g => g.Key == email).Select(a => a.SubmissionId).ToList();
            foreach (var talk in mine)
            {
                await member.GotoAsync($"/Proposals/{talk}/Review");
                await member.Page.Locator($"input[name='Input.Score'][value='{Quality(talk)}']").CheckAsync();
                await member.Page.Locator("input[name='Input.Confidence'][value='3']").CheckAsync();
                await member.FillAsync("Comments for the speakers", "Clear proposal; please show numbers.");
                await member.FillAsync("Comments for the committee", "Solid.");
                if (talk == mine[0] && email == inBrowser[0])
                    await member.ScreenshotAsync("review-form");
                await member.ClickButtonAsync("Submit");
            }

            var submitted = await app.WithDbAsync(db => db.Reviews.CountAsync(r => r.TrackId == trackId && r.State == ReviewState.Submitted
                && db.People.Any(p => p.Id == r.PersonId && p.Email == email)));
            Assert.Equal(mine.Count, submitted);
        }

        // 3. The other members score through the API: the first of them scores everything two points low (harsh),
        //    the second one point high, the rest as the talk deserves with a little noise.
        var others = members.Where(g => !inBrowser.Contains(g.Key)).ToList();
        string? harsh = null;
        for (var m = 0; m < others.Count; m++)
        {
            var email = others[m].Key;
            var bias = m switch { 0 => -2, 1 => 1, _ => 0 };
            if (m == 0)
                harsh = others[m].First().DisplayName;
            await using var member = await app.NewSessionAsync();
            await member.SignInAsync(email, logins[email]);
            foreach (var a in others[m])
            {
                var i = talks.IndexOf(a.SubmissionId);
                var noise = (i * 3 + m) % 5 == 0 ? -1 : 0;
                var score = Math.Clamp(Quality(a.SubmissionId) + bias + noise, 1, 5);
                await Ok(await member.Context.APIRequest.PutAsync($"/api/v1/proposals/{a.SubmissionId}/review", new()
                {
                    DataObject = new { score, confidence = 2 + ((i + m) % 3), commentsForSpeakers = "Thanks.", commentsForCommittee = "", submit = true, version = 0 },
                }));
            }
        }

        Assert.NotNull(harsh);

        // 4. The chair opens the ranking from the proposals list: calibrated column, flags, the harsh reviewer, three charts.
        await chair.GotoAsync($"/Chair/{trackId}/Proposals");
        await chair.ClickLinkAsync("Ranking");
        Assert.Equal($"/Chair/{trackId}/Ranking", chair.CurrentPath);
        var ranking = chair.Page.Locator("#ranking");
        await Assertions.Expect(ranking.GetByRole(AriaRole.Link, new() { Name = "Calibrated" })).ToBeVisibleAsync();
        Assert.True(await ranking.Locator("tbody tr").CountAsync() >= 30);
        Assert.True(await ranking.Locator("tr.disagreement .flag").CountAsync() >= 1);
        await Assertions.Expect(ranking.Locator("tbody tr").First.Locator("td[data-label='Rank']")).ToHaveTextAsync("1");
        var harshRow = chair.Page.Locator("#reviewer-stats tbody tr", new() { HasText = harsh });
        await Assertions.Expect(harshRow.Locator("td[data-label='Leaning']")).ToHaveTextAsync("harsh");
        Assert.Equal(3, await chair.Page.Locator("svg.chart").CountAsync());
        await Assertions.Expect(chair.Page.Locator("svg.chart circle.dot").First).ToBeVisibleAsync();
        await chair.ScreenshotAsync("chair-ranking");

        // Sorting is a link: by the mean, highest first.
        await chair.ClickLinkAsync("Mean");
        Assert.Contains("sort=mean&dir=desc", chair.CurrentPath, StringComparison.Ordinal);

        // 5. The page fits a 390 px phone, charts included.
        await chair.Page.SetViewportSizeAsync(390, 844);
        await chair.GotoAsync($"/Chair/{trackId}/Ranking");
        var width = await chair.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"The ranking page is {width} px wide at 390 px.");
        foreach (var chart in await chair.Page.Locator("svg.chart").AllAsync())
            Assert.True((await chart.BoundingBoxAsync())!.Width <= 390);
        await chair.ScreenshotAsync("phone-ranking");
    }

    private static async Task Ok(IAPIResponse response) =>
        Assert.True(response.Ok, $"{response.Status} {response.Url}: {await response.TextAsync()}");

    private static async Task<JsonElement> Json(IAPIResponse response)
    {
        await Ok(response);
        return (await response.JsonAsync())!.Value;
    }
}
