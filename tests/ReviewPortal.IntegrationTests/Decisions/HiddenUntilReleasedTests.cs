using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewPortal.IntegrationTests.Assignment;
using ReviewPortal.IntegrationTests.Infrastructure;
using static ReviewPortal.IntegrationTests.Decisions.DecisionSteps;

namespace ReviewPortal.IntegrationTests.Decisions;

/// <summary>
/// A draft decision is seen by its deciders only: speakers, co-speakers, members and conflicted members see "under review"
/// on the page, in the API and in their lists (and the bidding list keeps the proposal); once released, its speakers and
/// the unconflicted members see it, a conflicted member still does not.
/// </summary>
public sealed class HiddenUntilReleasedTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private sealed record Scene(ReviewTrack Track, Guid Id, HttpClient CoSpeaker, SeatedMember Member, SeatedMember Conflicted, SeatedMember ConflictedChair);

    private async Task<Scene> CreateAsync()
    {
        var track = await ReviewTrack.CreateAsync(app, members: 2, proposals: 0, startReview: false);
        var coEmail = $"co-speaker-{Guid.NewGuid():N}@example.org";
        var coSpeaker = await Accounts.SignedInClientAsync(app, coEmail, "Cora Cospeaker", "Co Labs");
        var created = await Problems.JsonAsync(await track.Speaker.PostAsJsonAsync($"/api/v1/tracks/{track.TrackId}/proposals", new
        {
            title = "Hidden decisions", @abstract = "About XDP.", topics = new[] { "verifier" }, submit = true,
            coSpeakers = new[] { new { name = "Cora Cospeaker", email = coEmail } },
        }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await track.Chair.PostAsync(new Uri($"/api/v1/tracks/{track.TrackId}/review-phase/start", UriKind.Relative), null)).StatusCode);
        await ConflictAsync(track, id, track.Members[1].PersonId);
        var conflictedChair = await SecondChairAsync(app, track);
        await ConflictAsync(track, id, conflictedChair.PersonId);
        return new Scene(track, id, coSpeaker, track.Members[0], track.Members[1], conflictedChair);
    }

    private static async Task<string> ApiStatusAsync(HttpClient client, Guid id) =>
        (await Problems.JsonAsync(await client.GetAsync(new Uri($"/api/v1/proposals/{id}", UriKind.Relative)))).GetProperty("status").GetString()!;

    private static async Task<string> PageTextAsync(HttpClient client, Guid id) => (await HtmlPage.GetAsync(client, $"/Proposals/{id}")).Text;

    private static async Task<string> MyListStatusAsync(HttpClient client, Guid id)
    {
        var page = await HtmlPage.GetAsync(client, "/Proposals");
        return page.Document.QuerySelectorAll("tr").Single(tr => tr.InnerHtml.Contains(id.ToString(), StringComparison.Ordinal)).TextContent;
    }

    [Fact]
    public async Task A_draft_acceptance_reads_under_review_for_speakers_co_speakers_members_and_conflicted_members_everywhere()
    {
        var s = await CreateAsync();
        await DecideAsync(s.Track.Chair, s.Id, "Accepted");

        foreach (var (who, client) in new[] { ("speaker", s.Track.Speaker), ("co-speaker", s.CoSpeaker), ("member", s.Member.Client), ("conflicted member", s.Conflicted.Client) })
        {
            Assert.True(await ApiStatusAsync(client, s.Id) == "UnderReview", who);
            var text = await PageTextAsync(client, s.Id);
            Assert.DoesNotContain("accepted", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Decision", (await HtmlPage.GetAsync(client, $"/Proposals/{s.Id}")).Document.QuerySelector("main")!.InnerHtml, StringComparison.Ordinal);
        }

        Assert.Contains("under review", await MyListStatusAsync(s.Track.Speaker, s.Id), StringComparison.Ordinal);
        Assert.Contains("under review", await MyListStatusAsync(s.CoSpeaker, s.Id), StringComparison.Ordinal);
        var myApi = await Problems.JsonAsync(await s.CoSpeaker.GetAsync(new Uri("/api/v1/me/proposals", UriKind.Relative)));
        Assert.Equal("UnderReview", myApi.EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == s.Id).GetProperty("status").GetString());

        // The bidding list keeps the proposal for members (it used to drop it the moment it was decided).
        var bids = await HtmlPage.GetAsync(s.Member.Client, $"/Committee/Bids?trackId={s.Track.TrackId}");
        Assert.Contains("Hidden decisions", bids.Text, StringComparison.Ordinal);
        var bidApi = await s.Member.Client.GetStringAsync($"/api/v1/tracks/{s.Track.TrackId}/bids/mine");
        Assert.Contains(s.Id.ToString(), bidApi, StringComparison.Ordinal);

        // The conflicted chair's list and export do not show it either; the deciding chair's do.
        var theirList = await Problems.JsonAsync(await s.ConflictedChair.Client.GetAsync(new Uri($"/api/v1/tracks/{s.Track.TrackId}/proposals", UriKind.Relative)));
        Assert.DoesNotContain("Accepted", theirList.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("accepted", await s.ConflictedChair.Client.GetStringAsync($"/api/v1/tracks/{s.Track.TrackId}/proposals/export.json"), StringComparison.Ordinal);
        Assert.Contains("accepted", await s.Track.Chair.GetStringAsync($"/api/v1/tracks/{s.Track.TrackId}/proposals/export.json"), StringComparison.Ordinal);
        Assert.Equal("Accepted", await ApiStatusAsync(s.Track.Chair, s.Id));
        Assert.Contains("draft", (await HtmlPage.GetAsync(s.Track.Chair, $"/Proposals/{s.Id}")).Document.QuerySelector("#decision")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_released_the_speakers_and_members_see_the_decision_and_a_conflicted_member_still_does_not()
    {
        var s = await CreateAsync();
        await DecideAsync(s.Track.Chair, s.Id, "Accepted");
        await ReleaseAsync(app, s.Id);

        foreach (var (who, client) in new[] { ("speaker", s.Track.Speaker), ("co-speaker", s.CoSpeaker), ("member", s.Member.Client) })
        {
            Assert.True(await ApiStatusAsync(client, s.Id) == "Accepted", who);
            // Speakers read it in their own section ("Accepted — please confirm …"), members in the committee's.
            var sections = (await HtmlPage.GetAsync(client, $"/Proposals/{s.Id}")).Document.QuerySelectorAll("#decision");
            Assert.True(sections.Length == 1, $"{who} sees {sections.Length} decision sections");
            Assert.Contains("accepted", sections[0].TextContent, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("accepted", await MyListStatusAsync(s.Track.Speaker, s.Id), StringComparison.Ordinal);
        // A conflict hides the released decision too (the API used to answer the real state).
        Assert.Equal("UnderReview", await ApiStatusAsync(s.Conflicted.Client, s.Id));
        Assert.DoesNotContain("accepted", await PageTextAsync(s.Conflicted.Client, s.Id), StringComparison.OrdinalIgnoreCase);
    }
}
