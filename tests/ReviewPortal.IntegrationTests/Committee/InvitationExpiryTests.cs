using System.Net;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.IntegrationTests.Infrastructure;
using static ReviewPortal.IntegrationTests.Committee.CommitteeSteps;

namespace ReviewPortal.IntegrationTests.Committee;

/// <summary>The app with invitations that expire after 2 days (Committee:InvitationExpiryDays); its tests move the clock on.</summary>
public sealed class ShortInvitationApp : ReviewPortalApp
{
    public ShortInvitationApp(PostgresServer server) : base(server) => Settings["Committee:InvitationExpiryDays"] = "2";
}

public sealed class InvitationExpiryTests(ShortInvitationApp app) : IClassFixture<ShortInvitationApp>
{
    [Fact]
    public async Task An_invitation_expires_after_the_configured_days_and_accepting_it_then_is_refused_saying_when()
    {
        var (chair, trackId, _) = await TrackAsync(app);
        var email = NewEmail("late");
        var sent = await InviteAsync(chair, trackId, new { email, name = "Lee Late" });
        var (_, _, link) = await InvitationMailAsync(app, email);
        var invitee = await Accounts.SignedInClientAsync(app, email, "Lee Late");
        var expires = sent.GetProperty("expiresUtc").GetDateTimeOffset();
        Assert.InRange(expires - app.Clock.GetUtcNow(), TimeSpan.FromDays(2) - TimeSpan.FromMinutes(5), TimeSpan.FromDays(2));

        app.Clock.SetUtcNow(expires.AddSeconds(1));
        var refused = await Problems.AssertAsync(await AcceptAsync(invitee, TokenOf(link)), HttpStatusCode.Conflict);
        Assert.Contains("expired on", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var page = await HtmlPage.GetAsync(invitee, new Uri(link).PathAndQuery);
        Assert.Contains("expired on", page.Document.QuerySelector("#invitation-closed")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("#answer"));
        var listed = await Problems.JsonAsync(await chair.GetAsync(new Uri($"/api/v1/tracks/{trackId}/invitations", UriKind.Relative)));
        Assert.Equal("Expired", listed.EnumerateArray().Single().GetProperty("state").GetString());
        Assert.False(await app.WithDbAsync(db => db.CommitteeMembers.AnyAsync(m => m.TrackId == trackId && m.Person.Email == email)));

        // Sent again, it works for another two days.
        await Problems.JsonAsync(await chair.PostJsonAsync($"/api/v1/invitations/{sent.GetProperty("id").GetGuid()}/resend", new { }));
        var (_, _, fresh) = await InvitationMailAsync(app, email);
        await Problems.JsonAsync(await AcceptAsync(invitee, TokenOf(fresh)));
    }
}
