using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Outbox;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Assignment;
using ReviewPortal.IntegrationTests.Infrastructure;
using ReviewPortal.IntegrationTests.Reviews;

namespace ReviewPortal.IntegrationTests.Decisions;

/// <summary>A proposal of a decision track with its two speakers' addresses.</summary>
public sealed record DecidedProposal(Guid Id, string Title, string SpeakerEmail, string CoSpeakerEmail, HttpClient Speaker);

/// <summary>
/// A track in review with proposals of two speakers each (the creator and a co-speaker, both with addresses), a member
/// assigned to each who wrote comments for the speakers; decisions are set through the domain (issue 9's deciding use
/// cases are h-decide's), release goes through the real API.
/// </summary>
public sealed record DecisionTrack(ReviewTrack Track, IReadOnlyList<DecidedProposal> Proposals)
{
    public Guid TrackId => Track.TrackId;
    public HttpClient Chair => Track.Chair;

    public static async Task<DecisionTrack> CreateAsync(ReviewPortalApp app, int proposals = 3)
    {
        var track = await ReviewTrack.CreateAsync(app, members: 1, proposals: 0, startReview: false);
        var list = new List<DecidedProposal>();
        for (var i = 0; i < proposals; i++)
        {
            var tag = Guid.NewGuid().ToString("N")[..8];
            var speakerEmail = $"speaker-{tag}@example.org";
            var coEmail = $"co-{tag}@example.org";
            var speaker = await Accounts.SignedInClientAsync(app, speakerEmail, $"Sam O'Speaker {tag}", "Speaker Labs");
            var title = $"Talk {i} on XDP & AF_XDP {tag}";
            var created = await speaker.PostAsJsonAsync($"/api/v1/tracks/{track.TrackId}/proposals", new
            {
                title, @abstract = "Zero-copy packets.", topics = new[] { "verifier" }, submit = true,
                coSpeakers = new[] { new { name = $"Cleo Cospeaker {tag}", email = coEmail, affiliation = "Elsewhere" } },
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            list.Add(new DecidedProposal((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), title, speakerEmail, coEmail, speaker));
        }

        Assert.Equal(HttpStatusCode.OK, (await track.Chair.PostAsync($"/api/v1/tracks/{track.TrackId}/review-phase/start", null)).StatusCode);
        var member = track.Members[0];
        foreach (var p in list)
        {
            await ReviewSteps.AssignAsync(track, p.Id, member);
            await ReviewSteps.SaveAsync(member.Client, p.Id, 4, 3, submit: true, version: 0,
                speakers: $"Comment for the speakers of {p.Title}.", committee: "Secret committee remark.");
        }

        return new DecisionTrack(track, list);
    }
}

/// <summary>Steps of deciding and releasing, and what the tests read back.</summary>
public static class ReleaseSteps
{
    /// <summary>The chair's decision, as a draft (through the domain, see the type's summary).</summary>
    public static Task DecideAsync(ReviewPortalApp app, Guid proposalId, SubmissionStatus decision, int? waitlistRank = null) =>
        app.WithDbAsync(async db =>
        {
            var submission = await db.Submissions.Include(s => s.Track).SingleAsync(s => s.Id == proposalId);
            submission.Decide(decision, waitlistRank, app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });

    public static Task<HttpResponseMessage> PostReleaseAsync(HttpClient client, Guid trackId, IEnumerable<Guid>? proposalIds) =>
        client.PostAsJsonAsync($"/api/v1/tracks/{trackId}/decisions/release", new { proposalIds = proposalIds?.ToArray() });

    public static async Task<JsonElement> ReleaseAsync(HttpClient client, Guid trackId, IEnumerable<Guid>? proposalIds = null) =>
        await Problems.JsonAsync(await PostReleaseAsync(client, trackId, proposalIds));

    /// <summary>The decision mails in the outbox to these addresses.</summary>
    public static Task<List<OutboxMessage>> LettersToAsync(ReviewPortalApp app, params string[] addresses) =>
        app.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => addresses.Contains(m.ToAddress) && m.Kind.StartsWith("decision."))
            .OrderBy(m => m.CreatedUtc).ToListAsync());

    public static Task<int> LetterRowsAsync(ReviewPortalApp app, Guid proposalId) =>
        app.WithDbAsync(db => db.DecisionLetters.CountAsync(l => l.SubmissionId == proposalId));

    public static Task<bool> IsReleasedAsync(ReviewPortalApp app, Guid proposalId) =>
        app.WithDbAsync(db => db.Submissions.Where(s => s.Id == proposalId).Select(s => s.DecisionReleasedUtc != null).SingleAsync());

    public static Task SetConfirmationDeadlineAsync(ReviewPortalApp app, Guid trackId, DateTimeOffset? deadlineUtc) =>
        app.WithDbAsync(async db =>
        {
            var track = await db.Tracks.SingleAsync(t => t.Id == trackId);
            track.ConfirmationDeadlineUtc = deadlineUtc;
            await db.SaveChangesAsync();
        });

    public static Task<SeatedMember> SecondChairAsync(ReviewPortalApp app, DecisionTrack track) =>
        ReviewReadingSteps.SeatAsync(app, track.Track, "Second Chair", "Chair");
}
