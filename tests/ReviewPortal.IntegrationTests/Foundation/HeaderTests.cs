using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Foundation;

/// <summary>The header and navigation every signed-in page shows: the person's name and their committee seats.</summary>
public sealed class HeaderTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private static string AccountLink(HtmlPage page) =>
        page.Document.QuerySelector(".account-nav a[href='/Account/Profile']")?.TextContent.Trim() ?? "(no profile link)";

    private static List<string> MainNavigation(HtmlPage page) =>
        page.Document.QuerySelectorAll(".main-nav a").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task After_signing_in_the_header_shows_the_persons_name_and_after_changing_it_the_new_name()
    {
        var email = $"name-{Guid.NewGuid():N}@example.org";
        var client = await Accounts.SignedInClientAsync(app, email, "Grace Hopper");
        Assert.Equal("Grace Hopper", AccountLink(await HtmlPage.GetAsync(client, "/")));

        var profile = await HtmlPage.GetAsync(client, "/Account/Profile");
        var saved = await profile.SubmitAsync(client, new Dictionary<string, string> { ["Input.DisplayName"] = "Rear Admiral Grace Hopper" });
        Assert.True(HtmlPage.IsRedirect(saved), $"Saving the profile answered {(int)saved.StatusCode}");

        var next = await HtmlPage.GetAsync(client, saved.Headers.Location!.OriginalString);
        Assert.Equal("Rear Admiral Grace Hopper", AccountLink(next));
        Assert.Equal("Rear Admiral Grace Hopper", AccountLink(await HtmlPage.GetAsync(client, "/Proposals")));
        Assert.DoesNotContain(email, AccountLink(next), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_seated_as_chair_sees_the_track_in_the_navigation_on_the_next_page()
    {
        var email = $"seated-{Guid.NewGuid():N}@example.org";
        var client = await Accounts.SignedInClientAsync(app, email, "Linus Seated");
        Assert.DoesNotContain(MainNavigation(await HtmlPage.GetAsync(client, "/")), a => a.StartsWith("Chair:", StringComparison.Ordinal));

        var trackId = await TestTracks.CreateAsync(app, email);

        var page = await HtmlPage.GetAsync(client, "/");
        var chair = Assert.Single(MainNavigation(page), a => a.StartsWith("Chair:", StringComparison.Ordinal));
        Assert.StartsWith("Chair: Networking conf-", chair, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector($".main-nav a[href='/Chair/{trackId}/Proposals']"));
    }
}
