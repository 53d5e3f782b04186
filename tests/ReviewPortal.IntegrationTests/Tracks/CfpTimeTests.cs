using System.Net;
using System.Net.Http.Json;
using ReviewPortal.Application.Features.Conferences;
using ReviewPortal.Application.Features.Tracks;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Tracks;

/// <summary>A CfP that has not opened says when it opens; a wall-clock time that happens twice is refused, naming both instants.</summary>
public sealed class CfpTimeTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private async Task<(Guid ConferenceId, string Slug)> ConferenceAsync()
    {
        var slug = "cfp-" + Guid.NewGuid().ToString("N")[..8];
        var id = await app.SendAsSystemAsync(new CreateConference("Conf " + slug, slug, "America/New_York", new DateOnly(2027, 11, 10), new DateOnly(2027, 11, 12)));
        return (id, slug);
    }

    [Fact]
    public async Task A_call_for_proposals_that_has_not_opened_says_when_it_opens_on_the_track_page_and_the_proposal_form()
    {
        var chairEmail = $"chair-{Guid.NewGuid():N}@example.org";
        var speaker = await Accounts.SignedInClientAsync(app, chairEmail, "Chair Person");
        var (conferenceId, slug) = await ConferenceAsync();
        var now = app.Clock.GetUtcNow();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var opens = TimeZoneInfo.ConvertTime(now.AddDays(20), zone).DateTime;
        opens = new DateTime(opens.Year, opens.Month, opens.Day, 9, 0, 0);
        var trackId = await app.SendAsSystemAsync(new CreateTrack(conferenceId, "later", chairEmail,
            new TrackSettings("Later track", "", 30, opens, opens.AddDays(30), opens.AddDays(40), 3, ["tracing"], 5, BlindMode.None)));
        var expected = opens.ToString("ddd d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture) + ", 09:00";

        var track = await HtmlPage.GetAsync(app.CreateBrowserClient(), $"/c/{slug}/later");
        Assert.Contains($"not open yet: it opens on {expected}", track.Text, StringComparison.Ordinal);
        Assert.Contains("(America/New_York)", track.Text, StringComparison.Ordinal);

        var form = await HtmlPage.GetAsync(speaker, $"/Proposals/New?trackId={trackId}");
        Assert.Contains($"it opens on {expected}", form.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deadline_in_the_hour_that_happens_twice_when_clocks_go_back_is_refused_naming_both_instants()
    {
        var chairEmail = $"chair-{Guid.NewGuid():N}@example.org";
        var chair = await Accounts.SignedInClientAsync(app, chairEmail, "Chair Person");
        var (conferenceId, _) = await ConferenceAsync();
        var trackId = await app.SendAsSystemAsync(new CreateTrack(conferenceId, "fall", chairEmail,
            new TrackSettings("Fall", "", 30, new DateTime(2027, 9, 1), new DateTime(2027, 10, 1), new DateTime(2027, 10, 15), 3, ["tracing"], 5, BlindMode.None)));
        var version = await app.WithDbAsync(db => Task.FromResult(db.Tracks.Where(t => t.Id == trackId).Select(t => t.Version).Single()));

        // 7 Nov 2027, 01:30 happens twice in New York: at 05:30 UTC (EDT) and an hour later at 06:30 UTC (EST).
        var refused = await Problems.AssertAsync(await chair.PutAsJsonAsync($"/api/v1/tracks/{trackId}/settings", new
        {
            version,
            settings = new
            {
                name = "Fall", description = "", slotMinutes = 30, cfpOpens = new DateTime(2027, 9, 1), cfpCloses = new DateTime(2027, 11, 7, 1, 30, 0),
                reviewDeadline = new DateTime(2027, 11, 20), reviewersPerSubmission = 3, topics = new[] { "tracing" }, maxSpeakersPerProposal = 5,
                blindMode = "None", scoreMin = 1, scoreMax = 5,
            },
        }), HttpStatusCode.BadRequest);
        var message = refused.GetProperty("errors").GetProperty("Settings.CfpCloses")[0].GetString()!;
        Assert.Contains("happens twice in America/New_York", message, StringComparison.Ordinal);
        Assert.Contains("UTC-04:00", message, StringComparison.Ordinal);
        Assert.Contains("05:30 UTC", message, StringComparison.Ordinal);
        Assert.Contains("UTC-05:00", message, StringComparison.Ordinal);
        Assert.Contains("06:30 UTC", message, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => Task.FromResult(db.Tracks.Where(t => t.Id == trackId).Select(t => t.CfpClosesUtc).Single()));
        Assert.Equal(new DateTimeOffset(2027, 10, 1, 4, 0, 0, TimeSpan.Zero), stored); // unchanged
    }
}
