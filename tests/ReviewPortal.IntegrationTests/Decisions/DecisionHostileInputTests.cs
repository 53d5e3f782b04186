using System.Net;
using System.Text;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Assignment;
using ReviewPortal.IntegrationTests.Infrastructure;
using static ReviewPortal.IntegrationTests.Decisions.DecisionSteps;

namespace ReviewPortal.IntegrationTests.Decisions;

/// <summary>Hostile input on the deciding endpoints: a 400 naming the field (or a 413 for a body past the limit), never a 500, nothing decided.</summary>
public sealed class DecisionHostileInputTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(method, new Uri(url, UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    [Theory]
    [InlineData("""{"decision":"Acc\u0000epted"}""", "Decision")]
    [InlineData("""{"decision":"Accepted\u001b[31m"}""", "Decision")]
    [InlineData("""{"decision":"Maybe"}""", "Decision")]
    [InlineData("""{"decision":"1"}""", "Decision")]
    [InlineData("""{"decision":"Accepted, Rejected"}""", "Decision")]
    [InlineData("""{"decision":null}""", "Decision")]
    [InlineData("""{"decision":"Accepted","waitlistRank":2}""", "WaitlistRank")]
    [InlineData("""{"decision":"Waitlisted","waitlistRank":0}""", "WaitlistRank")]
    public async Task A_bad_single_decision_is_a_400_naming_the_field_and_nothing_is_decided(string json, string field)
    {
        var track = await ReviewTrack.CreateAsync(app, members: 1, proposals: 1);
        var response = await Send(track.Chair, HttpMethod.Put, $"/api/v1/proposals/{track.Proposals[0]}/decision", json);

        Assert.Contains(field, await Problems.FieldsAsync(response));
        Assert.Equal(SubmissionStatus.UnderReview, (await StoredAsync(app, track.Proposals[0])).Status);
    }

    [Fact]
    public async Task Bad_lists_are_refused_whole_null_elements_duplicates_too_many_items_unknown_words_and_a_huge_body()
    {
        var track = await ReviewTrack.CreateAsync(app, members: 1, proposals: 2);
        var (a, b) = (track.Proposals[0], track.Proposals[1]);
        var url = $"/api/v1/tracks/{track.TrackId}/decisions";

        Assert.Equal(["Decisions[1]"], await Problems.FieldsAsync(await Send(track.Chair, HttpMethod.Post, url,
            $$"""{"decisions":[{"proposalId":"{{a}}","decision":"Accepted"},null]}""")));
        Assert.Contains("Decisions", await Problems.FieldsAsync(await Send(track.Chair, HttpMethod.Post, url, """{"decisions":null}""")));
        Assert.Equal(["Decisions[1].ProposalId"], await Problems.FieldsAsync(await Send(track.Chair, HttpMethod.Post, url,
            $$"""{"decisions":[{"proposalId":"{{a}}","decision":"Accepted"},{"proposalId":"{{a}}","decision":"Rejected"}]}""")));
        Assert.Equal(["Decisions[1].Decision"], await Problems.FieldsAsync(await Send(track.Chair, HttpMethod.Post, url,
            $$"""{"decisions":[{"proposalId":"{{a}}","decision":"Accepted"},{"proposalId":"{{b}}","decision":"Rej\u0000ected"}]}""")));
        Assert.Equal(["Decisions[0].Decision"], await Problems.FieldsAsync(await Send(track.Chair, HttpMethod.Post, url,
            $$"""{"decisions":[{"proposalId":"{{a}}","decision":"Promoted"}]}""")));
        var many = string.Join(",", Enumerable.Range(0, 1001).Select(_ => $$"""{"proposalId":"{{Guid.NewGuid()}}","decision":"Accepted"}"""));
        Assert.Contains("Decisions", await Problems.FieldsAsync(await Send(track.Chair, HttpMethod.Post, url, $$"""{"decisions":[{{many}}]}""")));
        Assert.Contains("Decisions", await Problems.FieldsAsync(await Send(track.Chair, HttpMethod.Post, url, """{"decisions":[]}""")));

        var huge = await Send(track.Chair, HttpMethod.Post, url, $$"""{"decisions":[{"proposalId":"{{a}}","decision":"{{new string('A', 40_000_000)}}"}]}""");
        Assert.True(huge.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"{(int)huge.StatusCode}");

        Assert.Equal([(SubmissionStatus.UnderReview, null), (SubmissionStatus.UnderReview, null)], await StatesAsync(app, [a, b]));
    }

    [Theory]
    [InlineData("""{"count":-1}""", "Count")]
    [InlineData("""{"count":2,"waitlistCount":-3}""", "WaitlistCount")]
    [InlineData("""{"count":20000}""", "Count")]
    public async Task Accept_the_top_n_refuses_counts_out_of_range(string json, string field)
    {
        var track = await ReviewTrack.CreateAsync(app, members: 1, proposals: 1);
        Assert.Contains(field, await Problems.FieldsAsync(await Send(track.Chair, HttpMethod.Post, $"/api/v1/tracks/{track.TrackId}/decisions/accept-top", json)));
    }

    [Fact]
    public async Task A_chair_of_another_track_cannot_decide_here()
    {
        var track = await ReviewTrack.CreateAsync(app, members: 1, proposals: 1);
        var other = await ReviewTrack.CreateAsync(app, members: 1, proposals: 1);

        await Problems.AssertAsync(await PutDecisionAsync(other.Chair, track.Proposals[0], new { decision = "Accepted" }), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await PostDecisionsAsync(other.Chair, track.TrackId,
            new { decisions = new[] { new { proposalId = track.Proposals[0], decision = "Accepted" } } }), HttpStatusCode.Forbidden);
        // Their own track's endpoint with this track's proposal: named as not theirs.
        Assert.Equal(["Decisions[0].ProposalId"], await Problems.FieldsAsync(await PostDecisionsAsync(other.Chair, other.TrackId,
            new { decisions = new[] { new { proposalId = track.Proposals[0], decision = "Accepted" } } })));
        Assert.Equal(SubmissionStatus.UnderReview, (await StoredAsync(app, track.Proposals[0])).Status);
    }
}
