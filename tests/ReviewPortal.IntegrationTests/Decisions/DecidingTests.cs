using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Api;
using ReviewPortal.IntegrationTests.Assignment;
using ReviewPortal.IntegrationTests.Infrastructure;
using ReviewPortal.IntegrationTests.Ranking;
using static ReviewPortal.IntegrationTests.Decisions.DecisionSteps;

namespace ReviewPortal.IntegrationTests.Decisions;

/// <summary>A chair decides proposals one at a time, many at once, and "the top N" (issue 9, Decisions).</summary>
public sealed class DecidingTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    [Fact]
    public async Task A_chair_accepts_a_proposal_it_is_stored_as_a_draft_and_the_audit_log_says_who_changed_what()
    {
        var track = await ReviewTrack.CreateAsync(app, members: 1, proposals: 1);
        var id = track.Proposals[0];

        var response = await PutDecisionAsync(track.Chair, id, new { decision = "Accepted", waitlistRank = (int?)null });
        var doc = new OpenApiDocumentTests.OpenApiDoc(await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json"));
        await doc.AssertDescribesAsync("put", "/api/v1/proposals/{id}/decision", response);
        var body = await Problems.JsonAsync(response);
        Assert.Equal(id, body.GetProperty("proposalId").GetGuid());
        Assert.Equal("Accepted", body.GetProperty("decision").GetString());
        Assert.False(body.GetProperty("released").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("waitlistRank").ValueKind);

        var stored = await StoredAsync(app, id);
        Assert.Equal(SubmissionStatus.Accepted, stored.Status);
        Assert.Null(stored.DecisionReleasedUtc);
        Assert.Equal(stored.Version, body.GetProperty("version").GetUInt32());
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityId == id && a.Action == "decision.changed"));
        Assert.Equal(track.ChairId, audit.ActorId);
        var details = JsonDocument.Parse(audit.Details).RootElement;
        Assert.Equal("Undecided", details.GetProperty("From").GetString());
        Assert.Equal("Accepted", details.GetProperty("To").GetString());

        // Undecided takes the draft back.
        await DecideAsync(track.Chair, id, "undecided");
        Assert.Equal(SubmissionStatus.UnderReview, (await StoredAsync(app, id)).Status);
    }

    [Fact]
    public async Task Two_chairs_deciding_at_once_the_second_with_a_stale_version_gets_409_and_the_first_decision_stays()
    {
        var track = await ReviewTrack.CreateAsync(app, members: 1, proposals: 1);
        var id = track.Proposals[0];
        var second = await SecondChairAsync(app, track);
        var seen = (await StoredAsync(app, id)).Version;

        await DecideAsync(track.Chair, id, "Accepted", version: seen);
        var late = await PutDecisionAsync(second.Client, id, new { decision = "Rejected", version = seen });

        var problem = await Problems.AssertAsync(late, HttpStatusCode.Conflict);
        Assert.Contains("changed by someone else", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(SubmissionStatus.Accepted, (await StoredAsync(app, id)).Status);
    }

    [Fact]
    public async Task Waitlist_places_stay_one_to_n_when_talks_join_move_and_leave()
    {
        var track = await ReviewTrack.CreateAsync(app, members: 1, proposals: 4);
        var (a, b, c, d) = (track.Proposals[0], track.Proposals[1], track.Proposals[2], track.Proposals[3]);

        Assert.Equal(1, (await DecideAsync(track.Chair, a, "Waitlisted")).GetProperty("waitlistRank").GetInt32());
        Assert.Equal(2, (await DecideAsync(track.Chair, b, "Waitlisted")).GetProperty("waitlistRank").GetInt32());
        Assert.Equal(1, (await DecideAsync(track.Chair, c, "Waitlisted", waitlistRank: 1)).GetProperty("waitlistRank").GetInt32());
        // A place past the end is the end.
        Assert.Equal(4, (await DecideAsync(track.Chair, d, "Waitlisted", waitlistRank: 99)).GetProperty("waitlistRank").GetInt32());
        Assert.Equal([(SubmissionStatus.Waitlisted, 2), (SubmissionStatus.Waitlisted, 3), (SubmissionStatus.Waitlisted, 1), (SubmissionStatus.Waitlisted, 4)],
            await StatesAsync(app, [a, b, c, d]));

        await DecideAsync(track.Chair, a, "Accepted");
        Assert.Equal([(SubmissionStatus.Accepted, null), (SubmissionStatus.Waitlisted, 2), (SubmissionStatus.Waitlisted, 1), (SubmissionStatus.Waitlisted, 3)],
            await StatesAsync(app, [a, b, c, d]));
        await DecideAsync(track.Chair, d, "Waitlisted", waitlistRank: 1);
        Assert.Equal([(SubmissionStatus.Accepted, null), (SubmissionStatus.Waitlisted, 3), (SubmissionStatus.Waitlisted, 2), (SubmissionStatus.Waitlisted, 1)],
            await StatesAsync(app, [a, b, c, d]));
    }

    [Fact]
    public async Task A_conflicted_chair_gets_403_a_member_and_an_outsider_get_404_and_nothing_is_decided()
    {
        var track = await ReviewTrack.CreateAsync(app, members: 1, proposals: 1);
        var id = track.Proposals[0];
        var second = await SecondChairAsync(app, track);
        await ConflictAsync(track, id, second.PersonId);
        var outsider = await Accounts.SignedInClientAsync(app, $"outsider-{Guid.NewGuid():N}@example.org");

        var conflicted = await Problems.AssertAsync(await PutDecisionAsync(second.Client, id, new { decision = "Accepted" }), HttpStatusCode.Forbidden);
        Assert.Contains("conflict of interest", conflicted.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Problems.AssertAsync(await PutDecisionAsync(track.Members[0].Client, id, new { decision = "Accepted" }), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await PutDecisionAsync(outsider, id, new { decision = "Accepted" }), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await PutDecisionAsync(track.Speaker, id, new { decision = "Accepted" }), HttpStatusCode.NotFound);
        // In bulk the member is refused at the track (only its chair decides), the conflicted chair at the item.
        await Problems.AssertAsync(await PostDecisionsAsync(track.Members[0].Client, track.TrackId,
            new { decisions = new[] { new { proposalId = id, decision = "Accepted" } } }), HttpStatusCode.Forbidden);
        var fields = await Problems.FieldsAsync(await PostDecisionsAsync(second.Client, track.TrackId,
            new { decisions = new[] { new { proposalId = id, decision = "Accepted" } } }));
        Assert.Equal(["Decisions[0].ProposalId"], fields);

        Assert.Equal(SubmissionStatus.UnderReview, (await StoredAsync(app, id)).Status);
    }

    [Fact]
    public async Task Many_at_once_is_all_or_nothing_one_bad_item_or_another_tracks_proposal_is_named_and_nothing_changes()
    {
        var track = await ReviewTrack.CreateAsync(app, members: 1, proposals: 3);
        var other = await ReviewTrack.CreateAsync(app, members: 1, proposals: 1);
        var (a, b, c) = (track.Proposals[0], track.Proposals[1], track.Proposals[2]);
        // b has a released decision: final.
        await DecideAsync(track.Chair, b, "Rejected");
        await ReleaseAsync(app, b);

        var released = await PostDecisionsAsync(track.Chair, track.TrackId, new
        {
            decisions = new object[] { new { proposalId = a, decision = "Accepted" }, new { proposalId = b, decision = "Accepted" } },
        });
        var problem = await Problems.AssertAsync(released, HttpStatusCode.BadRequest);
        Assert.Contains("released", problem.GetProperty("errors").GetProperty("Decisions[1].Decision")[0].GetString(), StringComparison.Ordinal);

        var foreign = await PostDecisionsAsync(track.Chair, track.TrackId, new
        {
            decisions = new object[] { new { proposalId = a, decision = "Accepted" }, new { proposalId = c, decision = "Waitlisted" }, new { proposalId = other.Proposals[0], decision = "Rejected" } },
        });
        Assert.Equal(["Decisions[2].ProposalId"], await Problems.FieldsAsync(foreign));
        Assert.Equal([(SubmissionStatus.UnderReview, null), (SubmissionStatus.Rejected, null), (SubmissionStatus.UnderReview, null)], await StatesAsync(app, [a, b, c]));
        Assert.Equal(SubmissionStatus.UnderReview, (await StoredAsync(app, other.Proposals[0])).Status);

        var made = await Problems.JsonAsync(await PostDecisionsAsync(track.Chair, track.TrackId, new
        {
            decisions = new object[] { new { proposalId = a, decision = "Accepted" }, new { proposalId = c, decision = "Waitlisted", waitlistRank = (int?)null } },
        }));
        var doc = new OpenApiDocumentTests.OpenApiDoc(await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json"));
        Assert.Equal(2, made.GetProperty("decided").GetInt32());
        Assert.Equal([(SubmissionStatus.Accepted, null), (SubmissionStatus.Rejected, null), (SubmissionStatus.Waitlisted, 1)], await StatesAsync(app, [a, b, c]));
        await doc.AssertDescribesAsync("post", "/api/v1/tracks/{trackId}/decisions", await PostDecisionsAsync(track.Chair, track.TrackId,
            new { decisions = new object[] { new { proposalId = a, decision = "Accepted" } } }));
    }

    [Fact]
    public async Task Accept_the_top_two_takes_the_calibrated_top_two_waitlists_the_next_and_rejects_the_rest_only_when_asked()
    {
        // docs/ranking.md's example: the calibrated order is A, B, C, D (the mean's would put B first).
        var example = await WorkedExample.CreateAsync(app);
        var (a, b, c, d) = (example.A, example.B, example.C, example.D);
        var chair = example.Track.Chair;

        var first = await Problems.JsonAsync(await chair.PostAsJsonAsync($"/api/v1/tracks/{example.Track.TrackId}/decisions/accept-top",
            new { count = 1, waitlistCount = 1, rejectRest = false }));
        Assert.Equal(1, first.GetProperty("accepted").GetInt32());
        Assert.Equal([(SubmissionStatus.Accepted, null), (SubmissionStatus.Waitlisted, 1), (SubmissionStatus.UnderReview, null), (SubmissionStatus.UnderReview, null)],
            await StatesAsync(app, [a, b, c, d]));

        var second = await Problems.JsonAsync(await chair.PostAsJsonAsync($"/api/v1/tracks/{example.Track.TrackId}/decisions/accept-top",
            new { count = 2, waitlistCount = 1, rejectRest = true }));
        Assert.Equal([(SubmissionStatus.Accepted, null), (SubmissionStatus.Accepted, null), (SubmissionStatus.Waitlisted, 1), (SubmissionStatus.Rejected, null)],
            await StatesAsync(app, [a, b, c, d]));
        Assert.Equal(2, second.GetProperty("capacity").GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task Accept_the_top_n_leaves_a_released_decision_alone_and_the_capacity_set_in_the_settings_is_shown()
    {
        var example = await WorkedExample.CreateAsync(app);
        var chair = example.Track.Chair;
        // A (the best) was rejected and released: it stays rejected; the top 2 of the rest are B and C.
        await DecideAsync(chair, example.A, "Rejected");
        await ReleaseAsync(app, example.A);
        var settings = System.Text.Json.Nodes.JsonNode.Parse(await chair.GetStringAsync($"/api/v1/tracks/{example.Track.TrackId}/settings"))!;
        settings["settings"]!["programmeCapacity"] = 3;
        var put = await chair.PutAsJsonAsync($"/api/v1/tracks/{example.Track.TrackId}/settings",
            new { version = settings["version"]!.GetValue<uint>(), settings = settings["settings"] });
        Assert.Equal(3, (await Problems.JsonAsync(put)).GetProperty("settings").GetProperty("programmeCapacity").GetInt32());

        var result = await Problems.JsonAsync(await chair.PostAsJsonAsync($"/api/v1/tracks/{example.Track.TrackId}/decisions/accept-top", new { count = 2 }));
        Assert.Equal([(SubmissionStatus.Rejected, null), (SubmissionStatus.Accepted, null), (SubmissionStatus.Accepted, null), (SubmissionStatus.UnderReview, null)],
            await StatesAsync(app, [example.A, example.B, example.C, example.D]));
        Assert.Equal(3, result.GetProperty("capacity").GetProperty("capacity").GetInt32());
        Assert.Equal(1, result.GetProperty("capacity").GetProperty("free").GetInt32());

        var page = await HtmlPage.GetAsync(chair, $"/Chair/{example.Track.TrackId}/Ranking");
        Assert.Contains("Room for 3 talks", page.Document.QuerySelector("#capacity")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 accepted now", page.Document.QuerySelector("#capacity")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ranking_page_decides_a_row_and_many_rows_with_plain_forms()
    {
        var example = await WorkedExample.CreateAsync(app);
        var chair = example.Track.Chair;
        var url = $"/Chair/{example.Track.TrackId}/Ranking?sort=title&dir=asc";
        var page = await HtmlPage.GetAsync(chair, url);

        var one = await page.SubmitAsync(chair, new Dictionary<string, string> { ["row"] = $"{example.B}|Waitlisted" }, "#decide-rows");
        Assert.True(HtmlPage.IsRedirect(one), $"{(int)one.StatusCode}");
        Assert.Contains("sort=title", one.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal((SubmissionStatus.Waitlisted, 1), (await StatesAsync(app, [example.B]))[0]);

        // The page opened before that change still carries B's old version: 409 with the reason, the waitlisting stays.
        var stale = await HtmlPage.ParseAsync(await page.SubmitAsync(chair, new Dictionary<string, string> { ["row"] = $"{example.B}|Rejected" }, "#decide-rows"));
        Assert.Equal(HttpStatusCode.Conflict, stale.Response.StatusCode);
        Assert.Contains("changed by someone else", stale.Text, StringComparison.Ordinal);
        Assert.Equal((SubmissionStatus.Waitlisted, 1), (await StatesAsync(app, [example.B]))[0]);

        page = await HtmlPage.GetAsync(chair, url);
        Assert.Contains("draft · waitlist #1", page.Document.QuerySelector($"tr[data-proposal='{example.B}']")!.TextContent, StringComparison.Ordinal);
        var many = await page.SubmitAsync(chair, new Dictionary<string, string> { ["bulkDecision"] = "Rejected", ["selected"] = example.C.ToString() }, "#decide-rows");
        Assert.True(HtmlPage.IsRedirect(many));
        Assert.Equal(SubmissionStatus.Rejected, (await StoredAsync(app, example.C)).Status);

        // Nothing ticked: the page says so, nothing changes.
        page = await HtmlPage.GetAsync(chair, url);
        var none = await HtmlPage.ParseAsync(await page.SubmitAsync(chair, new Dictionary<string, string> { ["bulkDecision"] = "Accepted" }, "#decide-rows"));
        Assert.Equal(HttpStatusCode.BadRequest, none.Response.StatusCode);
        Assert.Contains("Tick the proposals to decide first.", none.Text, StringComparison.Ordinal);

        // Accept the top N with a word for a number: a field error, nothing decided.
        var top = await HtmlPage.ParseAsync(await page.SubmitAsync(chair, new Dictionary<string, string> { ["count"] = "two" }, "#accept-top form"));
        Assert.Equal(HttpStatusCode.BadRequest, top.Response.StatusCode);
        Assert.Contains("whole number", top.FieldErrors()["count"], StringComparison.Ordinal);
        Assert.Equal(SubmissionStatus.UnderReview, (await StoredAsync(app, example.A)).Status);
        var accepted = await page.SubmitAsync(chair, new Dictionary<string, string> { ["count"] = "1" }, "#accept-top form");
        Assert.True(HtmlPage.IsRedirect(accepted));
        Assert.Equal(SubmissionStatus.Accepted, (await StoredAsync(app, example.A)).Status);
    }

    [Fact]
    public async Task The_proposal_page_shows_the_chair_the_draft_and_its_form_decides_with_the_version_it_showed()
    {
        var track = await ReviewTrack.CreateAsync(app, members: 1, proposals: 1);
        var id = track.Proposals[0];
        var page = await HtmlPage.GetAsync(track.Chair, $"/Proposals/{id}");
        Assert.Contains("Not decided yet.", page.Document.QuerySelector("#decision")!.TextContent, StringComparison.Ordinal);

        var posted = await page.SubmitAsync(track.Chair, new Dictionary<string, string> { ["Decision"] = "Waitlisted", ["WaitlistRank"] = "" }, "#decision form");
        Assert.True(HtmlPage.IsRedirect(posted));
        Assert.Equal((SubmissionStatus.Waitlisted, 1), (await StatesAsync(app, [id]))[0]);
        var shown = await HtmlPage.GetAsync(track.Chair, $"/Proposals/{id}");
        Assert.Contains("draft", shown.Document.QuerySelector("#decision")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("place 1 on the waitlist", shown.Document.QuerySelector("#decision")!.TextContent, StringComparison.Ordinal);

        // The old page's form carries the old version: refused, the waitlisting stays.
        var stale = await HtmlPage.ParseAsync(await page.SubmitAsync(track.Chair, new Dictionary<string, string> { ["Decision"] = "Rejected" }, "#decision form"));
        Assert.Contains("changed by someone else", stale.Text, StringComparison.Ordinal);
        Assert.Equal(SubmissionStatus.Waitlisted, (await StoredAsync(app, id)).Status);
    }
}
