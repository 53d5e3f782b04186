using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ReviewPortal.BrowserTests.Infrastructure;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.BrowserTests;

/// <summary>The demo data with a job server, so the assignment run really runs in Hangfire.</summary>
public sealed class WalkthroughApp : BrowserApp
{
    public WalkthroughApp(PostgresServer server) : base(server) => Settings["Jobs:RunServer"] = "true";
}

/// <summary>
/// Issue 7's "done when", in a real browser on the LPC 2023 demo track: the chair invites a member and sees their
/// conflicts before sending; the member accepts and sees their conflicts with the reasons; members bid from the list;
/// the chair runs the assignment, watches it, applies it; the member sees their list.
/// </summary>
public sealed class CommitteeWalkthroughTests(WalkthroughApp app) : IClassFixture<WalkthroughApp>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task A_chair_invites_a_member_who_accepts_bids_and_after_the_applied_run_sees_their_assignments()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var inviteeEmail = $"toke-{token}@example.org";
        var trackId = await app.WithDbAsync(db => db.Tracks.Where(t => t.Slug == ReviewPortal.Infrastructure.Seed.DemoSeeder.TrackSlug).Select(t => t.Id).SingleAsync());
        var chairLogin = app.DemoLogin("chair");

        // 1. The chair invites, checking conflicts first: an Isovalent engineer conflicts with Isovalent's talks.
        await using var chair = await app.NewSessionAsync();
        await chair.SignInAsync(chairLogin.Email, chairLogin.Password);
        await chair.GotoAsync($"/Chair/{trackId}/Committee");
        await chair.ClickLinkAsync("Invite a member");
        await chair.FillAsync("Their e-mail address", inviteeEmail);
        await chair.FillAsync("Their name", "Toke Tester");
        await chair.FillAsync("Current affiliation (optional)", "Isovalent");
        await chair.ClickButtonAsync("Check conflicts");
        var preview = chair.Page.Locator("#invitee-conflicts");
        await Assertions.Expect(preview).ToContainTextAsync("conflict");
        await Assertions.Expect(preview.Locator("li").First).ToContainTextAsync("Isovalent");
        var conflictedTitles = await preview.Locator("li strong").AllInnerTextsAsync();
        Assert.NotEmpty(conflictedTitles);
        await chair.ScreenshotAsync("invite-conflicts");
        await chair.ClickButtonAsync("Send invitation");
        await Assertions.Expect(chair.Page.Locator("p.flash")).ToContainTextAsync($"The invitation to {inviteeEmail} is on its way");
        await Assertions.Expect(chair.Page.Locator("#invitations")).ToContainTextAsync("Pending");

        // 2. The invitee opens the link, registers, comes back through sign-in and accepts.
        await using var member = await app.NewSessionAsync();
        await member.OpenLinkFromLatestMailAsync(inviteeEmail, "committee.invitation");
        await member.ExpectTextAsync("invites Toke Tester");
        await member.ClickLinkAsync("register");
        await member.FillAsync("Your name", "Toke Tester");
        await member.FillAsync("Password (at least 10 characters)", Password);
        await member.FillAsync("Repeat the password", Password);
        await member.ClickButtonAsync("Register");
        await member.OpenLinkFromLatestMailAsync(inviteeEmail, "account.confirm-email");
        await member.ExpectTextAsync("your e-mail address is confirmed");
        await member.OpenLinkFromLatestMailAsync(inviteeEmail, "committee.invitation");
        await member.ClickLinkAsync("sign in");
        await member.FillAsync("E-mail", inviteeEmail);
        await member.FillAsync("Password", Password);
        await member.ClickButtonAsync("Sign in");
        Assert.StartsWith("/Committee/Invitation?token=", member.CurrentPath, StringComparison.Ordinal);
        await member.ExpectTextAsync($"Accepting seats the account you are signed in with: Toke Tester ({inviteeEmail})");
        await member.ClickButtonAsync("Accept");

        // 3. Their profile page lists their conflicts with the reasons.
        Assert.Equal($"/Committee/Profile?trackId={trackId}", member.CurrentPath);
        var myConflicts = member.Page.Locator("#my-conflicts");
        await Assertions.Expect(myConflicts).ToContainTextAsync(conflictedTitles[0]);
        await Assertions.Expect(myConflicts).ToContainTextAsync("Isovalent");
        await member.ScreenshotAsync("member-conflicts");

        // 4. The chair starts the review phase; the member bids from the list, one click each, no reload.
        await chair.GotoAsync($"/Chair/Assignments?trackId={trackId}");
        await chair.ClickLinkAsync("Start the review phase…");
        await chair.ClickButtonAsync("Yes, start the review phase");
        await chair.ExpectTextAsync("Started on");

        await member.GotoAsync("/Committee/Assignments");
        await member.ExpectTextAsync("The chair has not assigned you proposals yet");
        await member.ClickLinkAsync("bidding");
        var rows = member.Page.Locator("li.bid-row");
        var eager = rows.First.GetByRole(AriaRole.Button, new() { Name = "Eager", Exact = true });
        var url = member.Page.Url;
        await eager.ClickAsync();
        await Assertions.Expect(eager).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Equal(url, member.Page.Url);
        var bids = await app.WithDbAsync(db => db.Bids.CountAsync(b => b.TrackId == trackId && db.People.Any(p => p.Id == b.PersonId && p.Email == inviteeEmail)));
        Assert.Equal(1, bids);

        // 5. The chair runs the assignment, watches it, applies it.
        await chair.GotoAsync($"/Chair/Assignments?trackId={trackId}");
        await chair.ClickButtonAsync("Run the assignment");
        Assert.StartsWith("/Chair/AssignmentRun?id=", chair.CurrentPath, StringComparison.Ordinal);
        await Assertions.Expect(chair.Page.GetByRole(AriaRole.Button, new() { Name = "Apply this assignment" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await chair.ScreenshotAsync("assignment-preview");
        await chair.ClickButtonAsync("Apply this assignment");

        // 6. The member sees their list, none of it a proposal they are conflicted on.
        await member.GotoAsync("/Committee/Assignments");
        var assigned = member.Page.Locator("#assignments tbody tr");
        await Assertions.Expect(assigned.First).ToBeVisibleAsync();
        var titles = await member.Page.Locator("#assignments tbody td[data-label='Proposal']").AllInnerTextsAsync();
        Assert.NotEmpty(titles);
        Assert.Empty(titles.Intersect(conflictedTitles));
        await member.ScreenshotAsync("my-assignments");

        // 7. The committee's pages fit a 390 px phone.
        var tooWide = new List<string>();
        async Task PhoneAsync(BrowserSession browser, string path)
        {
            await browser.Page.SetViewportSizeAsync(390, 844);
            await browser.GotoAsync(path);
            var width = await browser.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 390)
                tooWide.Add($"{path}: {width} px");
        }

        await PhoneAsync(chair, $"/Chair/{trackId}/Committee");
        await PhoneAsync(chair, $"/Chair/{trackId}/Invite");
        await PhoneAsync(member, $"/Committee/Profile?trackId={trackId}");
        await PhoneAsync(member, "/Committee/Assignments");
        var link = (await member.ReadLatestMailAsync(inviteeEmail, "committee.invitation")).FirstLink!;
        await PhoneAsync(member, link.PathAndQuery);
        await member.ScreenshotAsync("phone-invitation-used");
        Assert.Empty(tooWide);
    }
}
