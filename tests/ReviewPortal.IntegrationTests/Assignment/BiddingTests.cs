using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Assignment;

/// <summary>Starting the review phase and bidding: one click per proposal, bids hidden from the other members, a conflict bid declares a conflict.</summary>
public sealed class BiddingTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private static Task<HttpResponseMessage> BidAsync(HttpClient client, Guid proposalId, string bid) =>
        client.PutAsJsonAsync($"/api/v1/proposals/{proposalId}/bid", new { bid });

    private static async Task<JsonElement> RowAsync(HttpClient client, Guid trackId, Guid proposalId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{trackId}/bids/mine"))
        .GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("proposalId").GetGuid() == proposalId);

    [Fact]
    public async Task Starting_the_review_phase_closes_the_cfp_puts_proposals_under_review_and_mails_each_member_once_even_when_started_twice()
    {
        var t = await ReviewTrack.CreateAsync(app, members: 2, proposals: 2, startReview: false);
        var first = await Problems.JsonAsync(await t.Chair.PostAsync($"/api/v1/tracks/{t.TrackId}/review-phase/start", null));
        Assert.True(first.GetProperty("startedNow").GetBoolean());
        Assert.Equal(2, first.GetProperty("proposalsUnderReview").GetInt32());
        var second = await Problems.JsonAsync(await t.Chair.PostAsync($"/api/v1/tracks/{t.TrackId}/review-phase/start", null));
        Assert.False(second.GetProperty("startedNow").GetBoolean());

        var track = await app.WithDbAsync(db => db.Tracks.AsNoTracking().SingleAsync(x => x.Id == t.TrackId));
        Assert.NotNull(track.ReviewPhaseStartedUtc);
        Assert.False(track.IsCfpOpen(app.Clock.GetUtcNow()));
        var statuses = await app.WithDbAsync(db => db.Submissions.Where(s => s.TrackId == t.TrackId).Select(s => s.Status).ToListAsync());
        Assert.All(statuses, s => Assert.Equal(SubmissionStatus.UnderReview, s));
        foreach (var member in t.Members)
        {
            var mails = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == member.Email && m.Kind == "committee.bidding-open").ToListAsync());
            var mail = Assert.Single(mails);
            Assert.Contains("Bidding is open for", mail.Subject, StringComparison.Ordinal);
            Assert.Contains($"/Committee/Bids?trackId={t.TrackId}", mail.TextBody, StringComparison.Ordinal);
        }

        Assert.Single(await app.WithDbAsync(db => db.AuditEntries.Where(a => a.TrackId == t.TrackId && a.Action == "track.review-phase-started").ToListAsync()));
        // A member cannot start it.
        await Problems.AssertAsync(await t.Members[0].Client.PostAsync($"/api/v1/tracks/{t.TrackId}/review-phase/start", null), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_members_bid_is_theirs_alone_other_members_do_not_see_it_but_the_chair_does()
    {
        var t = await ReviewTrack.CreateAsync(app, members: 2, proposals: 2);
        var (ann, bob) = (t.Members[0], t.Members[1]);
        var placed = await Problems.JsonAsync(await BidAsync(ann.Client, t.Proposals[0], "Eager"));
        Assert.Equal("Eager", placed.GetProperty("bid").GetString());
        Assert.Equal(1, placed.GetProperty("myCounts").GetProperty("Eager").GetInt32());

        Assert.Equal("Eager", (await RowAsync(ann.Client, t.TrackId, t.Proposals[0])).GetProperty("myBid").GetString());
        Assert.Equal(JsonValueKind.Null, (await RowAsync(bob.Client, t.TrackId, t.Proposals[0])).GetProperty("myBid").ValueKind);
        var bobsPage = await HtmlPage.GetAsync(bob.Client, $"/Committee/Bids?trackId={t.TrackId}");
        Assert.Equal(HttpStatusCode.OK, bobsPage.Response.StatusCode);
        Assert.Empty(bobsPage.Document.QuerySelectorAll("button[aria-pressed=true]"));
        var annsPage = await HtmlPage.GetAsync(ann.Client, $"/Committee/Bids?trackId={t.TrackId}");
        Assert.Single(annsPage.Document.QuerySelectorAll("button[aria-pressed=true]"));
        await Problems.AssertAsync(await bob.Client.GetAsync($"/api/v1/tracks/{t.TrackId}/bids"), HttpStatusCode.Forbidden);

        var all = await t.Chair.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{t.TrackId}/bids");
        var bid = Assert.Single(all.EnumerateArray());
        Assert.Equal(ann.PersonId, bid.GetProperty("personId").GetGuid());
        Assert.Equal("Eager", bid.GetProperty("bid").GetString());
    }

    [Fact]
    public async Task A_conflict_bid_declares_a_conflict_that_hides_the_proposal_and_another_bid_withdraws_it()
    {
        var t = await ReviewTrack.CreateAsync(app, members: 1, proposals: 1);
        var ann = t.Members[0];
        var placed = await Problems.JsonAsync(await BidAsync(ann.Client, t.Proposals[0], "Conflict"));
        Assert.True(placed.GetProperty("conflicted").GetBoolean());
        var conflict = await app.WithDbAsync(db => db.Conflicts.AsNoTracking().SingleAsync(c => c.SubmissionId == t.Proposals[0] && c.PersonId == ann.PersonId));
        Assert.Equal((ConflictKind.Declared, ConflictSource.Declared, true), (conflict.Kind, conflict.Source, conflict.Active));
        Assert.Equal($"declared by {ann.Name} when bidding", conflict.Reason);

        var row = await RowAsync(ann.Client, t.TrackId, t.Proposals[0]);
        Assert.True(row.GetProperty("conflicted").GetBoolean());
        Assert.False(row.GetProperty("canBid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("speakers").ValueKind);
        var page = await HtmlPage.GetAsync(ann.Client, $"/Committee/Bids?trackId={t.TrackId}");
        Assert.Contains("Talk 0 about the verifier", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sam Speaker", page.Text, StringComparison.Ordinal);

        // Bidding again withdraws the member's own declaration.
        await Problems.JsonAsync(await BidAsync(ann.Client, t.Proposals[0], "Willing"));
        Assert.False(await app.WithDbAsync(db => db.Conflicts.AnyAsync(c => c.SubmissionId == t.Proposals[0] && c.PersonId == ann.PersonId && c.Active)));
        Assert.False((await RowAsync(ann.Client, t.TrackId, t.Proposals[0])).GetProperty("conflicted").GetBoolean());
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.TrackId == t.TrackId && a.Action == "conflict.declared")));
    }

    [Fact]
    public async Task The_bidding_page_works_without_javascript_a_button_is_a_form_post()
    {
        var t = await ReviewTrack.CreateAsync(app, members: 1, proposals: 1);
        var ann = t.Members[0];
        var page = await HtmlPage.GetAsync(ann.Client, $"/Committee/Bids?trackId={t.TrackId}");
        Assert.Contains("width=device-width", page.Document.Head?.InnerHtml ?? "", StringComparison.Ordinal);
        var response = await page.SubmitAsync(ann.Client, new Dictionary<string, string> { ["bid"] = "NotWilling" }, $"form[data-proposal='{t.Proposals[0]}']");
        Assert.True(HtmlPage.IsRedirect(response), response.StatusCode.ToString());
        Assert.Equal(BidValue.NotWilling, await app.WithDbAsync(db => db.Bids.Where(b => b.PersonId == ann.PersonId).Select(b => b.Value).SingleAsync()));
        var after = await HtmlPage.GetAsync(ann.Client, $"/Committee/Bids?trackId={t.TrackId}");
        Assert.Contains("Not willing: 1", after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bids_are_refused_before_the_review_phase_by_speakers_and_outsiders_and_for_hostile_input()
    {
        var t = await ReviewTrack.CreateAsync(app, members: 1, proposals: 1, startReview: false);
        var ann = t.Members[0];
        var early = await Problems.AssertAsync(await BidAsync(ann.Client, t.Proposals[0], "Eager"), HttpStatusCode.NotFound);
        Assert.NotNull(early.GetProperty("detail").GetString());
        await t.Chair.PostAsync($"/api/v1/tracks/{t.TrackId}/review-phase/start", null);

        await Problems.AssertAsync(await BidAsync(t.Speaker, t.Proposals[0], "Eager"), HttpStatusCode.Forbidden);
        var other = await ReviewTrack.CreateAsync(app, members: 1, proposals: 1);
        await Problems.AssertAsync(await BidAsync(other.Members[0].Client, t.Proposals[0], "Eager"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await other.Members[0].Client.GetAsync($"/api/v1/tracks/{t.TrackId}/bids/mine"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Members[0].Client.GetAsync($"/Committee/Bids?trackId={t.TrackId}")).StatusCode);
        await Problems.AssertAsync(await BidAsync(ann.Client, Guid.NewGuid(), "Eager"), HttpStatusCode.NotFound);

        foreach (var body in new[] { """{"bid":null}""", """{}""", """{"bid":"Bogus"}""", "{\"bid\":\"Eager\\u0000\"}", """{"bid":99}""", """{"bid":["Eager"]}""", "null" })
        {
            var response = await ann.Client.PutAsync($"/api/v1/proposals/{t.Proposals[0]}/bid", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body}: {response.StatusCode}");
        }

        Assert.False(await app.WithDbAsync(db => db.Bids.AnyAsync(b => b.SubmissionId == t.Proposals[0])));
    }
}
