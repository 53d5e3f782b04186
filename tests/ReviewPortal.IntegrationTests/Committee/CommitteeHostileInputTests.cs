using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.IntegrationTests.Infrastructure;
using static ReviewPortal.IntegrationTests.Committee.CommitteeSteps;

namespace ReviewPortal.IntegrationTests.Committee;

/// <summary>
/// Every committee endpoint against hostile input: control characters, null list elements, huge bodies, ids of another
/// track. Each is refused with the field named (or 403/404), never a 500, and stores nothing.
/// </summary>
public sealed class CommitteeHostileInputTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private static Task<HttpResponseMessage> SendJson(HttpClient client, HttpMethod method, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(method, new Uri(url, UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    private static async Task AssertFieldAsync(HttpResponseMessage response, string field)
    {
        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"Expected an error on {field}: {problem}");
    }

    [Fact]
    public async Task Invitations_and_their_preview_refuse_control_characters_null_entries_and_huge_input_on_the_field()
    {
        var (chair, trackId, _) = await TrackAsync(app);
        foreach (var url in new[] { $"/api/v1/tracks/{trackId}/invitations/preview", $"/api/v1/tracks/{trackId}/invitations" })
        {
            await AssertFieldAsync(await SendJson(chair, HttpMethod.Post, url, """{"email":"a@example.org","name":"Bad\u0000Name"}"""), "Name");
            await AssertFieldAsync(await SendJson(chair, HttpMethod.Post, url, """{"email":"a\u001b@example.org","name":"Ok"}"""), "Email");
            await AssertFieldAsync(await SendJson(chair, HttpMethod.Post, url, """{"email":"a@example.org","name":"Ok","pastAffiliations":[null]}"""), "PastAffiliations[0]");
            await AssertFieldAsync(await SendJson(chair, HttpMethod.Post, url, """{"email":"a@example.org","name":"Ok","pastAffiliations":[{"organisation":"X\u0007","fromYear":2010,"toYear":2012}]}"""), "PastAffiliations[0].Organisation");
            await AssertFieldAsync(await SendJson(chair, HttpMethod.Post, url, """{"email":"a@example.org","name":"Ok","emailDomains":[null]}"""), "EmailDomains[0]");
            // An unknown role does not even bind: a 400 ProblemDetails.
            await Problems.AssertAsync(await SendJson(chair, HttpMethod.Post, url, """{"email":"a@example.org","name":"Ok","role":"Emperor"}"""), HttpStatusCode.BadRequest);
            await AssertFieldAsync(await chair.PostAsJsonAsync(url, new { email = "a@example.org", name = new string('n', 2_000_000) }), "Name");
            await AssertFieldAsync(await chair.PostAsJsonAsync(url, new { email = "a@example.org", name = "Ok", emailDomains = Enumerable.Range(0, 10_000).Select(i => $"d{i}.org") }), "EmailDomains");
            await AssertFieldAsync(await SendJson(chair, HttpMethod.Post, url, """{"email":null,"name":null}"""), "Email");
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.CommitteeInvitations.CountAsync(i => i.TrackId == trackId)));
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "committee.invitation" && m.ToAddress == "a@example.org")));
    }

    [Fact]
    public async Task Answering_with_a_broken_token_is_refused_without_a_500_and_the_page_too()
    {
        var (chair, trackId, _) = await TrackAsync(app);
        var member = await Accounts.SignedInClientAsync(app, NewEmail("m"), "Mem Ber");
        foreach (var url in new[] { "/api/v1/invitations/accept", "/api/v1/invitations/decline" })
        {
            await AssertFieldAsync(await SendJson(member, HttpMethod.Post, url, """{"token":"inv_\u0000"}"""), "Token");
            await AssertFieldAsync(await SendJson(member, HttpMethod.Post, url, """{"token":null}"""), "Token");
            await Problems.AssertAsync(await member.PostAsJsonAsync(url, new { token = "inv_" + new string('A', 100_000) }), HttpStatusCode.NotFound);
            await Problems.AssertAsync(await member.PostAsJsonAsync(url, new { token = "' OR 1=1 --" }), HttpStatusCode.NotFound);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await member.GetAsync(new Uri("/Committee/Invitation?token=inv_%00", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await member.GetAsync(new Uri("/Committee/Invitation", UriKind.Relative))).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.CommitteeMembers.AnyAsync(m => m.TrackId == trackId && m.Person.DisplayName == "Mem Ber")));
        _ = chair;
    }

    [Fact]
    public async Task The_profile_refuses_control_characters_and_null_entries_on_the_field()
    {
        var (chair, trackId, _) = await TrackAsync(app);
        var email = NewEmail("member");
        var member = await Accounts.SignedInClientAsync(app, email, "Pro File");
        await Problems.JsonAsync(await chair.PostJsonAsync($"/api/v1/tracks/{trackId}/committee", new { email, role = "Reviewer" }));
        var url = $"/api/v1/tracks/{trackId}/committee/me/profile";

        await AssertFieldAsync(await SendJson(member, HttpMethod.Put, url, """{"affiliations":[null]}"""), "Affiliations[0]");
        await AssertFieldAsync(await SendJson(member, HttpMethod.Put, url, """{"affiliations":[{"organisation":"A\u0000B"}]}"""), "Affiliations[0].Organisation");
        await AssertFieldAsync(await SendJson(member, HttpMethod.Put, url, """{"expertiseKeywords":["ok","bad\u0085"]}"""), "ExpertiseKeywords[1]");
        await AssertFieldAsync(await SendJson(member, HttpMethod.Put, url, """{"expertiseTopics":[null]}"""), "ExpertiseTopics[0]");
        await AssertFieldAsync(await SendJson(member, HttpMethod.Put, url, """{"emailDomains":["x\u0001.org"]}"""), "EmailDomains[0]");
        await AssertFieldAsync(await SendJson(member, HttpMethod.Put, url, """{"maxLoad":2147483647}"""), "MaxLoad");
        await AssertFieldAsync(await member.PutAsJsonAsync(url, new { expertiseKeywords = Enumerable.Range(0, 100_000).Select(i => $"k{i}") }), "ExpertiseKeywords");
        Assert.Equal(HttpStatusCode.BadRequest, (await SendJson(member, HttpMethod.Put, url, """{"maxLoad":"lots"}""")).StatusCode);

        var seat = await app.WithDbAsync(db => db.CommitteeMembers.AsNoTracking().SingleAsync(m => m.TrackId == trackId && m.Person.Email == email));
        Assert.Empty(seat.Affiliations);
        Assert.Empty(seat.ExpertiseKeywords);
    }

    [Fact]
    public async Task Ids_of_another_track_get_403_or_404_and_change_nothing()
    {
        var (chair, trackId, _) = await TrackAsync(app);
        var (otherChair, otherTrackId, _) = await TrackAsync(app);
        var theirs = await InviteAsync(otherChair, otherTrackId, new { email = NewEmail("theirs"), name = "Their Invitee" });
        var theirId = theirs.GetProperty("id").GetGuid();
        var otherMemberId = await app.WithDbAsync(db => db.CommitteeMembers.Where(m => m.TrackId == otherTrackId).Select(m => m.Id).SingleAsync());

        // This track's chair with the other track's invitation and member ids.
        await Problems.AssertAsync(await chair.DeleteAsync(new Uri($"/api/v1/invitations/{theirId}", UriKind.Relative)), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await chair.PostJsonAsync($"/api/v1/invitations/{theirId}/resend", new { }), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await chair.PutAsJsonAsync($"/api/v1/tracks/{trackId}/committee/{otherMemberId}/profile", new { maxLoad = 1 }), HttpStatusCode.NotFound);
        // A member of the other track on this track's profile and pages.
        await Problems.AssertAsync(await otherChair.GetAsync(new Uri($"/api/v1/tracks/{trackId}/committee/me/profile", UriKind.Relative)), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherChair.GetAsync(new Uri($"/Committee/Profile?trackId={trackId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherChair.GetAsync(new Uri($"/Chair/{trackId}/Invite", UriKind.Relative))).StatusCode);

        var invitation = await app.WithDbAsync(db => db.CommitteeInvitations.AsNoTracking().SingleAsync(i => i.Id == theirId));
        Assert.Null(invitation.RevokedUtc);
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "committee.invitation" && m.ToAddress == invitation.Email)));
        Assert.Null((await app.WithDbAsync(db => db.CommitteeMembers.AsNoTracking().SingleAsync(m => m.Id == otherMemberId))).MaxLoad);
    }
}
