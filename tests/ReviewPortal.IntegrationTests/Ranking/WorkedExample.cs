using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewPortal.IntegrationTests.Assignment;
using ReviewPortal.IntegrationTests.Infrastructure;
using static ReviewPortal.IntegrationTests.Reviews.ReviewSteps;

namespace ReviewPortal.IntegrationTests.Ranking;

/// <summary>
/// docs/ranking.md's worked example, made through the API: four proposals A–D, reviewers Ana (harsh), Ben and Cem
/// (lenient) who submit their reviews with SaveMyReview; Cem also holds an unsubmitted draft of A, which must not count.
/// </summary>
public sealed record WorkedExample(ReviewTrack Track, Guid A, Guid B, Guid C, Guid D, SeatedMember Ana, SeatedMember Ben, SeatedMember Cem)
{
    public static async Task<WorkedExample> CreateAsync(ReviewPortalApp app)
    {
        var track = await ReviewTrack.CreateAsync(app, members: 3, proposals: 4);
        var (ana, ben, cem) = (track.Members[0], track.Members[1], track.Members[2]);
        var (a, b, c, d) = (track.Proposals[0], track.Proposals[1], track.Proposals[2], track.Proposals[3]);
        // Each cell: score (confidence), as in the doc's table.
        var cells = new (Guid Proposal, SeatedMember Who, int Score, int Confidence)[]
        {
            (a, ana, 3, 4), (a, ben, 5, 4),
            (b, ben, 4, 4), (b, cem, 5, 2),
            (c, ana, 3, 4), (c, cem, 4, 4),
            (d, ana, 2, 3), (d, ben, 3, 4), (d, cem, 4, 4),
        };
        foreach (var (proposal, who, score, confidence) in cells)
        {
            await AssignAsync(track, proposal, who);
            await SaveAsync(who.Client, proposal, score, confidence, submit: true, version: 0,
                speakers: $"Thanks from {who.Name}.", committee: $"{who.Name} on this one.");
        }

        // A draft never counts: Cem starts a very low review of A and does not submit it.
        await AssignAsync(track, a, cem);
        await SaveAsync(cem.Client, a, 1, 1, submit: false, version: 0, committee: "not sure yet");
        return new WorkedExample(track, a, b, c, d, ana, ben, cem);
    }

    public static async Task<IReadOnlyList<JsonElement>> RankingAsync(HttpClient client, Guid trackId, string query = "")
    {
        var response = await client.GetAsync(new Uri($"/api/v1/tracks/{trackId}/ranking{query}", UriKind.Relative));
        var body = await Problems.JsonAsync(response);
        return body.EnumerateArray().ToList();
    }

    public static JsonElement Row(IReadOnlyList<JsonElement> rows, Guid id) => rows.Single(r => r.GetProperty("proposalId").GetGuid() == id);

    public static double? Number(JsonElement row, string name) =>
        row.GetProperty(name).ValueKind == JsonValueKind.Null ? null : row.GetProperty(name).GetDouble();

    public static async Task AddChairAsync(ReviewTrack track, string email) =>
        Assert.Equal(HttpStatusCode.OK, (await track.Chair.PostAsJsonAsync($"/api/v1/tracks/{track.TrackId}/committee", new { email, role = "Chair" })).StatusCode);
}
