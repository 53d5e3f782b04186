using System.Net;
using System.Net.Http.Json;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Performance;

/// <summary>
/// The signed-in pages that must serve 2,000 requests/s (DESIGN.md) ask the database a small, fixed number of
/// times: no query per row, none for the header or navigation on every page. Counted, not timed.
/// </summary>
public sealed class QueriesPerPageTests(StatementCountingApp app) : IClassFixture<StatementCountingApp>, IAsyncLifetime
{
    /// <summary>Access check with the track, counts per state, the rows with their speakers.</summary>
    private const int ChairListStatements = 3;

    /// <summary>
    /// The proposal with its track, conference, speakers and the reader's seat; one spare for a session lookup. The
    /// committee's view adds the discussion section: its access check and its comments (2); its speakers' view does not.
    /// </summary>
    private const int ProposalPageStatements = 2;

    private const int DiscussionStatements = 2;

    private Guid _trackId;
    private HttpClient _chair = null!;
    private HttpClient _speaker = null!;
    private Guid _proposalId;

    public async ValueTask InitializeAsync()
    {
        var chairEmail = $"chair-{Guid.NewGuid():N}@example.org";
        _chair = await Accounts.SignedInClientAsync(app, chairEmail, "Quentin Chair");
        _trackId = await TestTracks.CreateAsync(app, chairEmail);
        _speaker = await Accounts.SignedInClientAsync(app, $"speaker-{Guid.NewGuid():N}@example.org", "Sally Speaker", "Kernel Inc.");
        _proposalId = await SubmitAsync(_speaker, "Counting queries with BPF", coSpeakers: 2);
        await SubmitAsync(_speaker, "A second talk", coSpeakers: 0);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<Guid> SubmitAsync(HttpClient client, string title, int coSpeakers)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/tracks/{_trackId}/proposals", new
        {
            title,
            @abstract = $"About *{title}*, with a [link](https://example.org) and a list:\n\n- one\n- two\n",
            topics = new[] { "tracing" },
            coSpeakers = Enumerable.Range(0, coSpeakers).Select(i => new { name = $"Co Speaker {i}", email = $"co-{i}-{Guid.NewGuid():N}@example.org" }).ToArray(),
            submit = true,
        });
        return (await Problems.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    private async Task<IReadOnlyList<string>> StatementsForPageAsync(HttpClient client, string url, string expectedText)
    {
        // The first request of a session may fill caches (navigation, session); the steady state is what counts.
        await app.GetCountingAsync(client, url);
        var (response, statements) = await app.GetCountingAsync(client, url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ParseAsync(response);
        Assert.Contains(expectedText, page.Text, StringComparison.Ordinal);
        return statements;
    }

    private static string Listing(IReadOnlyList<string> statements) =>
        $"{statements.Count} statements:\n" + string.Join("\n---\n", statements);

    [Fact]
    public async Task The_chairs_list_asks_the_database_the_same_few_times_however_many_proposals_it_shows()
    {
        var url = $"/Chair/{_trackId}/Proposals";
        var before = await StatementsForPageAsync(_chair, url, "Counting queries with BPF");
        Assert.True(before.Count <= ChairListStatements, Listing(before));

        for (var i = 0; i < 4; i++)
            await SubmitAsync(_speaker, $"More proposals {i}", coSpeakers: i % 3);
        var after = await StatementsForPageAsync(_chair, url, "More proposals 3");
        Assert.True(after.Count == before.Count, $"With 4 more proposals: {Listing(after)}");
    }

    [Fact]
    public async Task A_proposal_page_asks_the_database_at_most_twice_for_the_chair_and_for_its_speaker()
    {
        var url = $"/Proposals/{_proposalId}";
        var asChair = await StatementsForPageAsync(_chair, url, "Notes for the committee");
        Assert.True(asChair.Count <= ProposalPageStatements + DiscussionStatements, "Chair: " + Listing(asChair));

        var asSpeaker = await StatementsForPageAsync(_speaker, url, "Withdraw proposal");
        Assert.True(asSpeaker.Count <= ProposalPageStatements, "Speaker: " + Listing(asSpeaker));
    }

    [Fact]
    public async Task Signed_in_pages_do_not_ask_the_database_for_the_header_and_navigation()
    {
        // My proposals: one query for the list, nothing for the header's name or the chair's navigation.
        var statements = await StatementsForPageAsync(_chair, "/Proposals", "Quentin Chair");
        Assert.True(statements.Count <= 1, Listing(statements));
    }
}
