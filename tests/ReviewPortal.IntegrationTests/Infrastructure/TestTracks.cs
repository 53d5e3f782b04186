using ReviewPortal.Application.Features.Conferences;
using ReviewPortal.Application.Features.Tracks;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.IntegrationTests.Infrastructure;

/// <summary>Conferences and tracks made through the real commands (as the system), with the CfP around the app's clock.</summary>
public static class TestTracks
{
    public const string TimeZone = "America/New_York";
    public static readonly string[] Topics = ["verifier", "tracing", "security", "XDP/AF_XDP", "TCP", "scheduling"];

    public static async Task<Guid> CreateAsync(ReviewPortalApp app, string chairEmail, TimeSpan? closesIn = null, int maxSpeakers = 5)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        DateTime Local(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, zone).DateTime;
        var now = app.Clock.GetUtcNow();
        var slug = "conf-" + Guid.NewGuid().ToString("N")[..8];
        var conferenceId = await app.SendAsSystemAsync(new CreateConference("Test Conference " + slug, slug, TimeZone,
            DateOnly.FromDateTime(now.UtcDateTime.AddDays(60)), DateOnly.FromDateTime(now.UtcDateTime.AddDays(62))));
        var closes = now + (closesIn ?? TimeSpan.FromDays(10));
        var settings = new TrackSettings("Networking " + slug, "A *test* track.", 30,
            Local(now.AddDays(-10)), Local(closes), Local(closes.AddDays(14)), 3, Topics, maxSpeakers, BlindMode.None);
        return await app.SendAsSystemAsync(new CreateTrack(conferenceId, "networking", chairEmail, settings));
    }
}
