using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.IntegrationTests.Infrastructure;
using static ReviewPortal.IntegrationTests.Committee.CommitteeSteps;

namespace ReviewPortal.IntegrationTests.Committee;

/// <summary>The chair invites by e-mail; the link shows the invitation, works once, expires, can be withdrawn and is replaced by a re-send.</summary>
public sealed class InvitationTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    [Fact]
    public async Task The_invitation_mail_says_who_invites_to_what_until_when_and_its_link_shows_the_invitation_without_accepting_it()
    {
        var (chair, trackId, _) = await TrackAsync(app, "Daniel Chair");
        var email = NewEmail("invitee");
        var sent = await InviteAsync(chair, trackId, new { email, name = "Ivy Invitee", role = "Reviewer" });

        var (subject, body, link) = await InvitationMailAsync(app, email);
        Assert.Contains("Daniel Chair invites you", subject, StringComparison.Ordinal);
        Assert.Contains("as a reviewer", body, StringComparison.Ordinal);
        Assert.Contains("until", body, StringComparison.Ordinal);
        Assert.Contains("America/New_York", body, StringComparison.Ordinal); // the expiry in the conference's zone
        Assert.StartsWith("http://localhost/Committee/Invitation?token=inv_", link, StringComparison.Ordinal);
        // Only the hash is stored.
        var stored = await app.WithDbAsync(db => db.CommitteeInvitations.AsNoTracking().SingleAsync(i => i.Id == sent.GetProperty("id").GetGuid()));
        Assert.DoesNotContain(stored.TokenHash, link, StringComparison.Ordinal);
        Assert.Equal(64, stored.TokenHash.Length);

        // Opening the link (anonymously, twice) shows the invitation and changes nothing.
        var anonymous = app.CreateBrowserClient();
        for (var i = 0; i < 2; i++)
        {
            var page = await HtmlPage.GetAsync(anonymous, new Uri(link).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
            Assert.Contains("Daniel Chair invites Ivy Invitee", page.Text, StringComparison.Ordinal);
            Assert.Contains("sign in", page.Text, StringComparison.Ordinal);
        }

        stored = await app.WithDbAsync(db => db.CommitteeInvitations.AsNoTracking().SingleAsync(i => i.Id == stored.Id));
        Assert.Null(stored.AcceptedUtc);
        Assert.Null(stored.DeclinedUtc);
        var listed = await Problems.JsonAsync(await chair.GetAsync(new Uri($"/api/v1/tracks/{trackId}/invitations", UriKind.Relative)));
        Assert.Equal("Pending", listed.EnumerateArray().Single().GetProperty("state").GetString());
    }

    [Fact]
    public async Task Accepting_on_the_page_seats_the_signed_in_account_with_the_invited_role_copies_the_affiliations_and_tells_the_chair()
    {
        var (chair, trackId, chairEmail) = await TrackAsync(app);
        var invited = NewEmail("work-address");
        await InviteAsync(chair, trackId, new
        {
            email = invited, name = "Cora Chair", role = "Chair", affiliation = "Isovalent",
            pastAffiliations = new[] { new { organisation = "Facebook", fromYear = 2016, toYear = 2021 } },
            emailDomains = new[] { "Isovalent.COM" },
        });
        var (_, _, link) = await InvitationMailAsync(app, invited);

        // She accepts with her private account: another address than the invited one.
        var own = NewEmail("private-address");
        var invitee = await Accounts.SignedInClientAsync(app, own, "Cora Private");
        var page = await HtmlPage.GetAsync(invitee, new Uri(link).PathAndQuery);
        Assert.Contains($"Accepting seats the account you are signed in with: Cora Private ({own})", page.Text, StringComparison.Ordinal);
        var accepted = await page.PressAsync(invitee, "#answer form", "Accept");
        Assert.True(HtmlPage.IsRedirect(accepted), $"Accept answered {accepted.StatusCode}");
        Assert.Equal($"/Committee/Profile?trackId={trackId}", accepted.Headers.Location?.OriginalString);

        var seat = await app.WithDbAsync(db => db.CommitteeMembers.AsNoTracking().SingleAsync(m => m.TrackId == trackId && m.Person.Email == own));
        Assert.Equal(CommitteeRole.Chair, seat.Role);
        Assert.Contains(seat.Affiliations, a => a.Organisation == "Isovalent" && a.ToYear is null);
        Assert.Contains(seat.Affiliations, a => a.Organisation == "Facebook" && a.FromYear == 2016 && a.ToYear == 2021);
        Assert.Equal(["isovalent.com"], seat.EmailDomains);
        // As a chair, she can now open the track's settings.
        Assert.Equal(HttpStatusCode.OK, (await invitee.GetAsync(new Uri($"/api/v1/tracks/{trackId}/settings", UriKind.Relative))).StatusCode);

        var told = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == chairEmail && m.Kind == "committee.invitation-accepted").ToListAsync());
        var mail = Assert.Single(told);
        Assert.Contains("Cora Chair accepted", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(own, mail.TextBody, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.TrackId == trackId && a.Action == "committee.invitation-accepted")));

        // Single use: the same link again is refused, saying so.
        var again = await Problems.AssertAsync(await AcceptAsync(invitee, TokenOf(link)), HttpStatusCode.Conflict);
        Assert.Contains("already accepted", again.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var someoneElse = await Accounts.SignedInClientAsync(app, NewEmail("other"), "Other Person");
        await Problems.AssertAsync(await AcceptAsync(someoneElse, TokenOf(link)), HttpStatusCode.Conflict);
        Assert.False(await app.WithDbAsync(db => db.CommitteeMembers.AnyAsync(m => m.TrackId == trackId && m.Person.DisplayName == "Other Person")));
    }

    [Fact]
    public async Task A_revoked_invitation_is_refused()
    {
        var (chair, trackId, _) = await TrackAsync(app);
        var email = NewEmail("revoked");
        var sent = await InviteAsync(chair, trackId, new { email, name = "Rae Revoked" });
        var (_, _, link) = await InvitationMailAsync(app, email);
        var invitee = await Accounts.SignedInClientAsync(app, email, "Rae Revoked");

        var revoked = await chair.DeleteAsync(new Uri($"/api/v1/invitations/{sent.GetProperty("id").GetGuid()}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        var refused = await Problems.AssertAsync(await AcceptAsync(invitee, TokenOf(link)), HttpStatusCode.Conflict);
        Assert.Contains("withdrawn", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Problems.AssertAsync(await invitee.PostJsonAsync("/api/v1/invitations/decline", new { token = TokenOf(link) }), HttpStatusCode.Conflict);
        Assert.False(await app.WithDbAsync(db => db.CommitteeMembers.AnyAsync(m => m.TrackId == trackId && m.Person.Email == email)));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.TrackId == trackId && a.Action == "committee.invitation-revoked")));
    }

    [Fact]
    public async Task Inviting_the_same_address_again_replaces_the_invitation_and_the_old_link_stops_working()
    {
        var (chair, trackId, _) = await TrackAsync(app);
        var email = NewEmail("twice");
        var first = await InviteAsync(chair, trackId, new { email, name = "Tom Twice" });
        var (_, _, oldLink) = await InvitationMailAsync(app, email);
        var second = await InviteAsync(chair, trackId, new { email = email.ToUpperInvariant(), name = "Tom Twice", role = "Chair" });
        Assert.True(second.GetProperty("replaced").GetBoolean());
        Assert.Equal(first.GetProperty("id").GetGuid(), second.GetProperty("id").GetGuid());
        var (_, _, newLink) = await InvitationMailAsync(app, email.ToUpperInvariant());
        Assert.NotEqual(oldLink, newLink);

        var invitee = await Accounts.SignedInClientAsync(app, email, "Tom Twice");
        await Problems.AssertAsync(await AcceptAsync(invitee, TokenOf(oldLink)), HttpStatusCode.NotFound);
        // The resend button does the same.
        var resent = await Problems.JsonAsync(await chair.PostJsonAsync($"/api/v1/invitations/{second.GetProperty("id").GetGuid()}/resend", new { }));
        Assert.True(resent.GetProperty("replaced").GetBoolean());
        var (_, _, newest) = await InvitationMailAsync(app, email.ToUpperInvariant());
        await Problems.AssertAsync(await AcceptAsync(invitee, TokenOf(newLink)), HttpStatusCode.NotFound);

        var ok = await Problems.JsonAsync(await AcceptAsync(invitee, TokenOf(newest)));
        Assert.Equal("Chair", ok.GetProperty("role").GetString());
        var invitations = await app.WithDbAsync(db => db.CommitteeInvitations.CountAsync(i => i.TrackId == trackId));
        Assert.Equal(1, invitations);
    }

    [Fact]
    public async Task Inviting_someone_already_on_the_committee_is_refused_on_the_address()
    {
        var (chair, trackId, chairEmail) = await TrackAsync(app, "Solo Chair");
        var response = await chair.PostJsonAsync($"/api/v1/tracks/{trackId}/invitations", new { email = chairEmail, name = "Solo Chair" });
        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("already on the committee", problem.GetProperty("errors").GetProperty("Email")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.CommitteeInvitations.CountAsync(i => i.TrackId == trackId)));
    }

    [Fact]
    public async Task Declining_needs_no_account_ends_the_invitation_and_tells_the_chair()
    {
        var (chair, trackId, chairEmail) = await TrackAsync(app);
        var email = NewEmail("nope");
        await InviteAsync(chair, trackId, new { email, name = "Nora Nope" });
        var (_, _, link) = await InvitationMailAsync(app, email);

        var anonymous = app.CreateBrowserClient();
        var page = await HtmlPage.GetAsync(anonymous, new Uri(link).PathAndQuery);
        var declined = await page.PressAsync(anonymous, "#answer form", "Decline");
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var after = await HtmlPage.ParseAsync(declined);
        Assert.Contains("declined on", after.Text, StringComparison.Ordinal);

        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == chairEmail && m.Kind == "committee.invitation-declined")));
        var invitee = await Accounts.SignedInClientAsync(app, email, "Nora Nope");
        await Problems.AssertAsync(await AcceptAsync(invitee, TokenOf(link)), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_chair_sees_the_invitees_conflicts_with_reasons_before_sending_and_nothing_is_stored()
    {
        var (chair, trackId, _) = await TrackAsync(app);
        var speakerEmail = NewEmail("speaker");
        var speaker = await Accounts.SignedInClientAsync(app, speakerEmail, "Sam Speaker", affiliation: "Isovalent Inc.");
        var proposal = await Problems.JsonAsync(await speaker.PostJsonAsync($"/api/v1/tracks/{trackId}/proposals",
            new { title = "Cilium and the verifier", @abstract = "About it.", topics = new[] { "verifier" }, submit = true }), HttpStatusCode.Created);
        var proposalId = proposal.GetProperty("id").GetGuid();

        var colleague = await Problems.JsonAsync(await chair.PostJsonAsync($"/api/v1/tracks/{trackId}/invitations/preview",
            new { email = NewEmail("colleague"), name = "Col League", affiliation = "isovalent" }));
        var conflict = Assert.Single(colleague.EnumerateArray());
        Assert.Equal(proposalId, conflict.GetProperty("proposalId").GetGuid());
        Assert.Equal("Cilium and the verifier", conflict.GetProperty("title").GetString());
        Assert.Equal("Organisation", conflict.GetProperty("kind").GetString());
        Assert.Contains("Isovalent", conflict.GetProperty("reason").GetString(), StringComparison.OrdinalIgnoreCase);

        // The speaker themself, invited: conflicted as the speaker.
        var self = await Problems.JsonAsync(await chair.PostJsonAsync($"/api/v1/tracks/{trackId}/invitations/preview",
            new { email = speakerEmail, name = "Sam Speaker" }));
        Assert.Contains(self.EnumerateArray(), c => c.GetProperty("kind").GetString() == "Speaker");

        var stranger = await Problems.JsonAsync(await chair.PostJsonAsync($"/api/v1/tracks/{trackId}/invitations/preview",
            new { email = NewEmail("stranger"), name = "Str Anger", affiliation = "Elsewhere GmbH" }));
        Assert.Empty(stranger.EnumerateArray());
        Assert.Equal(0, await app.WithDbAsync(db => db.CommitteeInvitations.CountAsync(i => i.TrackId == trackId)));
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "committee.invitation" && m.TextBody.Contains("Col League"))));

        // On the page: "Check conflicts" shows them, then "Send invitation" sends.
        var invitePage = await HtmlPage.GetAsync(chair, $"/Chair/{trackId}/Invite");
        var email = NewEmail("paged");
        var fields = new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Name"] = "Page Invitee", ["Input.Affiliation"] = "Isovalent" };
        Assert.Null(invitePage.Document.QuerySelector("button[formaction$='handler=Send']")); // checking comes first
        var checkedPage = await HtmlPage.ParseAsync(await invitePage.PressAsync(chair, "main form", "Check", fields));
        var shown = checkedPage.Document.QuerySelector("#invitee-conflicts")?.TextContent ?? "";
        Assert.Contains("Cilium and the verifier", shown, StringComparison.Ordinal);
        Assert.Contains("Organisation", shown, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.CommitteeInvitations.CountAsync(i => i.TrackId == trackId)));
        var sent = await checkedPage.PressAsync(chair, "main form", "Send");
        Assert.True(HtmlPage.IsRedirect(sent), $"Send answered {sent.StatusCode}");
        Assert.Equal($"/Chair/{trackId}/Committee", sent.Headers.Location?.OriginalString);
        var (_, _, link) = await InvitationMailAsync(app, email);
        Assert.NotEmpty(link);
    }

    [Fact]
    public async Task Only_the_tracks_chair_invites_and_sees_invitations_others_get_403_and_an_unknown_track_404()
    {
        var (chair, trackId, _) = await TrackAsync(app);
        var (otherChair, otherTrackId, _) = await TrackAsync(app);
        var sent = await InviteAsync(chair, trackId, new { email = NewEmail("x"), name = "Xavier" });
        var invitationId = sent.GetProperty("id").GetGuid();

        // The chair of another track, a signed-in stranger: 403 on this track's invitations.
        var stranger = await Accounts.SignedInClientAsync(app, NewEmail("stranger"), "Stranger");
        foreach (var client in new[] { otherChair, stranger })
        {
            await Problems.AssertAsync(await client.GetAsync(new Uri($"/api/v1/tracks/{trackId}/invitations", UriKind.Relative)), HttpStatusCode.Forbidden);
            await Problems.AssertAsync(await client.PostJsonAsync($"/api/v1/tracks/{trackId}/invitations", new { email = NewEmail("y"), name = "Y" }), HttpStatusCode.Forbidden);
            await Problems.AssertAsync(await client.PostJsonAsync($"/api/v1/tracks/{trackId}/invitations/preview", new { email = NewEmail("y"), name = "Y" }), HttpStatusCode.Forbidden);
            await Problems.AssertAsync(await client.DeleteAsync(new Uri($"/api/v1/invitations/{invitationId}", UriKind.Relative)), HttpStatusCode.Forbidden);
            await Problems.AssertAsync(await client.PostJsonAsync($"/api/v1/invitations/{invitationId}/resend", new { }), HttpStatusCode.Forbidden);
        }

        await Problems.AssertAsync(await chair.GetAsync(new Uri($"/api/v1/tracks/{Guid.NewGuid()}/invitations", UriKind.Relative)), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await chair.DeleteAsync(new Uri($"/api/v1/invitations/{Guid.NewGuid()}", UriKind.Relative)), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await app.CreateClient().GetAsync(new Uri($"/api/v1/tracks/{trackId}/invitations", UriKind.Relative)), HttpStatusCode.Unauthorized);
        await Problems.AssertAsync(await app.CreateClient().PostJsonAsync("/api/v1/invitations/accept", new { token = "inv_x" }), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowserClient().GetAsync(new Uri("/Committee/Invitation?token=inv_nonsense", UriKind.Relative))).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.CommitteeInvitations.CountAsync(i => i.TrackId == trackId && i.RevokedUtc == null)));
        _ = otherTrackId;
    }
}
