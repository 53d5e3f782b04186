using System.Net;
using System.Net.Http.Json;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Assignment;

/// <summary>A committee member signed in, with their person id.</summary>
public sealed record SeatedMember(HttpClient Client, Guid PersonId, string Email, string Name);

/// <summary>A small track made through the API: a chair, members, a speaker's submitted proposals; optionally in the review phase.</summary>
public sealed record ReviewTrack(Guid TrackId, HttpClient Chair, Guid ChairId, IReadOnlyList<SeatedMember> Members, HttpClient Speaker, IReadOnlyList<Guid> Proposals)
{
    public static async Task<ReviewTrack> CreateAsync(ReviewPortalApp app, int members = 3, int proposals = 3, bool startReview = true)
    {
        var chairEmail = $"chair-{Guid.NewGuid():N}@example.org";
        var chair = await Accounts.SignedInClientAsync(app, chairEmail, "Carla Chair", "Chair University");
        var trackId = await TestTracks.CreateAsync(app, chairEmail);
        var seated = new List<SeatedMember>();
        for (var i = 0; i < members; i++)
        {
            var email = $"member-{Guid.NewGuid():N}@example.org";
            var name = $"Member {(char)('A' + i)} {email[7..11]}";
            var client = await Accounts.SignedInClientAsync(app, email, name, $"Org {i} {email[7..15]}");
            var added = await chair.PostAsJsonAsync($"/api/v1/tracks/{trackId}/committee", new { email, role = "Reviewer", affiliation = $"Org {i} {email[7..15]}" });
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
            var me = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/me");
            seated.Add(new SeatedMember(client, me.GetProperty("id").GetGuid(), email, name));
        }

        var speaker = await Accounts.SignedInClientAsync(app, $"speaker-{Guid.NewGuid():N}@example.org", "Sam Speaker", "Speaker Labs");
        var ids = new List<Guid>();
        for (var i = 0; i < proposals; i++)
        {
            var created = await speaker.PostAsJsonAsync($"/api/v1/tracks/{trackId}/proposals",
                new { title = $"Talk {i} about the verifier", @abstract = "BPF verifier and TCP congestion control.", topics = new[] { "verifier" }, submit = true });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            ids.Add((await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid());
        }

        var chairMe = await chair.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/me");
        if (startReview)
            Assert.Equal(HttpStatusCode.OK, (await chair.PostAsync($"/api/v1/tracks/{trackId}/review-phase/start", null)).StatusCode);
        return new ReviewTrack(trackId, chair, chairMe.GetProperty("id").GetGuid(), seated, speaker, ids);
    }
}
