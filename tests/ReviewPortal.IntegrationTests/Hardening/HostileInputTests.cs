using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Hardening;

/// <summary>Control characters and null list elements are refused with the field named, never a 500, and store nothing.</summary>
public sealed class HostileInputTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>, IAsyncLifetime
{
    private Guid _trackId;
    private string _chairEmail = null!;
    private HttpClient _chair = null!;
    private HttpClient _speaker = null!;

    public async ValueTask InitializeAsync()
    {
        _chairEmail = $"chair-{Guid.NewGuid():N}@example.org";
        _chair = await Accounts.SignedInClientAsync(app, _chairEmail, "Hostile Chair");
        _trackId = await TestTracks.CreateAsync(app, _chairEmail);
        _speaker = await Accounts.SignedInClientAsync(app, $"speaker-{Guid.NewGuid():N}@example.org", "Hostile Speaker");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<int> ProposalsInTrackAsync() => app.WithDbAsync(db => db.Submissions.CountAsync(s => s.TrackId == _trackId));

    private static Task<HttpResponseMessage> PostJson(HttpClient client, string url, string json) =>
        client.PostAsync(new Uri(url, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<string> AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages),
            $"Expected an error on {field}: {problem}");
        return messages[0].GetString()!;
    }

    [Fact]
    public async Task A_title_with_a_NUL_character_is_refused_on_the_title_and_nothing_is_stored()
    {
        var response = await _speaker.PostAsJsonAsync($"/api/v1/tracks/{_trackId}/proposals",
            new { title = "Fast\u0000paths", @abstract = "About fast paths.", submit = true });

        var message = await AssertRefusedAsync(response, "Title");
        Assert.Contains("control characters", message, StringComparison.Ordinal);
        Assert.Equal(0, await ProposalsInTrackAsync());
    }

    [Theory]
    [InlineData("\u0001")]
    [InlineData("\u001b[31m")]
    [InlineData("\u007f")]
    [InlineData("\u0085")]
    public async Task Other_control_characters_in_a_co_speaker_are_refused_on_that_field(string bad)
    {
        var json = $$"""
            {"title":"Co-speakers","abstract":"About.","coSpeakers":[{"name":"Ok Name","email":"ok@example.org"},{"name":"Bad{{EscapeJson(bad)}}","email":"bad@example.org"}]}
            """;
        var response = await PostJson(_speaker, $"/api/v1/tracks/{_trackId}/proposals", json);

        await AssertRefusedAsync(response, "CoSpeakers[1].Name");
        Assert.Equal(0, await ProposalsInTrackAsync());
    }

    private static string EscapeJson(string s) => string.Concat(s.Select(c => $"\\u{(int)c:x4}"));

    [Fact]
    public async Task Tabs_and_line_breaks_in_an_abstract_are_fine()
    {
        var response = await _speaker.PostAsJsonAsync($"/api/v1/tracks/{_trackId}/proposals",
            new { title = "Whitespace", @abstract = "Line one\r\n\tindented\nline three" });
        await Problems.JsonAsync(response, HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_update_with_a_NUL_character_in_the_notes_is_refused_and_the_proposal_is_unchanged()
    {
        var created = await Problems.JsonAsync(await _speaker.PostAsJsonAsync($"/api/v1/tracks/{_trackId}/proposals",
            new { title = "To be edited", @abstract = "About.", notes = "Original." }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var version = created.GetProperty("version").GetUInt32();

        var response = await _speaker.PutAsJsonAsync($"/api/v1/proposals/{id}",
            new { version, title = "Edited", @abstract = "About.", notes = "Bad\u0000notes" });

        await AssertRefusedAsync(response, "Notes");
        var stored = await app.WithDbAsync(db => db.Submissions.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal("To be edited", stored.Title);
        Assert.Equal("Original.", stored.Notes);
    }

    [Fact]
    public async Task An_import_with_a_NUL_character_in_a_speakers_name_is_refused_naming_the_record_and_nothing_is_imported()
    {
        var json = """
            {"format":"reviewportal.proposals/v1","proposals":[
              {"title":"Fine","abstract":"A.","speakers":[{"name":"Ada"}]},
              {"title":"Not fine","abstract":"B.","speakers":[{"name":"Ada"},{"name":"Nul\u0000Name"}]}]}
            """;
        var response = await PostJson(_chair, $"/api/v1/tracks/{_trackId}/proposals/import", json);

        await AssertRefusedAsync(response, "Document.Proposals[1].Speakers[1].Name");
        Assert.Equal(0, await ProposalsInTrackAsync());
    }

    [Fact]
    public async Task A_search_for_a_NUL_character_is_refused_on_the_search_field()
    {
        var response = await _chair.GetAsync(new Uri($"/api/v1/tracks/{_trackId}/proposals?q=%00", UriKind.Relative));
        await AssertRefusedAsync(response, "Search");

        var page = await HtmlPage.GetAsync(_chair, $"/Chair/{_trackId}/Proposals?q=a%00b");
        Assert.Equal(HttpStatusCode.BadRequest, page.Response.StatusCode);
        Assert.Contains("must not contain control characters", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_profile_update_with_a_NUL_character_is_refused_on_the_name()
    {
        var email = $"profile-{Guid.NewGuid():N}@example.org";
        var client = await Accounts.SignedInClientAsync(app, email, "Plain Name");
        var response = await client.PutAsJsonAsync("/api/v1/me/profile", new { displayName = "Evil\u0000Name", affiliation = "x", bio = "y" });

        await AssertRefusedAsync(response, "DisplayName");
        Assert.Equal("Plain Name", await app.WithDbAsync(db => db.People.Where(p => p.Email == email).Select(p => p.DisplayName).SingleAsync()));
    }

    // A NUL in a posted form never reaches the page: ASP.NET Core's form reader refuses it with a 400 of its own.
    // Every other control character does, and gets the field error.
    [Fact]
    public async Task The_registration_page_shows_the_control_character_error_at_the_name_field_and_creates_no_account()
    {
        var client = app.CreateBrowserClient();
        var email = $"nul-{Guid.NewGuid():N}@example.org";
        var register = await HtmlPage.GetAsync(client, "/Account/Register");
        var response = await register.SubmitAsync(client, new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Ada\u001b[2JLovelace",
            ["Input.Email"] = email,
            ["Input.Password"] = Accounts.Password,
            ["Input.ConfirmPassword"] = Accounts.Password,
        });

        var page = await HtmlPage.ParseAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {page.Text}");
        var errors = page.FieldErrors();
        Assert.Contains("control characters", errors["Input.DisplayName"], StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.People.CountAsync(p => p.Email == email)));
    }

    [Fact]
    public async Task A_null_co_speaker_is_refused_on_that_entry()
    {
        var response = await PostJson(_speaker, $"/api/v1/tracks/{_trackId}/proposals",
            """{"title":"Nulls","abstract":"About.","coSpeakers":[null]}""");
        await AssertRefusedAsync(response, "CoSpeakers[0]");
        Assert.Equal(0, await ProposalsInTrackAsync());
    }

    [Fact]
    public async Task A_co_speaker_with_a_null_email_is_refused_on_that_email()
    {
        var response = await PostJson(_speaker, $"/api/v1/tracks/{_trackId}/proposals",
            """{"title":"Nulls","abstract":"About.","coSpeakers":[{"name":"No Mail","email":null}]}""");
        await AssertRefusedAsync(response, "CoSpeakers[0].Email");
        Assert.Equal(0, await ProposalsInTrackAsync());
    }

    [Fact]
    public async Task Null_topics_in_a_proposal_are_refused_on_that_entry()
    {
        var response = await PostJson(_speaker, $"/api/v1/tracks/{_trackId}/proposals",
            """{"title":"Nulls","abstract":"About.","topics":[null]}""");
        await AssertRefusedAsync(response, "Topics[0]");
    }

    [Theory]
    [InlineData("""{"format":"reviewportal.proposals/v1","proposals":null}""", "Document.Proposals")]
    [InlineData("""{"format":"reviewportal.proposals/v1","proposals":[null]}""", "Document.Proposals[0]")]
    [InlineData("""{"format":"reviewportal.proposals/v1","proposals":[{"title":"T","abstract":"A","speakers":[null]}]}""", "Document.Proposals[0].Speakers[0]")]
    [InlineData("""{"format":"reviewportal.proposals/v1","proposals":[{"title":"T","abstract":"A","speakers":null}]}""", "Document.Proposals[0].Speakers")]
    [InlineData("""{"format":"reviewportal.proposals/v1","proposals":[{"title":"T","abstract":"A","topics":null,"speakers":[{"name":"Ada"}]}]}""", "Document.Proposals[0].Topics")]
    [InlineData("""{"format":"reviewportal.proposals/v1","proposals":[{"title":"T","abstract":"A","topics":[null],"speakers":[{"name":"Ada"}]}]}""", "Document.Proposals[0].Topics[0]")]
    [InlineData("""{"format":"reviewportal.proposals/v1","proposals":[{"title":null,"abstract":null,"speakers":[{"name":null}]}]}""", "Document.Proposals[0].Title")]
    public async Task Null_members_and_elements_in_an_import_are_refused_naming_the_field(string json, string field)
    {
        var response = await PostJson(_chair, $"/api/v1/tracks/{_trackId}/proposals/import", json);
        await AssertRefusedAsync(response, field);
        Assert.Equal(0, await ProposalsInTrackAsync());
    }

    [Fact]
    public async Task Null_topics_in_track_settings_are_refused_on_that_entry()
    {
        var settings = await Problems.JsonAsync(await _chair.GetAsync(new Uri($"/api/v1/tracks/{_trackId}/settings", UriKind.Relative)));
        var version = settings.GetProperty("version").GetUInt32();
        var response = await _chair.PutAsJsonAsync($"/api/v1/tracks/{_trackId}/settings", new
        {
            version,
            settings = new
            {
                name = "Renamed", slotMinutes = 30, cfpOpens = "2026-01-01T00:00:00", cfpCloses = "2027-01-01T00:00:00",
                reviewDeadline = "2027-02-01T00:00:00", reviewersPerSubmission = 3, topics = new[] { "ok", null },
                maxSpeakersPerProposal = 3, blindMode = "None",
            },
        });
        await AssertRefusedAsync(response, "Settings.Topics[1]");
    }
}
