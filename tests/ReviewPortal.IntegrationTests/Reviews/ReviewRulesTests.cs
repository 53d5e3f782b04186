using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.IntegrationTests.Api;
using ReviewPortal.IntegrationTests.Assignment;
using ReviewPortal.IntegrationTests.Infrastructure;
using static ReviewPortal.IntegrationTests.Reviews.ReviewSteps;

namespace ReviewPortal.IntegrationTests.Reviews;

/// <summary>Who may write a review, what a review may hold, the criteria API and "my reviews", through the API, with the database checked after.</summary>
public sealed class ReviewRulesTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private static object Body(int? score = 3, int? confidence = 2, object? criteria = null, string speakers = "", string committee = "", bool submit = false, uint version = 0) =>
        new { score, confidence, criteria, commentsForSpeakers = speakers, commentsForCommittee = committee, submit, version };

    private static Task<HttpResponseMessage> PutCriteriaAsync(HttpClient client, Guid trackId, object body) =>
        client.PutAsJsonAsync($"/api/v1/tracks/{trackId}/criteria", body);

    [Fact]
    public async Task Only_an_assigned_unconflicted_member_can_write_a_review_and_refusals_leave_no_row()
    {
        var track = await ReviewTrack.CreateAsync(app, members: 3, proposals: 1);
        var (assigned, unassigned, conflicted) = (track.Members[0], track.Members[1], track.Members[2]);
        var proposal = track.Proposals[0];
        await AssignAsync(track, proposal, assigned);
        await AssignAsync(track, proposal, conflicted);
        // Assigned, then declares a conflict: the conflict wins.
        Assert.True((await conflicted.Client.PutAsJsonAsync($"/api/v1/proposals/{proposal}/bid", new { bid = "Conflict" })).IsSuccessStatusCode);
        var elsewhere = await ReviewTrack.CreateAsync(app, members: 1, proposals: 0);

        var doc = new OpenApiDocumentTests.OpenApiDoc(await app.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json"));
        var notAssigned = await PutReviewAsync(unassigned.Client, proposal, Body());
        Assert.Contains("not assigned", (await Problems.AssertAsync(notAssigned, HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await doc.AssertDescribesAsync("put", "/api/v1/proposals/{id}/review", notAssigned);
        Assert.Equal(HttpStatusCode.Forbidden, (await PutReviewAsync(conflicted.Client, proposal, Body())).StatusCode);
        var outsider = await PutReviewAsync(elsewhere.Members[0].Client, proposal, Body());
        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
        await doc.AssertDescribesAsync("put", "/api/v1/proposals/{id}/review", outsider);
        Assert.Equal(HttpStatusCode.Forbidden, (await PutReviewAsync(track.Speaker, proposal, Body())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PutReviewAsync(track.Chair, proposal, Body())).StatusCode); // the chair is not assigned
        Assert.Equal(HttpStatusCode.Unauthorized, (await PutReviewAsync(app.CreateClient(), proposal, Body())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PutReviewAsync(assigned.Client, Guid.NewGuid(), Body())).StatusCode);
        Assert.Equal(0, await CountAsync(app, proposal));

        var saved = await PutReviewAsync(assigned.Client, proposal, Body());
        await doc.AssertDescribesAsync("put", "/api/v1/proposals/{id}/review", saved);
        Assert.Equal(1, await CountAsync(app, proposal));
        var conflictedRead = await conflicted.Client.GetAsync(new Uri($"/api/v1/proposals/{proposal}/review", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, conflictedRead.StatusCode);
        await doc.AssertDescribesAsync("get", "/api/v1/proposals/{id}/review", conflictedRead);
    }

    [Fact]
    public async Task Hostile_review_input_is_refused_with_the_field_named_and_nothing_stored()
    {
        var track = await ReviewTrack.CreateAsync(app, members: 1, proposals: 1);
        var ann = track.Members[0];
        var proposal = track.Proposals[0];
        await AssignAsync(track, proposal, ann);
        await Problems.JsonAsync(await PutCriteriaAsync(track.Chair, track.TrackId,
            new[] { new { name = "Relevance", scaleMin = 1, scaleMax = 3, weight = 2.0, required = true } }));

        Assert.Contains("CommentsForSpeakers", await Problems.FieldsAsync(await PutReviewAsync(ann.Client, proposal, Body(speakers: "bad\u0000text"))));
        Assert.Contains("CommentsForCommittee", await Problems.FieldsAsync(await PutReviewAsync(ann.Client, proposal, Body(committee: "esc\u001b[31m"))));
        Assert.Contains("Criteria", await Problems.FieldsAsync(await PutReviewAsync(ann.Client, proposal, Body(criteria: new Dictionary<string, int?> { ["Rele\u0000vance"] = 2 }))));
        var unknown = await Problems.AssertAsync(await PutReviewAsync(ann.Client, proposal, Body(criteria: new Dictionary<string, int?> { ["Novelty"] = 2 })), HttpStatusCode.BadRequest);
        Assert.Contains("no criterion \"Novelty\"", unknown.GetProperty("errors").GetProperty("Criteria[Novelty]")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("Criteria[Relevance]", await Problems.FieldsAsync(await PutReviewAsync(ann.Client, proposal, Body(criteria: new Dictionary<string, int?> { ["Relevance"] = 9 }))));
        // A null value is an unanswered criterion: fine in a draft, not for a required one on submit.
        Assert.Contains("Criteria[Relevance]", await Problems.FieldsAsync(await PutReviewAsync(ann.Client, proposal,
            Body(score: 4, confidence: 3, criteria: new Dictionary<string, int?> { ["Relevance"] = null }, submit: true))));
        Assert.Contains("Score", await Problems.FieldsAsync(await PutReviewAsync(ann.Client, proposal, Body(score: 6))));
        Assert.Contains("Confidence", await Problems.FieldsAsync(await PutReviewAsync(ann.Client, proposal, Body(confidence: 0))));
        Assert.Contains("Score", await Problems.FieldsAsync(await PutReviewAsync(ann.Client, proposal, Body(score: null, submit: true))));
        Assert.Contains("CommentsForSpeakers", await Problems.FieldsAsync(await PutReviewAsync(ann.Client, proposal, Body(speakers: new string('x', 20_001)))));
        var huge = await ann.Client.PutAsync(new Uri($"/api/v1/proposals/{proposal}/review", UriKind.Relative),
            new StringContent($$"""{"score":3,"commentsForSpeakers":"{{new string('x', 40_000_000)}}","version":0}""", Encoding.UTF8, "application/json"));
        Assert.True(huge.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"got {huge.StatusCode}");
        var notJson = await ann.Client.PutAsync(new Uri($"/api/v1/proposals/{proposal}/review", UriKind.Relative), new StringContent("{\"score\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(0, await CountAsync(app, proposal));

        // A draft may leave the required criterion unanswered; submitting needs it.
        var draft = await SaveAsync(ann.Client, proposal, 4, 3, submit: false, version: 0, criteria: new Dictionary<string, int?> { ["Relevance"] = null });
        Assert.True(draft.GetProperty("criteria").TryGetProperty("Relevance", out var relevance) && relevance.ValueKind == System.Text.Json.JsonValueKind.Null);
        var submitted = await SaveAsync(ann.Client, proposal, 4, 3, submit: true, version: VersionOf(draft), criteria: new Dictionary<string, int?> { ["relevance"] = 3 });
        Assert.Equal(3, submitted.GetProperty("criteria").GetProperty("Relevance").GetInt32());
        var stored = await StoredAsync(app, proposal, ann.PersonId);
        Assert.Equal(3, Assert.Single(stored!.Criteria).Value);
    }

    [Fact]
    public async Task The_chair_replaces_the_criteria_and_bad_lists_or_other_tracks_ids_are_refused()
    {
        var track = await ReviewTrack.CreateAsync(app, members: 1, proposals: 0, startReview: false);
        var other = await ReviewTrack.CreateAsync(app, members: 0, proposals: 0, startReview: false);
        var doc = new OpenApiDocumentTests.OpenApiDoc(await app.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json"));
        var path = "/api/v1/tracks/{trackId}/criteria";

        var first = await PutCriteriaAsync(track.Chair, track.TrackId, new object[]
        {
            new { name = "Relevance", scaleMin = 1, scaleMax = 5, weight = 1.0, required = true },
            new { name = "Clarity", scaleMin = 0, scaleMax = 10, weight = 0.0, required = false },
        });
        await doc.AssertDescribesAsync("put", path, first);
        var saved = (await Problems.JsonAsync(first)).EnumerateArray().ToList();
        Assert.Equal(["Relevance", "Clarity"], saved.Select(c => c.GetProperty("name").GetString()));
        var relevanceId = saved[0].GetProperty("id").GetGuid();

        // Reorder, rename, drop one, add one.
        var second = await Problems.JsonAsync(await PutCriteriaAsync(track.Chair, track.TrackId, new object[]
        {
            new { name = "Originality", scaleMin = 1, scaleMax = 3, weight = 2.0, required = false },
            new { id = relevanceId, name = "Relevance to the track", scaleMin = 1, scaleMax = 5, weight = 1.5, required = true },
        }));
        Assert.Equal(["Originality", "Relevance to the track"], second.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(relevanceId, second[1].GetProperty("id").GetGuid());
        Assert.Equal(2, await app.WithDbAsync(db => db.ScoreCriteria.CountAsync(c => c.TrackId == track.TrackId)));

        // A member reads them; a member cannot change them; an outsider reads nothing.
        var read = await track.Members[0].Client.GetAsync(new Uri($"/api/v1/tracks/{track.TrackId}/criteria", UriKind.Relative));
        await doc.AssertDescribesAsync("get", path, read);
        Assert.Equal(2, (await Problems.JsonAsync(read)).GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await PutCriteriaAsync(track.Members[0].Client, track.TrackId, Array.Empty<object>())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Chair.GetAsync(new Uri($"/api/v1/tracks/{track.TrackId}/criteria", UriKind.Relative))).StatusCode);

        async Task RefusedAsync(object body, string field)
        {
            var response = await PutCriteriaAsync(track.Chair, track.TrackId, body);
            Assert.Contains(field, await Problems.FieldsAsync(response));
            await doc.AssertDescribesAsync("put", path, response);
        }

        await RefusedAsync(new object[] { new { name = "A", scaleMin = 1, scaleMax = 5, weight = 1.0, required = false }, new { name = "a", scaleMin = 1, scaleMax = 5, weight = 1.0, required = false } }, "Criteria[1].Name");
        await RefusedAsync(new object[] { new { name = "A", scaleMin = 1, scaleMax = 5, weight = 11.0, required = false } }, "Criteria[0].Weight");
        await RefusedAsync(new object[] { new { name = "A", scaleMin = 5, scaleMax = 5, weight = 1.0, required = false } }, "Criteria[0].ScaleMax");
        await RefusedAsync(new object[] { new { name = "A", scaleMin = -1, scaleMax = 101, weight = 1.0, required = false } }, "Criteria[0].ScaleMin");
        await RefusedAsync(new object[] { new { name = "Nul\u0000l", scaleMin = 1, scaleMax = 5, weight = 1.0, required = false } }, "Criteria[0].Name");
        await RefusedAsync(new object?[] { null }, "Criteria[0]");
        var otherCriterion = (await Problems.JsonAsync(await PutCriteriaAsync(other.Chair, other.TrackId,
            new[] { new { name = "Theirs", scaleMin = 1, scaleMax = 5, weight = 1.0, required = false } })))[0].GetProperty("id").GetGuid();
        await RefusedAsync(new object[] { new { id = otherCriterion, name = "Stolen", scaleMin = 1, scaleMax = 5, weight = 1.0, required = false } }, "Criteria[0].Id");
        Assert.Equal("Theirs", await app.WithDbAsync(db => db.ScoreCriteria.Where(c => c.Id == otherCriterion).Select(c => c.Name).SingleAsync()));
        Assert.Equal(2, await app.WithDbAsync(db => db.ScoreCriteria.CountAsync(c => c.TrackId == track.TrackId)));
    }

    [Fact]
    public async Task My_reviews_lists_each_assigned_proposal_with_the_state_of_my_review_and_the_deadline()
    {
        var track = await ReviewTrack.CreateAsync(app, members: 2, proposals: 3);
        var (ann, bob) = (track.Members[0], track.Members[1]);
        foreach (var p in track.Proposals)
            await AssignAsync(track, p, ann);
        await AssignAsync(track, track.Proposals[0], bob);
        await SaveAsync(ann.Client, track.Proposals[0], 3, 2, submit: false, version: 0);
        await SaveAsync(ann.Client, track.Proposals[1], 4, 3, submit: true, version: 0);

        var response = await ann.Client.GetAsync(new Uri("/api/v1/me/reviews", UriKind.Relative));
        var doc = new OpenApiDocumentTests.OpenApiDoc(await app.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json"));
        await doc.AssertDescribesAsync("get", "/api/v1/me/reviews", response);
        var mine = (await Problems.JsonAsync(response)).EnumerateArray().ToDictionary(r => r.GetProperty("proposalId").GetGuid());
        Assert.Equal(3, mine.Count);
        Assert.Equal("draft", mine[track.Proposals[0]].GetProperty("state").GetString());
        Assert.Equal("submitted", mine[track.Proposals[1]].GetProperty("state").GetString());
        Assert.Equal("notStarted", mine[track.Proposals[2]].GetProperty("state").GetString());
        Assert.Equal("Talk 2 about the verifier", mine[track.Proposals[2]].GetProperty("title").GetString());
        var deadline = await app.WithDbAsync(db => db.Tracks.Where(t => t.Id == track.TrackId).Select(t => t.ReviewDeadlineUtc).SingleAsync());
        var text = mine[track.Proposals[2]].GetProperty("deadline").GetString()!;
        Assert.EndsWith("+00:00", text, StringComparison.Ordinal);
        Assert.Equal(deadline, DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture));

        var bobs = (await Problems.JsonAsync(await bob.Client.GetAsync(new Uri("/api/v1/me/reviews", UriKind.Relative)))).EnumerateArray().ToList();
        Assert.Equal("notStarted", Assert.Single(bobs).GetProperty("state").GetString());
        Assert.Empty((await Problems.JsonAsync(await track.Speaker.GetAsync(new Uri("/api/v1/me/reviews", UriKind.Relative)))).EnumerateArray());
    }

    [Fact]
    public async Task The_chair_sets_who_sees_others_reviews_the_score_labels_and_the_reminder_days()
    {
        var track = await ReviewTrack.CreateAsync(app, members: 0, proposals: 0, startReview: false);
        async Task<HttpResponseMessage> PutSettingsAsync(Action<System.Text.Json.Nodes.JsonObject> change)
        {
            var current = System.Text.Json.Nodes.JsonNode.Parse(await track.Chair.GetStringAsync(new Uri($"/api/v1/tracks/{track.TrackId}/settings", UriKind.Relative)))!;
            var settings = current["settings"]!.AsObject();
            change(settings);
            return await track.Chair.PutAsJsonAsync($"/api/v1/tracks/{track.TrackId}/settings", new { version = current["version"]!.GetValue<uint>(), settings });
        }

        var wrongCount = await PutSettingsAsync(s => s["scoreLabels"] = new System.Text.Json.Nodes.JsonArray("bad", "good"));
        Assert.Contains("Settings.ScoreLabels", await Problems.FieldsAsync(wrongCount));
        Assert.Contains("Settings.ReviewReminderDays[0]", await Problems.FieldsAsync(await PutSettingsAsync(s => s["reviewReminderDays"] = new System.Text.Json.Nodes.JsonArray(0))));
        Assert.Contains("Settings.ReviewReminderDays", await Problems.FieldsAsync(await PutSettingsAsync(s => s["reviewReminderDays"] = new System.Text.Json.Nodes.JsonArray(3, 3))));
        Assert.Contains("Settings.ScoreLabels[1]", await Problems.FieldsAsync(await PutSettingsAsync(s => s["scoreLabels"] = new System.Text.Json.Nodes.JsonArray("a", "b\u0000", "c", "d", "e"))));

        var saved = await Problems.JsonAsync(await PutSettingsAsync(s =>
        {
            s["othersReviews"] = "Never";
            s["scoreMin"] = 1;
            s["scoreMax"] = 3;
            s["scoreLabels"] = new System.Text.Json.Nodes.JsonArray("no", "maybe", "yes");
            s["reviewReminderDays"] = new System.Text.Json.Nodes.JsonArray(2, 14);
        }));
        Assert.Equal("Never", saved.GetProperty("settings").GetProperty("othersReviews").GetString());
        var stored = await app.WithDbAsync(db => db.Tracks.AsNoTracking().SingleAsync(t => t.Id == track.TrackId));
        Assert.Equal(Domain.Conferences.OthersReviewsVisibility.Never, stored.OthersReviews);
        Assert.Equal(["no", "maybe", "yes"], stored.ScoreLabels);
        Assert.Equal([14, 2], stored.ReviewReminderDays);
        Assert.Equal("3 – yes", stored.ScoreLabel(3));

        // Left out, the labels stay; the settings page shows the three fields.
        await Problems.JsonAsync(await PutSettingsAsync(s => { s.Remove("scoreLabels"); s.Remove("reviewReminderDays"); }));
        Assert.Equal(["no", "maybe", "yes"], await app.WithDbAsync(db => db.Tracks.Where(t => t.Id == track.TrackId).Select(t => t.ScoreLabels).SingleAsync()));
        var page = await HtmlPage.GetAsync(track.Chair, $"/Chair/{track.TrackId}/Settings");
        Assert.NotNull(page.Document.QuerySelector("textarea[name='Input.Settings.ScoreLabels']"));
        Assert.NotNull(page.Document.QuerySelector("input[name='Input.Settings.ReviewReminderDays'][value='14, 2']"));
        Assert.NotNull(page.Document.QuerySelector("select[name='Input.Settings.OthersReviews'] option[value='Never'][selected]"));
    }
}
