using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.Application.Features.Conferences;
using ReviewPortal.Application.Features.Decisions;
using ReviewPortal.Application.Features.Tracks;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.Infrastructure.Data;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Timetabling;

/// <summary>A test app with a job server, so timetable runs run.</summary>
public sealed class TimetableJobsApp : ReviewPortalApp
{
    public TimetableJobsApp(PostgresServer server) : base(server) => Settings["Jobs:RunServer"] = "true";
}

/// <summary>A conference (America/New_York, 60–62 days ahead) of fresh tracks whose talks are confirmed, each by its own speaker.</summary>
public sealed record TimetableConference(ReviewPortalApp App, Guid ConferenceId, DateOnly FirstDay, HttpClient Chair, string ChairEmail)
{
    public static async Task<TimetableConference> CreateAsync(ReviewPortalApp app)
    {
        var now = app.Clock.GetUtcNow();
        var slug = "tt-" + Guid.NewGuid().ToString("N")[..8];
        var first = DateOnly.FromDateTime(now.UtcDateTime.AddDays(60));
        var id = await app.SendAsSystemAsync(new CreateConference("Timetable Conference " + slug, slug, TestTracks.TimeZone, first, first.AddDays(2)));
        var chairEmail = $"tt-chair-{Guid.NewGuid():N}@example.org";
        var chair = await Accounts.SignedInClientAsync(app, chairEmail, "Tess Chair", "Chair University");
        return new TimetableConference(app, id, first, chair, chairEmail);
    }

    public string Day(int offset = 0) => FirstDay.AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The UTC instant of a wall-clock time on a conference day.</summary>
    public DateTimeOffset At(int day, int hour, int minute)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TestTracks.TimeZone);
        var local = FirstDay.AddDays(day).ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public async Task<Guid> TrackAsync(string name)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TestTracks.TimeZone);
        DateTime Local(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, zone).DateTime;
        var now = App.Clock.GetUtcNow();
        var settings = new TrackSettings(name, "A *test* track.", 30, Local(now.AddDays(-10)), Local(now.AddDays(10)), Local(now.AddDays(24)), 3,
            TestTracks.Topics, 5, BlindMode.None);
        return await App.SendAsSystemAsync(new CreateTrack(ConferenceId, "t" + Guid.NewGuid().ToString("N")[..8], ChairEmail, settings));
    }

    /// <summary>A speaker account (signed in) that can submit to any track of the conference.</summary>
    public async Task<(HttpClient Client, string Email)> SpeakerAsync(string name)
    {
        var email = $"tt-speaker-{Guid.NewGuid():N}@example.org";
        return (await Accounts.SignedInClientAsync(App, email, name, "Speaker Labs"), email);
    }

    public static async Task<Guid> SubmitAsync(HttpClient speaker, Guid trackId, string title, string topic = "verifier")
    {
        var created = await speaker.PostAsJsonAsync($"/api/v1/tracks/{trackId}/proposals",
            new { title, @abstract = "BPF verifier and TCP congestion control.", topics = new[] { topic }, coSpeakers = Array.Empty<object>(), submit = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Starts the review phase, then accepts, releases and confirms each talk (with the times its speakers cannot make).</summary>
    public async Task ConfirmAsync(Guid trackId, IReadOnlyDictionary<Guid, UnavailableBlock[]>? unavailable = null)
    {
        Assert.Equal(HttpStatusCode.OK, (await Chair.PostAsync($"/api/v1/tracks/{trackId}/review-phase/start", null)).StatusCode);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var letters = scope.ServiceProvider.GetRequiredService<DecisionLetters>();
        var now = App.Clock.GetUtcNow();
        var submissions = await db.Submissions.Include(s => s.Track).ThenInclude(t => t.Conference).Include(s => s.Speakers)
            .Where(s => s.TrackId == trackId && s.Status == SubmissionStatus.UnderReview).ToListAsync();
        foreach (var submission in submissions)
        {
            submission.Decide(SubmissionStatus.Accepted, null, now);
            await letters.ReleaseAsync(submission, promotedFromWaitlist: false, CancellationToken.None);
        }

        await db.SaveChangesAsync();
        var offers = await db.SpeakerConfirmations.Where(c => c.TrackId == trackId).ToListAsync();
        foreach (var submission in submissions)
        {
            var offer = offers.Single(o => o.SubmissionId == submission.Id);
            offer.Confirm(submission.Track, submission.Speakers[0].Id, submission.Speakers[0].PersonId,
                unavailable?.GetValueOrDefault(submission.Id) ?? [], [], now);
            submission.Confirm(now);
        }

        await db.SaveChangesAsync();
    }

    public async Task<JsonElement> SaveGridAsync(Guid trackId, object grid, HttpStatusCode status = HttpStatusCode.OK) =>
        await Problems.JsonAsync(await Chair.PutAsJsonAsync($"/api/v1/tracks/{trackId}/timetable/grid", grid), status);

    /// <summary>One room "Main" (100 seats), one block on the first day.</summary>
    public object OneBlock(string start, string end, params (string Day, string Start, string End, string Title)[] breaks) => new
    {
        rooms = new[] { new { name = "Main", capacity = 100 } },
        blocks = new[] { new { day = Day(), start, end, rooms = new[] { "Main" } } },
        breaks = breaks.Select(b => new { day = b.Day, start = b.Start, end = b.End, title = b.Title }).ToArray(),
    };

    public async Task<Guid> StartRunAsync(Guid trackId, bool minimalChange = true)
    {
        var response = await Chair.PostAsJsonAsync($"/api/v1/tracks/{trackId}/timetable-runs", new { minimalChange });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Polls the run until it is finished (Succeeded, Infeasible or Failed).</summary>
    public Task<JsonElement> WaitAsync(Guid runId) =>
        Eventually.ThatAsync(
            async () => await Chair.GetFromJsonAsync<JsonElement>($"/api/v1/timetable-runs/{runId}"),
            run => run.GetProperty("status").GetString() is "Succeeded" or "Infeasible" or "Failed",
            TimeSpan.FromSeconds(120), $"timetable run {runId} to finish");
}
