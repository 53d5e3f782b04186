using System.Net;
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
