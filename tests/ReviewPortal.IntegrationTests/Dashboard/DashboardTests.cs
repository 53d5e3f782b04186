using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.Application.Features.Decisions;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Assignment;
using ReviewPortal.IntegrationTests.Infrastructure;
using ReviewPortal.IntegrationTests.Reviews;

namespace ReviewPortal.IntegrationTests.Dashboard;

/// <summary>The chair's dashboard: where the programme stands, each figure linking to the list behind it.</summary>
public sealed class DashboardTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private readonly ReviewPortalApp _app = app;

    /// <summary>
    /// Six proposals, one at each stage: p0 accepted and waiting for its speakers, p1 accepted and confirmed, p2 rejected
    /// and released, p3 waitlisted (not released), p4 undecided, p5 withdrawn. Member A is assigned p0 and p1 and has
    /// reviewed p0. Capacity 3, speakers confirm within a week.
    /// </summary>
    private async Task<ReviewTrack> ProgrammeAtEveryStageAsync()
    {
        var track = await ReviewTrack.CreateAsync(_app, members: 2, proposals: 6);
        var a = track.Members[0];
        await ReviewSteps.AssignAsync(track, track.Proposals[0], a);
        await ReviewSteps.AssignAsync(track, track.Proposals[1], a);
        await ReviewSteps.SaveAsync(a.Client, track.Proposals[0], score: 4, confidence: 3, submit: true, version: 0);

        var now = _app.Clock.GetUtcNow();
        await _app.WithDbAsync(async db =>
        {
            var t = await db.Tracks.SingleAsync(x => x.Id == track.TrackId);
            t.ProgrammeCapacity = 3;
            t.ConfirmationDeadlineUtc = now.AddDays(7);
            await db.SaveChangesAsync();
        });
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReviewPortal.Infrastructure.Data.ApplicationDbContext>();
            var letters = scope.ServiceProvider.GetRequiredService<DecisionLetters>();
            var proposals = await db.Submissions.Include(s => s.Track).ThenInclude(t => t.Conference).Include(s => s.Speakers)
                .Where(s => s.TrackId == track.TrackId).ToDictionaryAsync(s => s.Id);
            Submission P(int i) => proposals[track.Proposals[i]];
            P(0).Decide(SubmissionStatus.Accepted, null, now);
            P(1).Decide(SubmissionStatus.Accepted, null, now);
            P(2).Decide(SubmissionStatus.Rejected, null, now);
            P(3).Decide(SubmissionStatus.Waitlisted, 1, now);
            P(5).Withdraw(now);
            foreach (var i in new[] { 0, 1, 2 })
                await letters.ReleaseAsync(P(i), promotedFromWaitlist: false, CancellationToken.None);
            await db.SaveChangesAsync();

            var offer = await db.SpeakerConfirmations.SingleAsync(c => c.SubmissionId == track.Proposals[1]);
            offer.Confirm(P(1).Track, P(1).Speakers[0].Id, null, [], [], now);
            P(1).Confirm(now);
            await db.SaveChangesAsync();
        }

        return track;
    }

    private static async Task<JsonElement> DashboardAsync(HttpClient client, Guid trackId) =>
        await Problems.JsonAsync(await client.GetAsync(new Uri($"/api/v1/tracks/{trackId}/dashboard", UriKind.Relative)));

    private static int Figure(JsonElement dashboard, string section, string name) => dashboard.GetProperty(section).GetProperty(name).GetInt32();

    [Fact]
    public async Task The_chair_sees_how_many_proposals_are_at_each_stage()
    {
        var track = await ProgrammeAtEveryStageAsync();

        var d = await DashboardAsync(track.Chair, track.TrackId);

        Assert.Equal(5, Figure(d, "cfp", "submitted"));
        Assert.Equal(1, Figure(d, "cfp", "withdrawn"));
        Assert.Equal(1, Figure(d, "review", "reviewsIn"));
        Assert.Equal(2, Figure(d, "review", "assigned"));
        Assert.Equal(1, Figure(d, "review", "membersBehind"));
        Assert.False(d.GetProperty("review").GetProperty("deadlinePassed").GetBoolean());
        Assert.Equal(2, Figure(d, "decisions", "accepted"));
        Assert.Equal(1, Figure(d, "decisions", "rejected"));
        Assert.Equal(1, Figure(d, "decisions", "waitlisted"));
        Assert.Equal(1, Figure(d, "decisions", "undecided"));
        Assert.Equal(3, Figure(d, "decisions", "released"));
        Assert.Equal(1, Figure(d, "decisions", "unreleased"));
        Assert.Equal(1, Figure(d, "confirmations", "confirmed"));
        Assert.Equal(1, Figure(d, "confirmations", "waiting"));
        Assert.Equal(0, Figure(d, "confirmations", "overdue"));
        Assert.Equal(3, Figure(d, "programme", "capacity"));
        Assert.Equal(2, Figure(d, "programme", "committed"));
        Assert.Equal(1, Figure(d, "programme", "confirmed"));
    }

    [Fact]
    public async Task After_the_deadlines_the_unanswered_talk_is_overdue_and_the_member_with_a_review_to_do_is_late()
    {
        var track = await ProgrammeAtEveryStageAsync();
        // Both deadlines pass (moved back rather than the clock forward, which would end the test's sessions).
        await _app.WithDbAsync(async db =>
        {
            var t = await db.Tracks.SingleAsync(x => x.Id == track.TrackId);
            t.ReviewDeadlineUtc = _app.Clock.GetUtcNow().AddMinutes(-1);
            t.ConfirmationDeadlineUtc = t.ReviewDeadlineUtc;
            await db.SaveChangesAsync();
        });

        var d = await DashboardAsync(track.Chair, track.TrackId);

        Assert.Equal(1, Figure(d, "confirmations", "overdue"));
        Assert.Equal(0, Figure(d, "confirmations", "waiting"));
        Assert.True(d.GetProperty("review").GetProperty("deadlinePassed").GetBoolean());
        var page = await HtmlPage.GetAsync(track.Chair, $"/Chair/{track.TrackId}/Dashboard");
        Assert.Contains("Members late", page.Document.QuerySelector("#review")!.TextContent);
        Assert.Contains("late", page.Document.QuerySelector("[data-figure=overdue]")!.ParentElement!.ParentElement!.ClassName);
    }

    [Fact]
    public async Task Each_number_on_the_page_links_to_the_list_behind_it()
    {
        var track = await ProgrammeAtEveryStageAsync();

        var page = await HtmlPage.GetAsync(track.Chair, $"/Chair/{track.TrackId}/Dashboard");

        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        var figures = page.Document.QuerySelectorAll("[data-figure]").ToDictionary(a => a.GetAttribute("data-figure")!, a => a);
        Assert.Equal("2", figures["accepted"].TextContent.Trim());
        Assert.Equal("1", figures["withdrawn"].TextContent.Trim());
        Assert.Equal("1 / 2", figures["reviews"].TextContent.Trim());
        Assert.Equal($"/Chair/{track.TrackId}/Proposals?status=Withdrawn", figures["withdrawn"].GetAttribute("href"));
        Assert.All(figures.Values, a => Assert.StartsWith($"/Chair/{track.TrackId}/", a.GetAttribute("href")));
        // Every list a figure links to opens for the chair.
        foreach (var href in figures.Values.Select(a => a.GetAttribute("href")!.Split('#')[0]).Distinct())
            Assert.Equal(HttpStatusCode.OK, (await track.Chair.GetAsync(new Uri(href, UriKind.Relative))).StatusCode);
        Assert.NotNull(page.Document.QuerySelector("#decisions svg"));
    }

    [Fact]
    public async Task An_organisers_item_such_as_the_opening_is_not_waiting_for_a_decision()
    {
        var track = await ProgrammeAtEveryStageAsync();
        await _app.WithDbAsync(async db =>
        {
            var undecided = await db.Submissions.SingleAsync(s => s.Id == track.Proposals[4]);
            undecided.Kind = SubmissionKind.Organisational;
            await db.SaveChangesAsync();
        });

        var d = await DashboardAsync(track.Chair, track.TrackId);

        Assert.Equal(0, Figure(d, "decisions", "undecided"));
        Assert.Equal(5, Figure(d, "cfp", "submitted"));
    }

    [Fact]
    public async Task A_chair_conflicted_on_a_proposal_does_not_learn_its_decision_from_the_figures()
    {
        var track = await ProgrammeAtEveryStageAsync();
        await ReviewReadingSteps.DeclareConflictAsync(track.Chair, track.Proposals[2]);

        var d = await DashboardAsync(track.Chair, track.TrackId);

        Assert.Equal(0, Figure(d, "decisions", "rejected"));
        Assert.Equal(2, Figure(d, "decisions", "released"));
        Assert.Equal(1, d.GetProperty("hiddenByConflict").GetInt32());
        Assert.Equal(5, Figure(d, "cfp", "submitted"));
    }

    [Fact]
    public async Task Members_outsiders_and_chairs_of_other_tracks_are_refused()
    {
        var track = await ProgrammeAtEveryStageAsync();
        var other = await ReviewTrack.CreateAsync(_app, members: 0, proposals: 0, startReview: false);

        Assert.Equal(HttpStatusCode.Forbidden, (await track.Members[0].Client.GetAsync(new Uri($"/api/v1/tracks/{track.TrackId}/dashboard", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Chair.GetAsync(new Uri($"/api/v1/tracks/{track.TrackId}/dashboard", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await track.Speaker.GetAsync(new Uri($"/Chair/{track.TrackId}/Dashboard", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await track.Chair.GetAsync(new Uri($"/api/v1/tracks/{Guid.NewGuid()}/dashboard", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await track.Chair.GetAsync(new Uri("/api/v1/tracks/not-a-guid/dashboard", UriKind.Relative))).StatusCode);
    }
}
