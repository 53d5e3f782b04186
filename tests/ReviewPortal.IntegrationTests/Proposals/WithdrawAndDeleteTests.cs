using System.Net;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Proposals;

/// <summary>Withdrawing cannot be undone, so the app asks first and says who is told; a draft can be deleted.</summary>
public sealed class WithdrawAndDeleteTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>, IAsyncLifetime
{
    private Guid _trackId;

    public async ValueTask InitializeAsync()
    {
        var chairEmail = $"chair-{Guid.NewGuid():N}@example.org";
        await Accounts.SignedInClientAsync(app, chairEmail, "Chair Person");
        _trackId = await TestTracks.CreateAsync(app, chairEmail);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<(HttpClient Client, Guid Id, string Email)> ProposalAsync(bool submit, object[]? coSpeakers = null)
    {
        var email = $"speaker-{Guid.NewGuid():N}@example.org";
        var client = await Accounts.SignedInClientAsync(app, email, "Stan Speaker");
        var created = await Problems.JsonAsync(await client.PostJsonAsync($"/api/v1/tracks/{_trackId}/proposals", new
        {
            title = "Socket lookup with BPF", @abstract = "Steering connections.", topics = new[] { "TCP" }, coSpeakers = coSpeakers ?? [], submit,
        }), HttpStatusCode.Created);
        return (client, created.GetProperty("id").GetGuid(), email);
    }

    private Task<SubmissionStatus?> StatusAsync(Guid id) =>
        app.WithDbAsync(db => db.Submissions.Where(s => s.Id == id).Select(s => (SubmissionStatus?)s.Status).SingleOrDefaultAsync());

    [Fact]
    public async Task Withdraw_on_the_proposal_page_asks_first_naming_who_will_be_told_and_only_the_confirmation_withdraws()
    {
        var coEmail = $"co-{Guid.NewGuid():N}@example.net";
        var (client, id, email) = await ProposalAsync(submit: true, [new { name = "Grace Hopper", email = coEmail, affiliation = "Navy" }]);

        var details = await HtmlPage.GetAsync(client, $"/Proposals/{id}");
        Assert.Empty(details.Document.QuerySelectorAll("form[action*='handler=Withdraw']"));
        var link = details.Document.QuerySelector($"a[href='/Proposals/{id}/Withdraw']");
        Assert.NotNull(link);

        var confirm = await HtmlPage.GetAsync(client, $"/Proposals/{id}/Withdraw");
        Assert.Equal(HttpStatusCode.OK, confirm.Response.StatusCode);
        Assert.Contains("cannot be undone", confirm.Text, StringComparison.Ordinal);
        Assert.Contains("Stan Speaker", confirm.Text, StringComparison.Ordinal);
        Assert.Contains(email, confirm.Text, StringComparison.Ordinal);
        Assert.Contains("Grace Hopper", confirm.Text, StringComparison.Ordinal);
        Assert.Contains(coEmail, confirm.Text, StringComparison.Ordinal);
        Assert.Contains("committee sees the proposal as withdrawn", confirm.Text, StringComparison.Ordinal);
        Assert.Equal(SubmissionStatus.Submitted, await StatusAsync(id)); // looking is not withdrawing

        var answer = await confirm.SubmitAsync(client, new Dictionary<string, string>());
        Assert.True(HtmlPage.IsRedirect(answer), $"Expected a redirect, got {answer.StatusCode}");
        Assert.Equal(SubmissionStatus.Withdrawn, await StatusAsync(id));
        var told = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == "proposal.withdrawn" && (m.ToAddress == email || m.ToAddress == coEmail)).Select(m => m.ToAddress).ToListAsync());
        Assert.Equal([coEmail, email], told.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_old_one_click_withdraw_post_on_the_proposal_page_and_my_proposals_leads_to_the_confirmation_and_withdraws_nothing()
    {
        var (client, id, _) = await ProposalAsync(submit: true);
        var details = await HtmlPage.GetAsync(client, $"/Proposals/{id}");
        var token = details.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        foreach (var url in new[] { $"/Proposals/{id}?handler=Withdraw", $"/Proposals?id={id}&handler=Withdraw" })
        {
            var answer = await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
            Assert.True(HtmlPage.IsRedirect(answer), $"{url}: {answer.StatusCode}");
            Assert.Equal($"/Proposals/{id}/Withdraw", answer.Headers.Location?.OriginalString);
        }

        Assert.Equal(SubmissionStatus.Submitted, await StatusAsync(id));
    }

    [Fact]
    public async Task A_speaker_deletes_a_draft_through_the_api_but_not_a_submitted_proposal_and_nobody_else_can()
    {
        var (client, draft, _) = await ProposalAsync(submit: false);
        var (submitter, submitted, _) = await ProposalAsync(submit: true);
        var other = await Accounts.SignedInClientAsync(app, $"other-{Guid.NewGuid():N}@example.org");

        await Problems.AssertAsync(await other.DeleteAsync(new Uri($"/api/v1/proposals/{draft}", UriKind.Relative)), HttpStatusCode.NotFound);
        Assert.Equal(SubmissionStatus.Draft, await StatusAsync(draft));

        var deleted = await client.DeleteAsync(new Uri($"/api/v1/proposals/{draft}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(await StatusAsync(draft));
        await Problems.AssertAsync(await client.DeleteAsync(new Uri($"/api/v1/proposals/{draft}", UriKind.Relative)), HttpStatusCode.NotFound);

        var refused = await Problems.AssertAsync(await submitter.DeleteAsync(new Uri($"/api/v1/proposals/{submitted}", UriKind.Relative)), HttpStatusCode.Conflict);
        Assert.Contains("withdraw it instead", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(SubmissionStatus.Submitted, await StatusAsync(submitted));
    }

    [Fact]
    public async Task A_draft_is_deleted_from_its_page_after_a_confirmation()
    {
        var (client, id, _) = await ProposalAsync(submit: false);
        var details = await HtmlPage.GetAsync(client, $"/Proposals/{id}");
        Assert.NotNull(details.Document.QuerySelector($"a[href='/Proposals/{id}/Delete']"));

        var confirm = await HtmlPage.GetAsync(client, $"/Proposals/{id}/Delete");
        Assert.Contains("cannot be undone", confirm.Text, StringComparison.Ordinal);
        Assert.Equal(SubmissionStatus.Draft, await StatusAsync(id));
        var answer = await confirm.SubmitAsync(client, new Dictionary<string, string>());
        Assert.Equal("/Proposals", answer.Headers.Location?.OriginalString);
        Assert.Null(await StatusAsync(id));
    }
}
