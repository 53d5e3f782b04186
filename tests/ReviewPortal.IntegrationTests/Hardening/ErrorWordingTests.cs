using System.Net;
using System.Net.Http.Json;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Hardening;

/// <summary>Error messages read as the form's words, all at once, and none is lost or shown as FluentValidation's internals.</summary>
public sealed class ErrorWordingTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    [Fact]
    public async Task The_registration_page_names_every_wrong_field_in_plain_words_on_the_first_submit()
    {
        var client = app.CreateBrowserClient();
        var register = await HtmlPage.GetAsync(client, "/Account/Register");
        var response = await register.SubmitAsync(client, new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "",
            ["Input.Email"] = "not-an-address",
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "short",
        });

        var page = await HtmlPage.ParseAsync(response);
        var errors = page.FieldErrors();
        Assert.Equal("Your name must not be empty.", errors["Input.DisplayName"]);
        Assert.Equal("Your e-mail address is not a valid e-mail address.", errors["Input.Email"]);
        Assert.StartsWith("The password needs at least 10 characters", errors["Input.Password"], StringComparison.Ordinal);
        Assert.DoesNotContain("'", string.Join(" ", errors.Values), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_profile_page_says_what_is_wrong_in_the_forms_words()
    {
        var client = await Accounts.SignedInClientAsync(app, $"wording-{Guid.NewGuid():N}@example.org", "Word Smith");
        var profile = await HtmlPage.GetAsync(client, "/Account/Profile");
        var response = await profile.SubmitAsync(client, new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Word Smith",
            ["Input.Affiliation"] = new string('a', 201),
        }, "main form");

        var errors = (await HtmlPage.ParseAsync(response)).FieldErrors();
        Assert.Equal("Your affiliation can be at most 200 characters (it has 201).", errors["Input.Affiliation"]);
    }

    [Fact]
    public async Task The_tracks_rules_are_reported_with_the_field_rules_in_one_answer()
    {
        var chairEmail = $"chair-{Guid.NewGuid():N}@example.org";
        await Accounts.SignedInClientAsync(app, chairEmail, "Rules Chair");
        var trackId = await TestTracks.CreateAsync(app, chairEmail, maxSpeakers: 2);
        var speaker = await Accounts.SignedInClientAsync(app, $"rules-{Guid.NewGuid():N}@example.org", "Rule Breaker");
        object[] coSpeakers = [new { name = "One", email = "one@example.org" }, new { name = "Two", email = "two@example.org" }];

        var created = await speaker.PostAsJsonAsync($"/api/v1/tracks/{trackId}/proposals",
            new { title = "", @abstract = "About.", topics = new[] { "knitting" }, coSpeakers });
        Assert.Equal(["CoSpeakers", "Title", "Topics"], (await Problems.FieldsAsync(created)).Order(StringComparer.Ordinal));

        var ok = await Problems.JsonAsync(await speaker.PostAsJsonAsync($"/api/v1/tracks/{trackId}/proposals",
            new { title = "Fine", @abstract = "About." }), HttpStatusCode.Created);
        var updated = await speaker.PutAsJsonAsync($"/api/v1/proposals/{ok.GetProperty("id").GetGuid()}",
            new { version = ok.GetProperty("version").GetUInt32(), title = "", @abstract = "About.", topics = new[] { "knitting" } });
        Assert.Equal(["Title", "Topics"], (await Problems.FieldsAsync(updated)).Order(StringComparer.Ordinal));

        // To someone who is not its speaker the proposal does not exist: the same field errors, no track rules.
        var other = await Accounts.SignedInClientAsync(app, $"other-{Guid.NewGuid():N}@example.org", "Someone Else");
        var probe = await other.PutAsJsonAsync($"/api/v1/proposals/{ok.GetProperty("id").GetGuid()}",
            new { version = 1u, title = "", @abstract = "About.", topics = new[] { "knitting" } });
        Assert.Equal(["Title"], await Problems.FieldsAsync(probe));
    }

    [Fact]
    public async Task A_page_opened_without_its_track_says_so_in_words_not_validation_internals()
    {
        var client = await Accounts.SignedInClientAsync(app, $"lost-{Guid.NewGuid():N}@example.org", "Lost Speaker");
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html"); // as a browser asks: the page, not ProblemDetails
        var page = await HtmlPage.GetAsync(client, "/Proposals/New");

        Assert.Equal(HttpStatusCode.BadRequest, page.Response.StatusCode);
        Assert.Contains("Choose a track.", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Validation failed", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("TrackId", page.Text, StringComparison.Ordinal);
    }
}
