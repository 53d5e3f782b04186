using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.Application.Features.Decisions;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.Infrastructure.Data;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Confirmations;

/// <summary>
/// A track (conference in America/New_York, 60–62 days ahead) whose chair accepted talk A (speaker and a co-speaker
/// without an account) and waitlisted W1, W2 in that order, all released; the confirmation deadline is 20 days ahead.
/// </summary>
public sealed partial record ConfirmationScenario(
    ReviewPortalApp App, Guid TrackId, HttpClient Chair, string ChairEmail, HttpClient Speaker, string SpeakerEmail, string CoSpeakerEmail,
    Guid A, Guid W1, Guid W2, DateTimeOffset DeadlineUtc)
{
    public static async Task<ConfirmationScenario> CreateAsync(ReviewPortalApp app, WaitlistPromotion promotion = WaitlistPromotion.Automatic,
        TimeSpan? deadlineIn = null)
    {
        var chairEmail = $"chair-{Guid.NewGuid():N}@example.org";
        var chair = await Accounts.SignedInClientAsync(app, chairEmail, "Carla Chair", "Chair University");
        var trackId = await TestTracks.CreateAsync(app, chairEmail);
        var speakerEmail = $"speaker-{Guid.NewGuid():N}@example.org";
        var speaker = await Accounts.SignedInClientAsync(app, speakerEmail, "Sam Speaker", "Speaker Labs");
        var coSpeakerEmail = $"co-{Guid.NewGuid():N}@example.org";

        async Task<Guid> SubmitAsync(string title, object[] coSpeakers)
        {
            var created = await speaker.PostAsJsonAsync($"/api/v1/tracks/{trackId}/proposals",
                new { title, @abstract = "BPF verifier and TCP congestion control.", topics = new[] { "verifier" }, coSpeakers, submit = true });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            return (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        }

        var a = await SubmitAsync("Accepted talk about the verifier", [new { name = "Cora Cospeaker", email = coSpeakerEmail }]);
        var w1 = await SubmitAsync("First waitlisted talk", []);
        var w2 = await SubmitAsync("Second waitlisted talk", []);
        Assert.Equal(HttpStatusCode.OK, (await chair.PostAsync($"/api/v1/tracks/{trackId}/review-phase/start", null)).StatusCode);

        var deadline = app.Clock.GetUtcNow() + (deadlineIn ?? TimeSpan.FromDays(20));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var letters = scope.ServiceProvider.GetRequiredService<DecisionLetters>();
            var track = await db.Tracks.SingleAsync(t => t.Id == trackId);
            track.ConfirmationDeadlineUtc = deadline;
            track.WaitlistPromotion = promotion;
            var now = app.Clock.GetUtcNow();
            foreach (var (id, decision, rank) in new[] { (a, SubmissionStatus.Accepted, (int?)null), (w1, SubmissionStatus.Waitlisted, 1), (w2, SubmissionStatus.Waitlisted, 2) })
            {
                var submission = await db.Submissions.Include(s => s.Track).ThenInclude(t => t.Conference).Include(s => s.Speakers).SingleAsync(s => s.Id == id);
                submission.Decide(decision, rank, now);
                await letters.ReleaseAsync(submission, promotedFromWaitlist: false, CancellationToken.None);
            }

            await db.SaveChangesAsync();
        }

        return new ConfirmationScenario(app, trackId, chair, chairEmail, speaker, speakerEmail, coSpeakerEmail, a, w1, w2, deadline);
    }

    /// <summary>The confirm link (path and query) of the latest mail of <paramref name="kind"/> to <paramref name="email"/> about the talk.</summary>
    public async Task<string> ConfirmLinkAsync(string email, string kind = "decision.accepted")
    {
        var mail = await App.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.ToAddress == email && m.Kind == kind)
            .OrderByDescending(m => m.CreatedUtc)
            .FirstAsync());
        var link = ConfirmLink().Match(mail.TextBody);
        Assert.True(link.Success, $"No confirm link in:\n{mail.TextBody}");
        return new Uri(link.Value).PathAndQuery;
    }

    public static string TokenOf(string link) => Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    public Task<(SubmissionStatus Status, int? Rank)> StatusAsync(Guid id) =>
        App.WithDbAsync(db => db.Submissions.AsNoTracking().Where(s => s.Id == id).Select(s => new ValueTuple<SubmissionStatus, int?>(s.Status, s.WaitlistRank)).SingleAsync());

    public Task<Domain.Decisions.SpeakerConfirmation?> OfferAsync(Guid id) =>
        App.WithDbAsync(db => db.SpeakerConfirmations.AsNoTracking().SingleOrDefaultAsync(c => c.SubmissionId == id));

    public Task<List<Domain.Outbox.OutboxMessage>> MailsAsync(string email, string kind) =>
        App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == email && m.Kind == kind).ToListAsync());

    [GeneratedRegex(@"https?://\S+/Talks/Confirm\?token=\S+")]
    private static partial Regex ConfirmLink();
}
