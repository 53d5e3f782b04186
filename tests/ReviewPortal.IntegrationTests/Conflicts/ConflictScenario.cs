using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.Application.Features.Conflicts;
using ReviewPortal.Domain.Committee;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Conflicts;

/// <summary>
/// A track with a chair, committee members and proposals, made through the API as people do. Two steps belong to
/// other helpers' use cases (the member's profile page, the chair's "start review phase"), so they are arranged here in
/// the database, followed by the same <see cref="ConflictDetection.RefreshAsync"/> those use cases call.
/// </summary>
public sealed class ConflictScenario
{
    private readonly ReviewPortalApp _app;

    private ConflictScenario(ReviewPortalApp app, HttpClient chair, Guid trackId, Guid chairId)
    {
        _app = app;
        Chair = chair;
        TrackId = trackId;
        ChairId = chairId;
    }

    public HttpClient Chair { get; }
    public Guid TrackId { get; }
    public Guid ChairId { get; }

    public static async Task<ConflictScenario> CreateAsync(ReviewPortalApp app, string chairName = "Carla Chair", string? chairAffiliation = null)
    {
        var email = $"chair-{Guid.NewGuid():N}@example.org";
        var chair = await Accounts.SignedInClientAsync(app, email, chairName, chairAffiliation);
        var trackId = await TestTracks.CreateAsync(app, email);
        var chairId = await app.WithDbAsync(db => db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync());
        return new ConflictScenario(app, chair, trackId, chairId);
    }

    /// <summary>Seats a new account on the committee through the chair's API; its e-mail is at <paramref name="domain"/>.</summary>
    public async Task<(HttpClient Client, Guid PersonId, string Email)> SeatAsync(string name, string? affiliation, string role = "Reviewer", string domain = "example.org")
    {
        var email = $"member-{Guid.NewGuid():N}@{domain}";
        var client = await Accounts.SignedInClientAsync(_app, email, name, affiliation);
        var response = await Chair.PostAsJsonAsync($"/api/v1/tracks/{TrackId}/committee", new { email, role, affiliation });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var personId = await _app.WithDbAsync(db => db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync());
        return (client, personId, email);
    }

    /// <summary>The member's profile for the track (the committee profile page's fields), then detection as that page runs it.</summary>
    public async Task SetProfileAsync(Guid personId, IReadOnlyList<AffiliationPeriod> affiliations, IReadOnlyList<string>? domains = null)
    {
        await _app.WithDbAsync(async db =>
        {
            var seat = await db.CommitteeMembers.SingleAsync(m => m.TrackId == TrackId && m.PersonId == personId);
            seat.Affiliations = affiliations.ToList();
            seat.EmailDomains = domains?.ToList() ?? [];
            await db.SaveChangesAsync();
        });
        await RefreshAsync();
    }

    public async Task RefreshAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ConflictDetection>().RefreshAsync(TrackId, CancellationToken.None);
    }

    /// <summary>The chair starts the review phase (the bidding helper's use case): members see submitted proposals.</summary>
    public Task StartReviewPhaseAsync() => _app.WithDbAsync(async db =>
    {
        var track = await db.Tracks.SingleAsync(t => t.Id == TrackId);
        track.ReviewPhaseStartedUtc = _app.Clock.GetUtcNow();
        await db.SaveChangesAsync();
    });

    /// <summary>A speaker (new account, affiliation as given) submits a proposal with co-speakers (name, e-mail, affiliation).</summary>
    public async Task<(HttpClient Speaker, Guid ProposalId)> SubmitAsync(string title, string speakerName, string? speakerAffiliation,
        params (string Name, string Email, string? Affiliation)[] coSpeakers)
    {
        var speaker = await Accounts.SignedInClientAsync(_app, $"speaker-{Guid.NewGuid():N}@example.org", speakerName, speakerAffiliation);
        return (speaker, await SubmitAsAsync(speaker, title, coSpeakers));
    }

    public async Task<Guid> SubmitAsAsync(HttpClient speaker, string title, params (string Name, string Email, string? Affiliation)[] coSpeakers)
    {
        var response = await speaker.PostAsJsonAsync($"/api/v1/tracks/{TrackId}/proposals", new
        {
            title,
            @abstract = $"The abstract of {title}.",
            notes = $"Notes for the committee on {title}.",
            topics = new[] { "tracing" },
            coSpeakers = coSpeakers.Select(c => new { name = c.Name, email = c.Email, affiliation = c.Affiliation }).ToArray(),
            submit = true,
        });
        return (await Problems.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    public Task<List<Conflict>> ConflictsAsync(Guid proposalId) =>
        _app.WithDbAsync(db => db.Conflicts.AsNoTracking().Where(c => c.SubmissionId == proposalId).ToListAsync());

    public async Task<List<JsonElement>> ApiConflictsAsync(HttpClient client)
    {
        var json = await Problems.JsonAsync(await client.GetAsync(new Uri($"/api/v1/tracks/{TrackId}/conflicts", UriKind.Relative)));
        return json.EnumerateArray().ToList();
    }

    public static AffiliationPeriod Current(string organisation) => new() { Organisation = organisation };
    public static AffiliationPeriod Until(string organisation, int year) => new() { Organisation = organisation, FromYear = year - 4, ToYear = year };
}
