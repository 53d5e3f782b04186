using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Reviews;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.Infrastructure.Seed;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Foundation;

/// <summary>The demo taken to its last stage at start-up, by the real use cases.</summary>
public sealed class DemoStageApp : ReviewPortalApp
{
    public DemoStageApp(PostgresServer server) : base(server)
    {
        Settings["Seed:DemoData"] = "true";
        Settings["Seed:DemoStage"] = "Scheduled";
    }

    public async Task<HttpClient> SignInDemoAsync(string email)
    {
        _ = Services; // the app writes the logins file when it starts
        var password = File.ReadAllLines(Path.Combine(MailDirectory, "data", "demo-logins.tsv"))
            .Select(l => l.Split('\t')).Single(p => p[2] == email)[3];
        var client = CreateBrowserClient();
        await Accounts.SignInAsync(client, email, password);
        return client;
    }
}

public sealed class DemoStageTests(DemoStageApp app) : IClassFixture<DemoStageApp>
{
    private async Task<Guid> TrackIdAsync() =>
        await app.WithDbAsync(db => db.Tracks.Where(t => t.Slug == DemoSeeder.TrackSlug).Select(t => t.Id).SingleAsync());

    [Fact]
    public async Task A_later_demo_stage_has_the_committee_assigned_and_every_assigned_review_in_labelled_as_demo_data()
    {
        var trackId = await TrackIdAsync();
        var track = await app.WithDbAsync(db => db.Tracks.AsNoTracking().SingleAsync(t => t.Id == trackId));
        Assert.True(track.IsInReviewPhase);

        var assignments = await app.WithDbAsync(db => db.ReviewAssignments.AsNoTracking().Where(a => a.TrackId == trackId).ToListAsync());
        var talks = await app.WithDbAsync(db => db.Submissions.AsNoTracking().Where(s => s.TrackId == trackId && s.Kind == SubmissionKind.Talk)
            .Select(s => s.Id).ToListAsync());
        Assert.Equal(38, talks.Count);
        // k = 3 reviewers per talk, none conflicted.
        Assert.All(talks, id => Assert.Equal(track.ReviewersPerSubmission, assignments.Count(a => a.SubmissionId == id)));
        var conflicts = await app.WithDbAsync(db => db.Conflicts.AsNoTracking().Where(c => c.TrackId == trackId && c.Active)
            .Select(c => new { c.SubmissionId, c.PersonId }).ToListAsync());
        Assert.DoesNotContain(assignments, a => conflicts.Contains(new { a.SubmissionId, a.PersonId }));

        var reviews = await app.WithDbAsync(db => db.Reviews.AsNoTracking()
            .Where(r => db.Submissions.Any(s => s.Id == r.SubmissionId && s.TrackId == trackId)).ToListAsync());
        Assert.Equal(assignments.Count, reviews.Count(r => r.State == ReviewState.Submitted));
        Assert.All(reviews, r => Assert.Contains(DemoStages.DemoReviewNote, r.CommentsForCommittee, StringComparison.Ordinal));
        Assert.All(reviews, r => Assert.InRange(r.Score!.Value, 1, 5));
        // Generated, not constant: the ranking has something to calibrate.
        Assert.True(reviews.Select(r => r.Score).Distinct().Count() >= 3);
        // The members were told of their assignments, through the outbox.
        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "committee.assignments-applied")) >= 7);
    }

    [Fact]
    public async Task A_later_demo_stage_has_LPC_2023s_decisions_released_and_every_talk_confirmed_by_a_speaker()
    {
        var trackId = await TrackIdAsync();
        var talks = await app.WithDbAsync(db => db.Submissions.AsNoTracking().Where(s => s.TrackId == trackId && s.Kind == SubmissionKind.Talk).ToListAsync());
        Assert.All(talks, t => Assert.True(t.IsDecisionReleased, t.Title));
        // Confirmed, and then scheduled by the last stage.
        Assert.All(talks, t => Assert.Contains(t.Status, new[] { SubmissionStatus.Confirmed, SubmissionStatus.Scheduled }));
        var offers = await app.WithDbAsync(db => db.SpeakerConfirmations.AsNoTracking().Where(c => c.TrackId == trackId).ToListAsync());
        Assert.Equal(38, offers.Count(o => o.Answer == ConfirmationAnswer.Confirmed && o.AnsweredById != null));
        // One acceptance letter per speaker with an address and talk.
        var letters = await app.WithDbAsync(db => db.DecisionLetters.CountAsync(l => l.TrackId == trackId));
        Assert.True(letters >= 38, $"{letters} letters");

        // The chair's dashboard, through the API as he would read it.
        var chair = await app.SignInDemoAsync("daniel.borkmann@lpc-demo.example");
        var dashboard = await chair.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{trackId}/dashboard");
        // The chair is conflicted on five talks: another chair or the admin manages those, so he sees 33.
        Assert.Equal(33, dashboard.GetProperty("confirmations").GetProperty("confirmed").GetInt32());
        Assert.Equal(0, dashboard.GetProperty("confirmations").GetProperty("waiting").GetInt32());
        Assert.Equal(39, dashboard.GetProperty("timetable").GetProperty("onProgramme").GetInt32());
        // The capacity is the real grid's: 40 slots of 30 minutes over three days (the opening sits before the first block).
        Assert.Equal(40, dashboard.GetProperty("programme").GetProperty("capacity").GetInt32());
    }

    [Fact]
    public async Task The_scheduled_demo_stage_publishes_the_solvers_timetable_of_38_talks_and_the_opening_on_the_real_grid()
    {
        var trackId = await TrackIdAsync();
        var timetable = await app.WithDbAsync(db => db.Timetables.AsNoTracking().SingleAsync(t => t.TrackId == trackId));
        Assert.Equal(1, timetable.PublishedVersion);
        var version = await app.WithDbAsync(db => db.PublishedTimetables.AsNoTracking().SingleAsync(p => p.TrackId == trackId && p.Number == 1));
        Assert.Equal(39, version.Slots.Count);
        Assert.All(version.Changes, c => Assert.Equal(Domain.Scheduling.TimetableChangeKind.New, c.Kind));
        var talks = await app.WithDbAsync(db => db.Submissions.AsNoTracking().Where(s => s.TrackId == trackId && s.Kind == SubmissionKind.Talk).ToListAsync());
        Assert.All(talks, t => Assert.Equal(SubmissionStatus.Scheduled, t.Status));

        // The opening stays where the organisers pinned it: 09:25 on the first day, New York time.
        var opening = Assert.Single(version.Slots, s => s.Kind == SubmissionKind.Organisational);
        Assert.Equal(new DateTimeOffset(2023, 11, 13, 14, 25, 0, TimeSpan.Zero), opening.StartUtc);
        // No two items at once in the one room; every talk a 30-minute slot.
        var ordered = version.Slots.OrderBy(s => s.StartUtc).ToList();
        Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.True(pair.First.EndUtc <= pair.Second.StartUtc, $"{pair.First.Title} overlaps {pair.Second.Title}"));
        Assert.All(version.Slots.Where(s => s.Kind == SubmissionKind.Talk), s => Assert.Equal(TimeSpan.FromMinutes(30), s.EndUtc - s.StartUtc));

        // The chair's editor shows no broken rule, and every speaker with an address was told their time.
        var chair = await app.SignInDemoAsync("daniel.borkmann@lpc-demo.example");
        var view = await chair.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{trackId}/timetable");
        Assert.Equal(0, view.GetProperty("warnings").GetArrayLength());
        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "timetable.scheduled")) >= 38);

        // Anyone reads it: the public page and its frab JSON.
        var anonymous = app.CreateClient();
        var page = await anonymous.GetStringAsync("/c/lpc2023/ebpf-networking/schedule");
        Assert.Contains("Static keys for BPF", page, StringComparison.Ordinal);
        var json = await anonymous.GetFromJsonAsync<JsonElement>("/c/lpc2023/ebpf-networking/schedule.json");
        Assert.Equal(3, json.GetProperty("schedule").GetProperty("conference").GetProperty("days").GetArrayLength());
    }

    [Fact]
    public void The_generated_demo_scores_are_the_same_on_every_machine()
    {
        var reviewer = Guid.Parse("0190aaaa-0000-7000-8000-000000000001");
        Assert.Equal(DemoStages.DemoScore("Static keys for BPF", reviewer), DemoStages.DemoScore("Static keys for BPF", reviewer));
        var scores = Enumerable.Range(0, 200).Select(i => DemoStages.DemoScore($"talk {i}", reviewer).Score).ToList();
        Assert.All(scores, s => Assert.InRange(s, 2, 5));
        Assert.True(scores.Distinct().Count() >= 3);
    }
}
