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
        Settings["Seed:DemoStage"] = "Confirmed";
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
        Assert.All(talks, t => Assert.Equal(SubmissionStatus.Confirmed, t.Status));
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
