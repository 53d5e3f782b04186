using System.Net;
using ReviewPortal.Domain.Committee;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Conflicts;

/// <summary>The conflict pages in the browser: the chair's matrix with reasons and actions, declaring on a proposal, the admin's alias table.</summary>
public sealed class ConflictPagesTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    [Fact]
    public async Task The_chair_reads_each_conflict_with_its_reason_in_the_matrix_and_lifts_one_with_a_reason()
    {
        var s = await ConflictScenario.CreateAsync(app);
        var (_, member, _) = await s.SeatAsync("Jakub Kicinski", "Facebook");
        var (_, proposal) = await s.SubmitAsync("Netdev at Meta", "Stanislav Fomichev", "Meta Platforms, Inc.");

        var page = await HtmlPage.GetAsync(s.Chair, $"/Chair/{s.TrackId}/Conflicts");
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Contains("Jakub Kicinski works at Facebook (now Meta); speaker Stanislav Fomichev: Meta Platforms, Inc.", page.Text, StringComparison.Ordinal);
        var cell = page.Document.QuerySelectorAll("table.matrix td").Single(td => td.TextContent.Trim() == "O");
        Assert.Contains("Organisation: Jakub Kicinski works at Facebook", cell.GetAttribute("title"), StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("div.matrix-scroll table.matrix"));

        var conflict = Assert.Single(await s.ConflictsAsync(proposal), c => c.PersonId == member);
        var refused = await page.SubmitAsync(s.Chair, new Dictionary<string, string> { ["reason"] = "", ["decision"] = "Lift" }, $"form[action*='{conflict.Id}']");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.True(Assert.Single(await s.ConflictsAsync(proposal), c => c.PersonId == member).Active);
        var lifted = await page.SubmitAsync(s.Chair, new Dictionary<string, string> { ["reason"] = "Different team.", ["decision"] = "Lift" }, $"form[action*='{conflict.Id}']");
        Assert.True(HtmlPage.IsRedirect(lifted), lifted.StatusCode.ToString());
        Assert.False(Assert.Single(await s.ConflictsAsync(proposal), c => c.PersonId == member).Active);
    }

    [Fact]
    public async Task A_member_declares_a_conflict_from_the_proposal_page_and_then_sees_only_the_title()
    {
        var s = await ConflictScenario.CreateAsync(app);
        var (member, personId, _) = await s.SeatAsync("Martin Lau", "Unrelated Org");
        var (_, proposal) = await s.SubmitAsync("sockets and cgroups", "Sam Speaker", "Elsewhere");
        await s.StartReviewPhaseAsync();

        var details = await HtmlPage.GetAsync(member, $"/Proposals/{proposal}");
        Assert.Contains("Declare a conflict of interest", details.Text, StringComparison.Ordinal);
        var form = await HtmlPage.GetAsync(member, $"/Proposals/{proposal}/Conflicts");
        var declared = await form.SubmitAsync(member, new Dictionary<string, string> { ["Reason"] = "My former student." });
        Assert.True(HtmlPage.IsRedirect(declared), declared.StatusCode.ToString());
        var row = Assert.Single(await s.ConflictsAsync(proposal), c => c.PersonId == personId);
        Assert.Equal((ConflictKind.Declared, ConflictSource.Declared), (row.Kind, row.Source));
        Assert.Contains("You have a conflict of interest", (await HtmlPage.GetAsync(member, $"/Proposals/{proposal}")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_adds_an_alias_and_the_tracks_conflicts_follow_and_a_chain_is_refused()
    {
        var s = await ConflictScenario.CreateAsync(app);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (_, member, _) = await s.SeatAsync("Old Name Member", $"Oldco{suffix}");
        var (_, proposal) = await s.SubmitAsync("Renamed company talk", "New Name Speaker", $"Newco{suffix} GmbH");
        Assert.DoesNotContain(await s.ConflictsAsync(proposal), c => c.PersonId == member);

        var admin = await Accounts.SignedInAdminAsync(app, $"admin-{Guid.NewGuid():N}@example.org", "Ada Admin");
        var page = await HtmlPage.GetAsync(admin, "/Admin/OrganisationAliases");
        Assert.Contains("Meta", page.Text, StringComparison.Ordinal);
        var saved = await page.SubmitAsync(admin, new Dictionary<string, string> { ["Alias"] = $"Oldco{suffix}", ["Canonical"] = $"Newco{suffix}" });
        Assert.True(HtmlPage.IsRedirect(saved), saved.StatusCode.ToString());
        var conflict = Assert.Single(await s.ConflictsAsync(proposal), c => c.PersonId == member);
        Assert.Equal($"Old Name Member works at Oldco{suffix} (now Newco{suffix}); speaker New Name Speaker: Newco{suffix} GmbH", conflict.Reason);

        var chain = await (await HtmlPage.GetAsync(admin, "/Admin/OrganisationAliases"))
            .SubmitAsync(admin, new Dictionary<string, string> { ["Alias"] = $"Newco{suffix}", ["Canonical"] = "Somebody Else" });
        Assert.Equal(HttpStatusCode.OK, chain.StatusCode);
        Assert.Contains("cannot itself be an alias", (await HtmlPage.ParseAsync(chain)).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Chair.GetAsync(new Uri("/api/v1/organisation-aliases", UriKind.Relative))).StatusCode);
    }
}
