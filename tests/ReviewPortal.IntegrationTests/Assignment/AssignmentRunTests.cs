using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Committee;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Assignment;

/// <summary>Assignment runs through the API on a small track: infeasible runs explained, apply guarded, manual changes, hostile input.</summary>
public sealed class AssignmentRunTests(AssignmentJobsApp app) : IClassFixture<AssignmentJobsApp>
{
    [Fact]
    public async Task Asking_for_more_reviewers_than_the_committee_has_gives_an_infeasible_run_that_names_the_numbers()
    {
        var t = await ReviewTrack.CreateAsync(app, members: 2, proposals: 2);
        var runId = await AssignmentApi.StartRunAsync(t.Chair, t.TrackId, "Total", 5);
        var run = await AssignmentApi.WaitAsync(t.Chair, runId);
        Assert.Equal("Infeasible", run.GetProperty("status").GetString());
        var explanation = run.GetProperty("explanation").GetString()!;
        Assert.Contains("2 proposals × 5 reviewers = 10 reviews", explanation, StringComparison.Ordinal);
        Assert.Contains("\"Talk 0 about the verifier\"", explanation, StringComparison.Ordinal);
        Assert.Contains("What to do:", explanation, StringComparison.Ordinal);
        Assert.Empty(run.GetProperty("assignments").EnumerateArray());
        await Problems.AssertAsync(await t.Chair.PostAsync($"/api/v1/assignment-runs/{runId}/apply", null), HttpStatusCode.Conflict);

        var page = await HtmlPage.GetAsync(t.Chair, $"/Chair/AssignmentRun?id={runId}");
        Assert.Contains("No assignment is possible", page.Text, StringComparison.Ordinal);
        Assert.Contains("2 proposals × 5 reviewers", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_everyone_is_conflicted_on_a_proposal_the_run_says_which_one_and_that_it_has_no_conflict_free_member()
    {
        var t = await ReviewTrack.CreateAsync(app, members: 2, proposals: 2);
        foreach (var member in t.Members)
            await Problems.JsonAsync(await member.Client.PutAsJsonAsync($"/api/v1/proposals/{t.Proposals[1]}/bid", new { bid = "Conflict" }));
        await Problems.JsonAsync(await t.Chair.PutAsJsonAsync($"/api/v1/proposals/{t.Proposals[1]}/bid", new { bid = "Conflict" }));

        var run = await AssignmentApi.WaitAsync(t.Chair, await AssignmentApi.StartRunAsync(t.Chair, t.TrackId, "Total", 1));
        Assert.Equal("Infeasible", run.GetProperty("status").GetString());
        Assert.Contains("\"Talk 1 about the verifier\": 0 conflict-free members, needs 1.", run.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_is_a_preview_until_applied_and_applying_after_a_manual_change_or_a_discard_is_refused()
    {
        var t = await ReviewTrack.CreateAsync(app, members: 3, proposals: 3);
        var runId = await AssignmentApi.StartRunAsync(t.Chair, t.TrackId, "Fair", 2);
        var run = await AssignmentApi.WaitAsync(t.Chair, runId);
        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        Assert.Equal(6, run.GetProperty("assignments").GetArrayLength());
        Assert.Empty(await t.Chair.GetFromJsonAsync<JsonElement[]>($"/api/v1/tracks/{t.TrackId}/assignments") ?? []);

        var preview = await HtmlPage.GetAsync(t.Chair, $"/Chair/AssignmentRun?id={runId}");
        Assert.NotNull(preview.Document.QuerySelector("svg.chart"));
        Assert.Contains("Talk 2 about the verifier", preview.Text, StringComparison.Ordinal);

        // A manual change after the run started: the run no longer fits the track.
        var manual = await Problems.JsonAsync(await t.Chair.PutAsync($"/api/v1/proposals/{t.Proposals[0]}/assignments/{t.Members[0].PersonId}", null));
        Assert.Equal("Manual", manual.GetProperty("source").GetString());
        var refused = await Problems.AssertAsync(await t.Chair.PostAsync($"/api/v1/assignment-runs/{runId}/apply", null), HttpStatusCode.Conflict);
        Assert.Contains("Run the assignment again", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Run again: the manual pair is kept, applying works once, then the run is spent.
        var second = await AssignmentApi.StartRunAsync(t.Chair, t.TrackId, "Total", 2);
        Assert.Equal("Succeeded", (await AssignmentApi.WaitAsync(t.Chair, second)).GetProperty("status").GetString());
        await Problems.JsonAsync(await t.Chair.PostAsync($"/api/v1/assignment-runs/{second}/apply", null));
        var live = await t.Chair.GetFromJsonAsync<JsonElement[]>($"/api/v1/tracks/{t.TrackId}/assignments") ?? [];
        Assert.Equal(6, live.Length);
        Assert.Single(live, a => a.GetProperty("source").GetString() == "Manual");
        Assert.Contains(live, a => a.GetProperty("proposalId").GetGuid() == t.Proposals[0] && a.GetProperty("personId").GetGuid() == t.Members[0].PersonId);
        await Problems.AssertAsync(await t.Chair.PostAsync($"/api/v1/assignment-runs/{second}/apply", null), HttpStatusCode.Conflict);
        await Problems.AssertAsync(await t.Chair.PostAsync($"/api/v1/assignment-runs/{second}/discard", null), HttpStatusCode.Conflict);

        var third = await AssignmentApi.StartRunAsync(t.Chair, t.TrackId, "Total", 2);
        await AssignmentApi.WaitAsync(t.Chair, third);
        var discarded = await Problems.JsonAsync(await t.Chair.PostAsync($"/api/v1/assignment-runs/{third}/discard", null));
        Assert.Equal(JsonValueKind.String, discarded.GetProperty("discardedUtc").ValueKind);
        await Problems.AssertAsync(await t.Chair.PostAsync($"/api/v1/assignment-runs/{third}/apply", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Manual_assignment_refuses_a_conflicted_member_with_the_reason_and_warns_above_the_balanced_load()
    {
        var t = await ReviewTrack.CreateAsync(app, members: 2, proposals: 3);
        var (ann, bob) = (t.Members[0], t.Members[1]);
        await Problems.JsonAsync(await bob.Client.PutAsJsonAsync($"/api/v1/proposals/{t.Proposals[0]}/bid", new { bid = "Conflict" }));
        var refused = await Problems.AssertAsync(await t.Chair.PutAsync($"/api/v1/proposals/{t.Proposals[0]}/assignments/{bob.PersonId}", null), HttpStatusCode.Conflict);
        Assert.Contains($"declared by {bob.Name} when bidding", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // 3 proposals × 3 reviewers over 3 members (2 + the chair): balanced load 3.
        JsonElement last = default;
        foreach (var proposal in t.Proposals)
            last = await Problems.JsonAsync(await t.Chair.PutAsync($"/api/v1/proposals/{proposal}/assignments/{ann.PersonId}", null));
        Assert.Empty(last.GetProperty("warnings").EnumerateArray());
        await app.WithDbAsync(db => db.CommitteeMembers.Where(m => m.TrackId == t.TrackId && m.PersonId == ann.PersonId)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.MaxLoad, 2)));
        var again = await Problems.JsonAsync(await t.Chair.PutAsync($"/api/v1/proposals/{t.Proposals[2]}/assignments/{ann.PersonId}", null));
        Assert.Contains("above their maximum of 2", again.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);

        var mails = await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == ann.Email && m.Kind == "committee.assigned"));
        Assert.Equal(3, mails);
        Assert.Equal(HttpStatusCode.OK, (await t.Chair.DeleteAsync($"/api/v1/proposals/{t.Proposals[2]}/assignments/{ann.PersonId}")).StatusCode);
        await Problems.AssertAsync(await t.Chair.DeleteAsync($"/api/v1/proposals/{t.Proposals[2]}/assignments/{ann.PersonId}"), HttpStatusCode.NotFound);
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == ann.Email && m.Kind == "committee.unassigned")));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.TrackId == t.TrackId && a.Action == "assignment.unassigned")));
    }

    [Fact]
    public async Task Hostile_input_and_callers_from_elsewhere_get_clear_refusals_on_every_assignment_endpoint()
    {
        var t = await ReviewTrack.CreateAsync(app, members: 1, proposals: 1);
        var other = await ReviewTrack.CreateAsync(app, members: 1, proposals: 1);
        var runs = $"/api/v1/tracks/{t.TrackId}/assignment-runs";
        foreach (var body in new[] { """{"mode":"Bogus"}""", "{\"mode\":\"Total\\u0000\"}", """{"mode":"Total","reviewersPerProposal":0}""",
                     """{"mode":"Total","reviewersPerProposal":100000}""", """{"mode":7}""", """{"mode":["Total"]}""", """{"reviewersPerProposal":"3\u0001"}""" })
        {
            var response = await t.Chair.PostAsync(runs, new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body}: {response.StatusCode}");
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.AssignmentRuns.CountAsync(r => r.TrackId == t.TrackId)));
        var runId = await AssignmentApi.StartRunAsync(t.Chair, t.TrackId, "Total", 1);
        await AssignmentApi.WaitAsync(t.Chair, runId);

        // Another track's chair and members, and this track's member, do not learn of the run.
        foreach (var client in new[] { other.Chair, other.Members[0].Client, t.Members[0].Client, t.Speaker })
        {
            await Problems.AssertAsync(await client.GetAsync($"/api/v1/assignment-runs/{runId}"), HttpStatusCode.NotFound);
            await Problems.AssertAsync(await client.PostAsync($"/api/v1/assignment-runs/{runId}/apply", null), HttpStatusCode.NotFound);
            await Problems.AssertAsync(await client.PostAsync($"/api/v1/assignment-runs/{runId}/discard", null), HttpStatusCode.NotFound);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Chair/AssignmentRun?id={runId}")).StatusCode);
        }

        await Problems.AssertAsync(await t.Chair.GetAsync($"/api/v1/assignment-runs/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await other.Chair.PostAsJsonAsync(runs, new { mode = "Total" }), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await other.Chair.GetAsync($"/api/v1/tracks/{t.TrackId}/assignments"), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await t.Members[0].Client.GetAsync($"/api/v1/tracks/{t.TrackId}/assignments"), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await t.Chair.PostAsJsonAsync($"/api/v1/tracks/{Guid.NewGuid()}/assignment-runs", new { mode = "Total" }), HttpStatusCode.NotFound);

        // Manual assignment: a member of another track is no member here; another track's proposal is not the chair's.
        await Problems.AssertAsync(await t.Chair.PutAsync($"/api/v1/proposals/{t.Proposals[0]}/assignments/{other.Members[0].PersonId}", null), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await t.Chair.PutAsync($"/api/v1/proposals/{other.Proposals[0]}/assignments/{t.Members[0].PersonId}", null), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await t.Members[0].Client.PutAsync($"/api/v1/proposals/{t.Proposals[0]}/assignments/{t.Members[0].PersonId}", null), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await t.Chair.PutAsync($"/api/v1/proposals/{t.Proposals[0]}/assignments/{Guid.Empty}", null), HttpStatusCode.BadRequest);
        Assert.Equal(0, await app.WithDbAsync(db => db.ReviewAssignments.CountAsync(a => a.TrackId == t.TrackId)));
    }

    [Fact]
    public async Task The_chair_starts_the_review_phase_after_confirming_runs_the_assignment_watches_it_and_applies_it_from_the_pages()
    {
        var t = await ReviewTrack.CreateAsync(app, members: 2, proposals: 2, startReview: false);
        var page = await HtmlPage.GetAsync(t.Chair, $"/Chair/Assignments?trackId={t.TrackId}");
        Assert.Null(page.Document.QuerySelector("form[action*='handler=StartReviewPhase']"));
        var confirm = await HtmlPage.GetAsync(t.Chair, page.Document.QuerySelector("a[href*='confirm=review-phase']")!.GetAttribute("href")!);
        Assert.Contains("This cannot be undone", confirm.Text, StringComparison.Ordinal);
        var started = await confirm.SubmitAsync(t.Chair, new Dictionary<string, string>(), "form[action*='handler=StartReviewPhase']");
        Assert.True(HtmlPage.IsRedirect(started), started.StatusCode.ToString());
        Assert.NotNull(await app.WithDbAsync(db => db.Tracks.Where(x => x.Id == t.TrackId).Select(x => x.ReviewPhaseStartedUtc).SingleAsync()));

        page = await HtmlPage.GetAsync(t.Chair, $"/Chair/Assignments?trackId={t.TrackId}");
        var queued = await page.SubmitAsync(t.Chair, new Dictionary<string, string> { ["mode"] = "Total", ["reviewersPerProposal"] = "2" }, "form[action*='handler=StartRun']");
        Assert.True(HtmlPage.IsRedirect(queued), queued.StatusCode.ToString());
        var runUrl = queued.Headers.Location!.OriginalString;
        var runId = Guid.Parse(runUrl[(runUrl.IndexOf("id=", StringComparison.Ordinal) + 3)..]);
        var running = await HtmlPage.GetAsync(t.Chair, runUrl);
        Assert.True(running.Document.QuerySelector("progress") is not null || running.Text.Contains("Apply this assignment", StringComparison.Ordinal));
        await AssignmentApi.WaitAsync(t.Chair, runId);

        var preview = await HtmlPage.GetAsync(t.Chair, runUrl);
        Assert.Equal(2, preview.Document.QuerySelectorAll("svg.chart").Length);
        var applied = await preview.SubmitAsync(t.Chair, new Dictionary<string, string>(), "form[action*='handler=Apply']");
        Assert.True(HtmlPage.IsRedirect(applied), applied.StatusCode.ToString());
        Assert.Equal(4, await app.WithDbAsync(db => db.ReviewAssignments.CountAsync(a => a.TrackId == t.TrackId)));
        var after = await HtmlPage.GetAsync(t.Chair, applied.Headers.Location!.OriginalString);
        Assert.Contains("Applied: 4 assignments", after.Text, StringComparison.Ordinal);

        // Manual unassign from the page, then the same proposal offers the member again.
        var unassigned = await after.SubmitAsync(t.Chair, new Dictionary<string, string>(), $"tr[id='p-{t.Proposals[0]}'] form[action*='handler=Unassign']");
        Assert.True(HtmlPage.IsRedirect(unassigned), unassigned.StatusCode.ToString());
        Assert.Equal(3, await app.WithDbAsync(db => db.ReviewAssignments.CountAsync(a => a.TrackId == t.TrackId)));
    }
}
