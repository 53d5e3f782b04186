using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Proposals;

public sealed class SpeakerProposalTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>, IAsyncLifetime
{
    private Guid _trackId;

    public async ValueTask InitializeAsync()
    {
        var chairEmail = $"chair-{Guid.NewGuid():N}@example.org";
        await Accounts.SignedInClientAsync(app, chairEmail, "Chair Person");
        _trackId = await TestTracks.CreateAsync(app, chairEmail);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static object Proposal(string title = "XDP metadata hints", object[]? coSpeakers = null, string[]? topics = null, bool submit = false,
        string abstractText = "How drivers expose *hardware hints* to XDP programs.") =>
        new { title, @abstract = abstractText, notes = "Needs a projector.", topics = topics ?? ["XDP/AF_XDP"], coSpeakers = coSpeakers ?? [], submit };

    private async Task<(HttpClient Client, JsonElement Proposal)> SpeakerWithProposalAsync(bool submit = false, object[]? coSpeakers = null)
    {
        var client = await Accounts.SignedInClientAsync(app, $"speaker-{Guid.NewGuid():N}@example.org", "Stan Speaker", "Google");
        var created = await client.PostJsonAsync($"/api/v1/tracks/{_trackId}/proposals", Proposal(submit: submit, coSpeakers: coSpeakers));
        return (client, await Problems.JsonAsync(created, HttpStatusCode.Created));
    }

    private Task<int> CountAsync() => app.WithDbAsync(db => db.Submissions.CountAsync(s => s.TrackId == _trackId));

    [Fact]
    public async Task A_speaker_saves_a_draft_then_submits_it_and_gets_a_confirmation_mail()
    {
        var (client, proposal) = await SpeakerWithProposalAsync();
        Assert.Equal("Draft", proposal.GetProperty("status").GetString());
        Assert.True(proposal.GetProperty("canSubmit").GetBoolean());
        var speaker = proposal.GetProperty("speakers")[0];
        Assert.Equal("Stan Speaker", speaker.GetProperty("name").GetString());
        Assert.Equal("Google", speaker.GetProperty("affiliation").GetString());

        var id = proposal.GetProperty("id").GetGuid();
        var submitted = await Problems.JsonAsync(await client.PostAsync(new Uri($"/api/v1/proposals/{id}/submit", UriKind.Relative), null));
        Assert.Equal("Submitted", submitted.GetProperty("status").GetString());

        // Other tests of this class submit proposals with the same title from other addresses: look at this speaker's mail only.
        var address = speaker.GetProperty("email").GetString()!;
        Task<List<Domain.Outbox.OutboxMessage>> SubmittedMailsAsync() => app.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == "proposal.submitted" && m.ToAddress == address).ToListAsync());
        var mail = Assert.Single(await SubmittedMailsAsync());
        Assert.Contains("XDP metadata hints", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("America/New_York", mail.TextBody, StringComparison.Ordinal);

        // Submitting again changes nothing and mails nobody twice.
        await Problems.JsonAsync(await client.PostAsync(new Uri($"/api/v1/proposals/{id}/submit", UriKind.Relative), null));
        Assert.Single(await SubmittedMailsAsync());

        var mine = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/proposals");
        var row = Assert.Single(mine.EnumerateArray());
        Assert.Equal("Submitted", row.GetProperty("status").GetString());
        Assert.True(row.GetProperty("canEdit").GetBoolean());
        Assert.True(row.GetProperty("canWithdraw").GetBoolean());
    }

    [Fact]
    public async Task Another_speaker_and_an_anonymous_reader_get_404_for_a_proposal_and_an_anonymous_change_is_401()
    {
        var (_, proposal) = await SpeakerWithProposalAsync(submit: true);
        var id = proposal.GetProperty("id").GetGuid();

        var other = await Accounts.SignedInClientAsync(app, $"other-{Guid.NewGuid():N}@example.org");
        await Problems.AssertAsync(await other.GetAsync(new Uri($"/api/v1/proposals/{id}", UriKind.Relative)), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await other.PutAsJsonAsync($"/api/v1/proposals/{id}",
            new { version = proposal.GetProperty("version").GetUInt32(), title = "Hijacked", @abstract = "x" }), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await other.PostAsync(new Uri($"/api/v1/proposals/{id}/withdraw", UriKind.Relative), null), HttpStatusCode.NotFound);

        // Reading: the visibility policy hides every proposal from anonymous callers, as if it did not exist (404).
        await Problems.AssertAsync(await app.CreateClient().GetAsync(new Uri($"/api/v1/proposals/{id}", UriKind.Relative)), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await app.CreateClient().PostAsync(new Uri($"/api/v1/proposals/{id}/withdraw", UriKind.Relative), null), HttpStatusCode.Unauthorized);
        var page = await app.CreateBrowserClient().GetAsync(new Uri($"/Proposals/{id}", UriKind.Relative));
        Assert.True(HtmlPage.IsRedirect(page));
        Assert.Contains("/Account/Login", page.Headers.Location!.ToString(), StringComparison.Ordinal);

        Assert.Equal("XDP metadata hints", await app.WithDbAsync(db => db.Submissions.Where(s => s.Id == id).Select(s => s.Title).SingleAsync()));
    }

    [Fact]
    public async Task Invalid_proposals_are_a_400_naming_each_field_and_store_nothing()
    {
        var client = await Accounts.SignedInClientAsync(app, $"invalid-{Guid.NewGuid():N}@example.org");
        var before = await CountAsync();
        var url = $"/api/v1/tracks/{_trackId}/proposals";

        Assert.Contains("Title", await Problems.FieldsAsync(await client.PostJsonAsync(url, Proposal(title: ""))));
        Assert.Contains("Title", await Problems.FieldsAsync(await client.PostJsonAsync(url, Proposal(title: new string('t', 201)))));
        Assert.Contains("Abstract", await Problems.FieldsAsync(await client.PostJsonAsync(url, Proposal(abstractText: ""))));
        Assert.Contains("Abstract", await Problems.FieldsAsync(await client.PostJsonAsync(url, Proposal(abstractText: new string('a', 5_001)))));
        Assert.Contains("Topics", await Problems.FieldsAsync(await client.PostJsonAsync(url, Proposal(topics: ["cooking"]))));
        Assert.Contains("CoSpeakers[0].Email", await Problems.FieldsAsync(await client.PostJsonAsync(url,
            Proposal(coSpeakers: [new { name = "Bad Mail", email = "not-an-address", affiliation = "X" }]))));
        var six = Enumerable.Range(1, 5).Select(i => (object)new { name = $"Co {i}", email = $"co{i}@example.org", affiliation = "X" }).ToArray();
        var tooMany = await Problems.AssertAsync(await client.PostJsonAsync(url, Proposal(coSpeakers: six)), HttpStatusCode.BadRequest);
        Assert.Contains("at most 5 speakers", tooMany.GetProperty("errors").GetProperty("CoSpeakers")[0].GetString(), StringComparison.Ordinal);

        Assert.Equal(before, await CountAsync());
        Assert.False(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == "co1@example.org")));
    }

    [Fact]
    public async Task Concurrent_edits_give_the_second_writer_409_and_keep_the_first_writers_change()
    {
        var (client, proposal) = await SpeakerWithProposalAsync(submit: true);
        var id = proposal.GetProperty("id").GetGuid();
        var version = proposal.GetProperty("version").GetUInt32();

        var first = await client.PutAsJsonAsync($"/api/v1/proposals/{id}",
            new { version, title = "XDP hints, first edit", @abstract = "First writer's abstract.", topics = new[] { "XDP/AF_XDP" } });
        var updated = await Problems.JsonAsync(first);
        Assert.NotEqual(version, updated.GetProperty("version").GetUInt32());

        var second = await client.PutAsJsonAsync($"/api/v1/proposals/{id}",
            new { version, title = "XDP hints, stale edit", @abstract = "Second writer's abstract.", topics = new[] { "TCP" } });
        var conflict = await Problems.AssertAsync(second, HttpStatusCode.Conflict);
        Assert.Contains("Someone else changed this", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var stored = await app.WithDbAsync(db => db.Submissions.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal("XDP hints, first edit", stored.Title);
        Assert.Equal(["XDP/AF_XDP"], stored.Topics);
    }

    [Fact]
    public async Task A_double_click_or_retried_request_creates_one_proposal()
    {
        var client = await Accounts.SignedInClientAsync(app, $"retry-{Guid.NewGuid():N}@example.org");
        var key = Guid.NewGuid();
        async Task<HttpResponseMessage> Send()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tracks/{_trackId}/proposals")
            {
                Content = JsonContent.Create(Proposal(title: "Retried submission", submit: true)),
            };
            request.Headers.Add("Idempotency-Key", key.ToString());
            return await client.SendAsync(request);
        }

        var responses = await Task.WhenAll(Send(), Send(), Send());
        var ids = new List<Guid>();
        foreach (var response in responses)
            ids.Add((await Problems.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetGuid());

        Assert.Single(ids.Distinct());
        Assert.Equal(1, await app.WithDbAsync(db => db.Submissions.CountAsync(s => s.Title == "Retried submission")));
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "proposal.submitted" && m.Subject.Contains("Retried submission"))));
    }

    [Fact]
    public async Task Script_in_an_abstract_is_not_rendered_as_active_content()
    {
        var client = await Accounts.SignedInClientAsync(app, $"xss-{Guid.NewGuid():N}@example.org");
        var created = await Problems.JsonAsync(await client.PostJsonAsync($"/api/v1/tracks/{_trackId}/proposals", Proposal(
            title: "Sneaky",
            abstractText: "Hello <script>alert('owned')</script> and [click me](javascript:alert(1)) and <img src=x onerror=alert(2)> **bold**")), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.DoesNotContain("<script", created.GetProperty("abstractHtml").GetString(), StringComparison.OrdinalIgnoreCase);

        var page = await HtmlPage.GetAsync(client, $"/Proposals/{id}");
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Empty(page.Document.QuerySelectorAll("main script"));
        Assert.DoesNotContain(page.Document.QuerySelectorAll("main a[href]"), a => a.GetAttribute("href")!.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(page.Document.QuerySelectorAll("main [onerror]"));
        Assert.NotNull(page.Document.QuerySelector("main strong"));
    }

    [Fact]
    public async Task Withdrawal_works_until_a_decision_is_released_and_is_refused_after()
    {
        var (client, first) = await SpeakerWithProposalAsync(submit: true);
        var withdrawn = await Problems.JsonAsync(await client.PostAsync(new Uri($"/api/v1/proposals/{first.GetProperty("id").GetGuid()}/withdraw", UriKind.Relative), null));
        Assert.Equal("Withdrawn", withdrawn.GetProperty("status").GetString());
        var speakerEmail = first.GetProperty("speakers")[0].GetProperty("email").GetString();
        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Kind == "proposal.withdrawn" && m.ToAddress == speakerEmail)));

        var created = await Problems.JsonAsync(await client.PostJsonAsync($"/api/v1/tracks/{_trackId}/proposals", Proposal(title: "Decided talk", submit: true)), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        // The committee decides and the chair releases (those use cases come with the review issue; the domain rules are real).
        await app.WithDbAsync(async db =>
        {
            var s = await db.Submissions.Include(x => x.Track).SingleAsync(x => x.Id == id);
            s.StartReview(app.Clock.GetUtcNow());
            s.Decide(SubmissionStatus.Rejected, null, app.Clock.GetUtcNow());
            s.ReleaseDecision(app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });

        var refused = await Problems.AssertAsync(await client.PostAsync(new Uri($"/api/v1/proposals/{id}/withdraw", UriKind.Relative), null), HttpStatusCode.Conflict);
        Assert.Contains("decision on this proposal has been released", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(SubmissionStatus.Rejected, await app.WithDbAsync(db => db.Submissions.Where(s => s.Id == id).Select(s => s.Status).SingleAsync()));
    }

    [Fact]
    public async Task An_unreleased_decision_looks_like_review_to_the_speaker_and_can_still_be_withdrawn()
    {
        var (client, created) = await SpeakerWithProposalAsync(submit: true);
        var id = created.GetProperty("id").GetGuid();
        await app.WithDbAsync(async db =>
        {
            var s = await db.Submissions.Include(x => x.Track).SingleAsync(x => x.Id == id);
            s.StartReview(app.Clock.GetUtcNow());
            s.Decide(SubmissionStatus.Accepted, null, app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });

        var seen = await client.GetFromJsonAsync<JsonElement>($"/api/v1/proposals/{id}");
        Assert.Equal("UnderReview", seen.GetProperty("status").GetString());
        var withdrawn = await Problems.JsonAsync(await client.PostAsync(new Uri($"/api/v1/proposals/{id}/withdraw", UriKind.Relative), null));
        Assert.Equal("Withdrawn", withdrawn.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_co_speaker_with_an_account_sees_the_proposal_and_one_without_is_invited_and_sees_it_after_registering()
    {
        var coEmail = $"co-{Guid.NewGuid():N}@example.org";
        var co = await Accounts.SignedInClientAsync(app, coEmail, "Co Speaker");
        var invitedEmail = $"invited-{Guid.NewGuid():N}@example.org";
        var (_, proposal) = await SpeakerWithProposalAsync(submit: true, coSpeakers:
        [
            new { name = "Co Speaker", email = coEmail, affiliation = "Meta" },
            new { name = "Invited Person", email = invitedEmail, affiliation = "Isovalent" },
        ]);
        var id = proposal.GetProperty("id").GetGuid();

        var seenByCo = await Problems.JsonAsync(await co.GetAsync(new Uri($"/api/v1/proposals/{id}", UriKind.Relative)));
        Assert.Equal(3, seenByCo.GetProperty("speakers").GetArrayLength());
        Assert.Single((await co.GetFromJsonAsync<JsonElement>("/api/v1/me/proposals")).EnumerateArray());
        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == coEmail && m.Kind == "proposal.co-speaker-added")));

        var invitation = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == invitedEmail && m.Kind == "proposal.co-speaker-invited"));
        Assert.Contains("/Account/Register?email=", invitation.TextBody, StringComparison.Ordinal);
        var invited = await Accounts.SignedInClientAsync(app, invitedEmail, "Invited Person");
        var seenByInvited = await Problems.JsonAsync(await invited.GetAsync(new Uri($"/api/v1/proposals/{id}", UriKind.Relative)));
        Assert.Equal("XDP metadata hints", seenByInvited.GetProperty("title").GetString());
    }
}
