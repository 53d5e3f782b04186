using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.IntegrationTests.Infrastructure;
using static ReviewPortal.IntegrationTests.Committee.CommitteeSteps;

namespace ReviewPortal.IntegrationTests.Committee;

/// <summary>A member keeps a profile per track: affiliations with years, e-mail domains, expertise, maximum load.</summary>
public sealed class ProfileTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    /// <summary>A track with a reviewer seated by the chair (the reviewer's client and e-mail).</summary>
    private async Task<(HttpClient Chair, Guid TrackId, HttpClient Member, string MemberEmail)> SeatedAsync()
    {
        var (chair, trackId, _) = await TrackAsync(app);
        var email = NewEmail("member");
        var member = await Accounts.SignedInClientAsync(app, email, "Mia Member");
        await Problems.JsonAsync(await chair.PostJsonAsync($"/api/v1/tracks/{trackId}/committee", new { email, role = "Reviewer" }));
        return (chair, trackId, member, email);
    }

    private static string ProfileUrl(Guid trackId) => $"/api/v1/tracks/{trackId}/committee/me/profile";

    [Fact]
    public async Task A_member_saves_their_profile_and_reads_it_back_normalised()
    {
        var (_, trackId, member, _) = await SeatedAsync();
        var saved = await Problems.JsonAsync(await member.PutAsJsonAsync(ProfileUrl(trackId), new
        {
            affiliations = new object[] { new { organisation = " Isovalent ", fromYear = 2022 }, new { organisation = "Facebook", fromYear = 2016, toYear = 2021 } },
            emailDomains = new[] { " @Isovalent.COM ", "isovalent.com", "fb.com" },
            expertiseTopics = new[] { "TCP", "verifier", "TCP" },
            expertiseKeywords = new[] { " libbpf ", "BTF", "btf", "", "CO-RE" },
            maxLoad = 6,
        }));

        Assert.Equal(["isovalent.com", "fb.com"], Strings(saved, "emailDomains"));
        Assert.Equal(["verifier", "TCP"], Strings(saved, "expertiseTopics")); // the track's order, each once
        Assert.Equal(["libbpf", "BTF", "CO-RE"], Strings(saved, "expertiseKeywords"));
        Assert.Equal(6, saved.GetProperty("maxLoad").GetInt32());
        var affiliations = saved.GetProperty("affiliations").EnumerateArray().ToList();
        Assert.Equal("Isovalent", affiliations[0].GetProperty("organisation").GetString());
        Assert.Equal(JsonValueKind.Null, affiliations[0].GetProperty("toYear").ValueKind);
        Assert.Equal(2021, affiliations[1].GetProperty("toYear").GetInt32());
        Assert.Equal(TestTracks.Topics, Strings(saved, "trackTopics"));

        var again = await Problems.JsonAsync(await member.GetAsync(new Uri(ProfileUrl(trackId), UriKind.Relative)));
        Assert.Equal(saved.ToString(), again.ToString());

        // Empty max load: back to the balanced default.
        var cleared = await Problems.JsonAsync(await member.PutAsJsonAsync(ProfileUrl(trackId), new { maxLoad = (int?)null }));
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("maxLoad").ValueKind);
    }

    private static string[] Strings(JsonElement e, string property) =>
        e.GetProperty(property).EnumerateArray().Select(x => x.GetString()!).ToArray();

    [Fact]
    public async Task Wrong_profile_entries_are_refused_field_by_field_and_nothing_is_saved()
    {
        var (_, trackId, member, email) = await SeatedAsync();
        var latest = app.Clock.GetUtcNow().Year + 1;
        var response = await member.PutAsJsonAsync(ProfileUrl(trackId), new
        {
            affiliations = new object[]
            {
                new { organisation = "Backwards", fromYear = 2021, toYear = 2016 },
                new { organisation = "Ancient", fromYear = 1800 },
                new { organisation = "  ", fromYear = 2020 },
                new { organisation = "Future", fromYear = latest + 5 },
            },
            emailDomains = new[] { "not a domain", "ok.org", "-bad-.org" },
            expertiseTopics = new[] { "Cooking" },
            expertiseKeywords = new[] { new string('k', 61) },
            maxLoad = -1,
        });

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        string First(string field) => errors.GetProperty(field)[0].GetString()!;
        Assert.Contains("cannot be before the first year", First("Affiliations[0].ToYear"), StringComparison.Ordinal);
        Assert.Contains($"between 1950 and {latest}", First("Affiliations[1].FromYear"), StringComparison.Ordinal);
        Assert.Contains("organisation's name", First("Affiliations[2].Organisation"), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("Affiliations[3].FromYear", out _));
        Assert.Contains("not an e-mail domain", First("EmailDomains[0]"), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("EmailDomains[2]", out _));
        Assert.False(errors.TryGetProperty("EmailDomains[1]", out _));
        Assert.Contains("\"Cooking\" is not a topic of this track", First("ExpertiseTopics[0]"), StringComparison.Ordinal);
        Assert.Contains("at most 60 characters", First("ExpertiseKeywords[0]"), StringComparison.Ordinal);
        Assert.Contains("between 0 and 200", First("MaxLoad"), StringComparison.Ordinal);

        var seat = await app.WithDbAsync(db => db.CommitteeMembers.AsNoTracking().SingleAsync(m => m.TrackId == trackId && m.Person.Email == email));
        Assert.Empty(seat.Affiliations);
        Assert.Empty(seat.ExpertiseTopics);
        Assert.Null(seat.MaxLoad);

        var tooMany = await member.PutAsJsonAsync(ProfileUrl(trackId), new
        {
            affiliations = Enumerable.Range(0, 21).Select(i => new { organisation = $"Org {i}" }),
            expertiseKeywords = Enumerable.Range(0, 51).Select(i => $"kw{i}"),
            maxLoad = 201,
        });
        Assert.Equal(["Affiliations", "ExpertiseKeywords", "MaxLoad"], (await Problems.FieldsAsync(tooMany)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_profile_page_saves_and_shows_errors_next_to_the_fields_with_the_line()
    {
        var (_, trackId, member, email) = await SeatedAsync();
        var page = await HtmlPage.GetAsync(member, $"/Committee/Profile?trackId={trackId}");
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);

        var refused = await HtmlPage.ParseAsync(await page.SubmitAsync(member, new Dictionary<string, string>
        {
            ["Input.Affiliations"] = "Isovalent, 2022–\nFacebook, 2021–2016",
            ["Input.EmailDomains"] = "isovalent.com, nonsense",
            ["Input.MaxLoad"] = "5",
        }));
        var errors = refused.FieldErrors();
        Assert.Contains("Line 2", errors["Input.Affiliations"], StringComparison.Ordinal);
        Assert.Contains("Line 2", errors["Input.EmailDomains"], StringComparison.Ordinal);

        var saved = await page.SubmitAsync(member, new Dictionary<string, string>
        {
            ["Input.Affiliations"] = "Isovalent, 2022–\nFacebook, 2016–2021",
            ["Input.EmailDomains"] = "isovalent.com",
            ["Input.ExpertiseTopics"] = "XDP/AF_XDP",
            ["Input.ExpertiseKeywords"] = "tc, XDP, tc",
            ["Input.MaxLoad"] = "",
        });
        Assert.True(HtmlPage.IsRedirect(saved), $"Saving answered {saved.StatusCode}");
        var seat = await app.WithDbAsync(db => db.CommitteeMembers.AsNoTracking().SingleAsync(m => m.TrackId == trackId && m.Person.Email == email));
        Assert.Equal(2, seat.Affiliations.Count);
        Assert.Equal(2016, seat.Affiliations[1].FromYear);
        Assert.Equal(["XDP/AF_XDP"], seat.ExpertiseTopics);
        Assert.Equal(["tc", "XDP"], seat.ExpertiseKeywords);
        Assert.Null(seat.MaxLoad);
    }

    [Fact]
    public async Task A_new_affiliation_in_the_profile_makes_a_conflict_with_that_organisations_proposals_at_once()
    {
        var (_, trackId, member, email) = await SeatedAsync();
        var speaker = await Accounts.SignedInClientAsync(app, NewEmail("speaker"), "Sue Speaker", affiliation: "Acme Networks Ltd.");
        var proposal = await Problems.JsonAsync(await speaker.PostJsonAsync($"/api/v1/tracks/{trackId}/proposals",
            new { title = "Acme's fast path", @abstract = "About it.", submit = true }), HttpStatusCode.Created);
        var proposalId = proposal.GetProperty("id").GetGuid();
        var personId = await app.WithDbAsync(db => db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync());
        Assert.False(await app.WithDbAsync(db => db.Conflicts.AnyAsync(c => c.SubmissionId == proposalId && c.PersonId == personId)));

        await Problems.JsonAsync(await member.PutAsJsonAsync(ProfileUrl(trackId), new { affiliations = new[] { new { organisation = "ACME Networks" } } }));

        var conflict = await app.WithDbAsync(db => db.Conflicts.AsNoTracking().SingleAsync(c => c.SubmissionId == proposalId && c.PersonId == personId));
        Assert.True(conflict.Active);
        Assert.Equal(ReviewPortal.Domain.Committee.ConflictKind.Organisation, conflict.Kind);
    }

    [Fact]
    public async Task Someone_not_on_the_committee_gets_403_an_unknown_track_404_and_only_the_chair_sees_all_profiles_and_sets_a_max_load()
    {
        var (chair, trackId, member, email) = await SeatedAsync();
        var stranger = await Accounts.SignedInClientAsync(app, NewEmail("stranger"), "Stranger");
        await Problems.AssertAsync(await stranger.GetAsync(new Uri(ProfileUrl(trackId), UriKind.Relative)), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await stranger.PutAsJsonAsync(ProfileUrl(trackId), new { maxLoad = 3 }), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await member.GetAsync(new Uri(ProfileUrl(Guid.NewGuid()), UriKind.Relative)), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await member.GetAsync(new Uri($"/api/v1/tracks/{trackId}/committee/profiles", UriKind.Relative)), HttpStatusCode.Forbidden);

        var memberId = await app.WithDbAsync(db => db.CommitteeMembers.Where(m => m.TrackId == trackId && m.Person.Email == email).Select(m => m.Id).SingleAsync());
        await Problems.AssertAsync(await member.PutAsJsonAsync($"/api/v1/tracks/{trackId}/committee/{memberId}/profile", new { maxLoad = 50 }), HttpStatusCode.Forbidden);
        var set = await Problems.JsonAsync(await chair.PutAsJsonAsync($"/api/v1/tracks/{trackId}/committee/{memberId}/profile", new { maxLoad = 4 }));
        Assert.Equal(4, set.GetProperty("maxLoad").GetInt32());
        var all = await Problems.JsonAsync(await chair.GetAsync(new Uri($"/api/v1/tracks/{trackId}/committee/profiles", UriKind.Relative)));
        Assert.Equal(2, all.GetArrayLength());
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.TrackId == trackId && a.Action == "committee.max-load-set")));
        await Problems.AssertAsync(await chair.PutAsJsonAsync($"/api/v1/tracks/{trackId}/committee/{Guid.NewGuid()}/profile", new { maxLoad = 4 }), HttpStatusCode.NotFound);

        // The chair's committee page lists the profile.
        var page = await HtmlPage.GetAsync(chair, $"/Chair/{trackId}/Committee");
        Assert.Contains("Mia Member", page.Document.QuerySelector("#members")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(new Uri($"/Chair/{trackId}/Committee", UriKind.Relative))).StatusCode);
    }
}
