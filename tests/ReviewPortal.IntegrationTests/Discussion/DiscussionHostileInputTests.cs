using System.Net;
using System.Net.Http.Json;
using System.Text;
using ReviewPortal.IntegrationTests.Assignment;
using ReviewPortal.IntegrationTests.Infrastructure;
using static ReviewPortal.IntegrationTests.Discussion.DiscussionSteps;

namespace ReviewPortal.IntegrationTests.Discussion;

/// <summary>The discussion endpoints against hostile input: control characters, huge and missing bodies, another track's proposal.</summary>
public sealed class DiscussionHostileInputTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private static Task<HttpResponseMessage> PostRawAsync(HttpClient client, Guid proposalId, string json) =>
        client.PostAsync(new Uri($"/api/v1/proposals/{proposalId}/discussion", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task AssertBodyRefusedAsync(HttpResponseMessage response)
    {
        await Problems.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["Body"], await Problems.FieldsAsync(response));
    }

    [Fact]
    public async Task A_comment_with_NUL_control_characters_a_huge_or_an_empty_body_is_refused_at_the_field_and_nothing_is_stored()
    {
        var d = await DiscussionTrack.CreateAsync(app);
        var client = d.Ann.Client;
        await AssertBodyRefusedAsync(await PostRawAsync(client, d.Proposal, """{"body":"Bad\u0000comment"}"""));
        await AssertBodyRefusedAsync(await PostRawAsync(client, d.Proposal, """{"body":"Escape \u001b[31m codes"}"""));
        // Half a surrogate pair: JSON's reader refuses it before the message is built, still a 400 and not a 500.
        await Problems.AssertAsync(await PostRawAsync(client, d.Proposal, """{"body":"Half a pair \ud800"}"""), HttpStatusCode.BadRequest);
        await AssertBodyRefusedAsync(await client.PostAsJsonAsync($"/api/v1/proposals/{d.Proposal}/discussion", new { body = new string('x', 2_000_000) }));
        await AssertBodyRefusedAsync(await PostRawAsync(client, d.Proposal, """{"body":null}"""));
        await AssertBodyRefusedAsync(await PostRawAsync(client, d.Proposal, """{"body":" \n\t "}"""));
        await AssertBodyRefusedAsync(await PostRawAsync(client, d.Proposal, "{}"));

        Assert.Equal(0, await CommentCountAsync(app, d.Proposal));
        await RunDigestAsync(app);
        Assert.Empty(await DigestsToAsync(app, d.Ben.Email));
    }

    [Fact]
    public async Task A_member_of_another_track_and_an_unknown_id_get_404_and_a_comment_of_exactly_the_limit_is_taken()
    {
        var d = await DiscussionTrack.CreateAsync(app);
        var other = await ReviewTrack.CreateAsync(app, members: 1, proposals: 1);
        var outsider = other.Members[0].Client;

        await Problems.AssertAsync(await ReadAsync(outsider, d.Proposal), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await PostAsync(outsider, d.Proposal, new { body = "From another track." }), HttpStatusCode.NotFound);
        // A member of this track, with the other track's proposal id: 404 too.
        await Problems.AssertAsync(await PostAsync(d.Ann.Client, other.Proposals[0], new { body = "Wrong track." }), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await PostAsync(d.Ann.Client, Guid.NewGuid(), new { body = "Nobody's proposal." }), HttpStatusCode.NotFound);
        // Not signed in: 401 (the API asks for a sign-in before anything else).
        var anonymous = app.CreateClient(new() { HandleCookies = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(anonymous, d.Proposal, new { body = "Anonymous." })).StatusCode);

        Assert.Equal(0, await CommentCountAsync(app, d.Proposal));
        Assert.Equal(0, await CommentCountAsync(app, other.Proposals[0]));
        await CommentAsync(d.Ann.Client, d.Proposal, new string('y', 10_000));
        Assert.Equal(1, await CommentCountAsync(app, d.Proposal));
    }

    [Fact]
    public async Task The_discussion_endpoints_answer_as_the_OpenAPI_document_says()
    {
        var doc = new Api.OpenApiDocumentTests.OpenApiDoc(await app.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json"));
        var d = await DiscussionTrack.CreateAsync(app);
        const string path = "/api/v1/proposals/{id}/discussion";

        await doc.AssertDescribesAsync("post", path, await PostAsync(d.Ann.Client, d.Proposal, new { body = "Documented." }));
        await doc.AssertDescribesAsync("post", path, await PostAsync(d.Ann.Client, d.Proposal, new { body = "" }));
        await doc.AssertDescribesAsync("post", path, await PostAsync(d.Track.Speaker, d.Proposal, new { body = "Me too." }));
        await doc.AssertDescribesAsync("post", path, await PostAsync(d.Ann.Client, Guid.NewGuid(), new { body = "Nobody's." }));
        await doc.AssertDescribesAsync("get", path, await ReadAsync(d.Ben.Client, d.Proposal));
        await doc.AssertDescribesAsync("get", path, await ReadAsync(d.Track.Speaker, d.Proposal));
        await doc.AssertDescribesAsync("get", path, await ReadAsync(d.Ben.Client, Guid.NewGuid()));
    }
}
