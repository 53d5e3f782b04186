using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Proposals;

/// <summary>Co-speakers get one mail per event, saying what they can do; a removed one is told; a linked one's affiliation shows.</summary>
public sealed class CoSpeakerMailTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>, IAsyncLifetime
{
    private Guid _trackId;

    public async ValueTask InitializeAsync()
    {
        var chairEmail = $"chair-{Guid.NewGuid():N}@example.org";
        await Accounts.SignedInClientAsync(app, chairEmail, "Chair Person");
        _trackId = await TestTracks.CreateAsync(app, chairEmail);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<List<Domain.Outbox.OutboxMessage>> MailsToAsync(string address) =>
        app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == address).OrderBy(m => m.CreatedUtc).ToListAsync());

    private static object Proposal(bool submit, params object[] coSpeakers) =>
        new { title = "Packet steering", @abstract = "RSS and RPS.", topics = new[] { "TCP" }, coSpeakers, submit };

    [Fact]
    public async Task A_co_speaker_of_a_proposal_submitted_at_once_gets_one_mail_that_says_it_is_submitted()
    {
        var coEmail = $"co-{Guid.NewGuid():N}@example.org";
        await Accounts.SignedInClientAsync(app, coEmail, "Co Speaker");
        var invitedEmail = $"invited-{Guid.NewGuid():N}@example.org";
        var speaker = await Accounts.SignedInClientAsync(app, $"speaker-{Guid.NewGuid():N}@example.org", "Stan Speaker");

        await Problems.JsonAsync(await speaker.PostJsonAsync($"/api/v1/tracks/{_trackId}/proposals", Proposal(true,
            new { name = "Co Speaker", email = coEmail, affiliation = "Meta" },
            new { name = "Invited Person", email = invitedEmail, affiliation = (string?)null })), HttpStatusCode.Created);

        var co = Assert.Single(await MailsToAsync(coEmail), m => m.Kind.StartsWith("proposal.", StringComparison.Ordinal));
        Assert.Equal("proposal.co-speaker-added", co.Kind);
        Assert.Contains("submitted to the program committee", co.TextBody, StringComparison.Ordinal);
        var invited = Assert.Single(await MailsToAsync(invitedEmail));
        Assert.Equal("proposal.co-speaker-invited", invited.Kind);
        Assert.Contains("register first", invited.TextBody, StringComparison.Ordinal);
        Assert.Contains("/Account/Register?email=", invited.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invited_co_speaker_without_an_account_is_told_to_register_when_the_draft_is_submitted()
    {
        var invitedEmail = $"invited-{Guid.NewGuid():N}@example.org";
        var speaker = await Accounts.SignedInClientAsync(app, $"speaker-{Guid.NewGuid():N}@example.org", "Stan Speaker");
        var draft = await Problems.JsonAsync(await speaker.PostJsonAsync($"/api/v1/tracks/{_trackId}/proposals",
            Proposal(false, new { name = "Invited Person", email = invitedEmail, affiliation = "Isovalent" })), HttpStatusCode.Created);
        await Problems.JsonAsync(await speaker.PostAsync(new Uri($"/api/v1/proposals/{draft.GetProperty("id").GetGuid()}/submit", UriKind.Relative), null));

        var submitted = Assert.Single(await MailsToAsync(invitedEmail), m => m.Kind == "proposal.submitted");
        Assert.Contains("Register first", submitted.TextBody, StringComparison.Ordinal);
        Assert.Contains("/Account/Register?email=", submitted.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/Proposals/", submitted.TextBody, StringComparison.Ordinal); // a link they could not open
    }

    [Fact]
    public async Task A_removed_co_speaker_is_told_and_nobody_else_gets_mail_for_the_edit()
    {
        var goneEmail = $"gone-{Guid.NewGuid():N}@example.org";
        var speakerEmail = $"speaker-{Guid.NewGuid():N}@example.org";
        var speaker = await Accounts.SignedInClientAsync(app, speakerEmail, "Stan Speaker");
        var created = await Problems.JsonAsync(await speaker.PostJsonAsync($"/api/v1/tracks/{_trackId}/proposals",
            Proposal(false, new { name = "Gone Soon", email = goneEmail, affiliation = "X" })), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();

        await Problems.JsonAsync(await speaker.PutAsJsonAsync($"/api/v1/proposals/{id}", new
        {
            version = created.GetProperty("version").GetUInt32(), title = "Packet steering", @abstract = "RSS and RPS.", topics = new[] { "TCP" }, coSpeakers = Array.Empty<object>(),
        }));

        var removed = Assert.Single(await MailsToAsync(goneEmail), m => m.Kind == "proposal.co-speaker-removed");
        Assert.Contains("Stan Speaker removed you", removed.TextBody, StringComparison.Ordinal);
        Assert.Contains("Packet steering", removed.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(await MailsToAsync(speakerEmail), m => m.Kind.StartsWith("proposal.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_linked_co_speakers_affiliation_comes_from_their_profile_on_the_proposal_page()
    {
        var coEmail = $"co-{Guid.NewGuid():N}@example.org";
        await Accounts.SignedInClientAsync(app, coEmail, "Co Speaker", affiliation: "Isovalent");
        var speaker = await Accounts.SignedInClientAsync(app, $"speaker-{Guid.NewGuid():N}@example.org", "Stan Speaker");
        var created = await Problems.JsonAsync(await speaker.PostJsonAsync($"/api/v1/tracks/{_trackId}/proposals",
            Proposal(false, new { name = "Co Speaker", email = coEmail, affiliation = (string?)null })), HttpStatusCode.Created);

        var page = await HtmlPage.GetAsync(speaker, $"/Proposals/{created.GetProperty("id").GetGuid()}");
        Assert.Contains("Co Speaker (Isovalent)", page.Text, StringComparison.Ordinal);
    }
}
