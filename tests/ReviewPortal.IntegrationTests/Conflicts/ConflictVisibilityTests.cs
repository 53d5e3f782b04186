using System.Net;
using System.Net.Http.Json;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Conflicts;

/// <summary>
/// The visibility policy through the real HTTP stack: a conflicted member or chair sees only a proposal's title (page,
/// API, the chair's list and export) and cannot manage its conflicts; another chair or an admin can; anyone the
/// proposal is not for gets 404.
/// </summary>
public sealed class ConflictVisibilityTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private const string Abstract = "The abstract of Cilium datapath internals.";
    private const string Notes = "Notes for the committee on Cilium datapath internals.";

    [Fact]
    public async Task A_conflicted_member_sees_only_the_title_and_their_conflict_on_the_page_and_in_the_api()
    {
        var s = await ConflictScenario.CreateAsync(app);
        var (member, _, _) = await s.SeatAsync("Ivan Isovalent", "Isovalent");
        var (plain, _, _) = await s.SeatAsync("Una Unrelated", "Unrelated Corp");
        var (_, proposal) = await s.SubmitAsync("Cilium datapath internals", "John Fastabend", "Isovalent Inc.", ("Co Speaker", $"co-{Guid.NewGuid():N}@example.org", null));
        await s.StartReviewPhaseAsync();

        var page = await HtmlPage.GetAsync(member, $"/Proposals/{proposal}");
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Contains("Cilium datapath internals", page.Text, StringComparison.Ordinal);
        Assert.Contains("You have a conflict of interest with this proposal", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Abstract, page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Notes, page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("John Fastabend", page.Text, StringComparison.Ordinal);

        var json = await Problems.JsonAsync(await member.GetAsync(new Uri($"/api/v1/proposals/{proposal}", UriKind.Relative)));
        Assert.Equal("Cilium datapath internals", json.GetProperty("title").GetString());
        Assert.True(json.GetProperty("hasConflict").GetBoolean());
        Assert.Equal("", json.GetProperty("abstract").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("notes").ValueKind);
        Assert.Empty(json.GetProperty("speakers").EnumerateArray());
        Assert.DoesNotContain("Fastabend", json.GetRawText(), StringComparison.Ordinal);

        // An unconflicted member of the same committee reads it all.
        var full = await HtmlPage.GetAsync(plain, $"/Proposals/{proposal}");
        Assert.Contains(Abstract, full.Text, StringComparison.Ordinal);
        Assert.Contains("John Fastabend", full.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conflicted_chair_sees_only_the_title_in_the_list_and_export_and_another_chair_or_an_admin_manages_its_conflicts()
    {
        var s = await ConflictScenario.CreateAsync(app, "Daniel Borkmann", "Isovalent");
        var (coChair, _, _) = await s.SeatAsync("Co Chair", "Elsewhere Ltd", "Chair");
        var (_, member, _) = await s.SeatAsync("Mona Member", "Isovalent");
        var (_, proposal) = await s.SubmitAsync("Cilium datapath internals", "John Fastabend", "Isovalent Inc.");
        await s.SubmitAsync("Unrelated netdev talk", "Nina Netdev", "Netdev Ltd");

        var list = await HtmlPage.GetAsync(s.Chair, $"/Chair/{s.TrackId}/Proposals");
        Assert.Contains("Cilium datapath internals", list.Text, StringComparison.Ordinal);
        Assert.Contains("You have a conflict of interest", list.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("John Fastabend", list.Text, StringComparison.Ordinal);
        Assert.Contains("Nina Netdev", list.Text, StringComparison.Ordinal);
        var api = await Problems.JsonAsync(await s.Chair.GetAsync(new Uri($"/api/v1/tracks/{s.TrackId}/proposals", UriKind.Relative)));
        var row = Assert.Single(api.GetProperty("proposals").EnumerateArray(), r => r.GetProperty("id").GetGuid() == proposal);
        Assert.Equal("", row.GetProperty("speakers").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, row.GetProperty("status").ValueKind);
        Assert.True(row.GetProperty("hasConflict").GetBoolean());
        // Searching by the speaker does not find the row either.
        var search = await Problems.JsonAsync(await s.Chair.GetAsync(new Uri($"/api/v1/tracks/{s.TrackId}/proposals?q=Fastabend", UriKind.Relative)));
        Assert.Empty(search.GetProperty("proposals").EnumerateArray());

        var export = await s.Chair.GetStringAsync(new Uri($"/api/v1/tracks/{s.TrackId}/proposals/export.json", UriKind.Relative));
        Assert.Contains("Cilium datapath internals", export, StringComparison.Ordinal);
        Assert.DoesNotContain("Fastabend", export, StringComparison.Ordinal);
        Assert.DoesNotContain(Abstract, export, StringComparison.Ordinal);
        Assert.Contains("Nina Netdev", export, StringComparison.Ordinal);
        var csv = await s.Chair.GetStringAsync(new Uri($"/api/v1/tracks/{s.TrackId}/proposals/export.csv", UriKind.Relative));
        Assert.DoesNotContain("Fastabend", csv, StringComparison.Ordinal);

        // The conflicted chair does not see the proposal's conflicts and may not change them; the co-chair and an admin can.
        Assert.DoesNotContain(await s.ApiConflictsAsync(s.Chair), r => r.GetProperty("proposalId").GetGuid() == proposal);
        var conflict = Assert.Single(await s.ConflictsAsync(proposal), c => c.PersonId == member);
        await Problems.AssertAsync(await s.Chair.PutAsJsonAsync($"/api/v1/conflicts/{conflict.Id}", new { decision = "Lift", reason = "Mine to decide?" }), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await s.Chair.PostAsJsonAsync($"/api/v1/proposals/{proposal}/conflicts/chair", new { personId = member, reason = "x" }), HttpStatusCode.Forbidden);
        Assert.Contains(await s.ApiConflictsAsync(coChair), r => r.GetProperty("proposalId").GetGuid() == proposal && r.GetProperty("personId").GetGuid() == s.ChairId);
        Assert.Equal(HttpStatusCode.NoContent, (await coChair.PutAsJsonAsync($"/api/v1/conflicts/{conflict.Id}", new { decision = "Confirm", reason = "Same company." })).StatusCode);
        var admin = await Accounts.SignedInAdminAsync(app, $"admin-{Guid.NewGuid():N}@example.org", "Ada Admin");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/conflicts/{conflict.Id}", new { decision = "Lift", reason = "Left the company." })).StatusCode);
    }

    [Fact]
    public async Task Sorting_the_chairs_list_by_a_hidden_column_does_not_place_a_conflicted_row_by_what_it_hides()
    {
        var s = await ConflictScenario.CreateAsync(app, "Daniel Borkmann", "Isovalent");
        var (_, conflicted) = await s.SubmitAsync("Cilium datapath internals", "John Fastabend", "Isovalent Inc.");
        await s.SubmitAsync("First netdev talk", "Aaron Aardvark", "Netdev Ltd");
        await s.SubmitAsync("Last netdev talk", "Zoe Zebra", "Other Ltd");

        foreach (var sort in new[] { "speakers", "state", "duration" })
        {
            foreach (var dir in new[] { "asc", "desc" })
            {
                var json = await Problems.JsonAsync(await s.Chair.GetAsync(new Uri($"/api/v1/tracks/{s.TrackId}/proposals?sort={sort}&dir={dir}", UriKind.Relative)));
                var ids = json.GetProperty("proposals").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
                // "John" would sit between "Aaron" and "Zoe": a conflicted row goes to one end instead, whatever it hides.
                Assert.True(ids[0] == conflicted || ids[^1] == conflicted, $"sorted by {sort} {dir}, the conflicted row is at position {ids.IndexOf(conflicted)} of {ids.Count}");
            }
        }
    }

    [Fact]
    public async Task A_member_of_another_track_and_an_anonymous_visitor_get_404_for_a_proposal()
    {
        var s = await ConflictScenario.CreateAsync(app);
        var (_, proposal) = await s.SubmitAsync("A private proposal", "Pat Private", null);
        await s.StartReviewPhaseAsync();
        var other = await ConflictScenario.CreateAsync(app, "Other Chair");
        var (otherMember, _, _) = await other.SeatAsync("Other Member", null);

        await Problems.AssertAsync(await otherMember.GetAsync(new Uri($"/api/v1/proposals/{proposal}", UriKind.Relative)), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await otherMember.GetAsync(new Uri($"/Proposals/{proposal}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Chair.GetAsync(new Uri($"/Proposals/{proposal}", UriKind.Relative))).StatusCode);
        var anonymous = app.CreateBrowserClient();
        var response = await anonymous.GetAsync(new Uri($"/api/v1/proposals/{proposal}", UriKind.Relative));
        await Problems.AssertAsync(response, HttpStatusCode.NotFound);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri($"/Proposals/{proposal}", UriKind.Relative))).StatusCode);
    }
}
