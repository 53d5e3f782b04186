using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ReviewPortal.BrowserTests.Infrastructure;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.BrowserTests;

/// <summary>
/// A speaker's way through the call for proposals in a real browser: register, write and submit a proposal with
/// a co-speaker, edit it; then the track's chair finds it in the list. On the demo data (LPC 2023 eBPF &amp; Networking,
/// 39 seeded proposals, call for proposals open for 30 days from seeding).
/// </summary>
public sealed class SpeakerJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string TrackName = "eBPF & Networking Track";
    private const string Password = "correct horse battery";
    private const int SeededProposals = 38; // 38 talks imported as submitted; the opening is an organisers' item, not in the chair's list

    [Fact]
    public async Task A_new_user_registers_confirms_submits_a_proposal_with_a_co_speaker_edits_it_and_the_chair_sees_it()
    {
        var token = Guid.NewGuid().ToString("N")[..6];
        var email = $"ada-{token}@example.org";
        var coSpeakerEmail = $"grace-{token}@example.net";
        var title = $"Zero-copy packet capture with XDP sockets ({token})";
        var newTitle = $"Zero-copy packet capture with XDP sockets and BPF iterators ({token})";
        var visibleBefore = await CountVisibleToChairAsync();

        await using var browser = await app.NewSessionAsync();

        // 1. Register, open the link from the mail, sign in.
        await browser.GotoAsync("/");
        await browser.ClickLinkAsync("Register");
        await browser.FillAsync("Your name", "Ada Lovelace");
        await browser.FillAsync("E-mail", email);
        await browser.FillAsync("Affiliation (optional)", "Analytical Engines");
        await browser.FillAsync("Password (at least 10 characters)", Password);
        await browser.FillAsync("Repeat the password", Password);
        await browser.ClickButtonAsync("Register");
        await browser.ExpectTextAsync("Check your mail");

        await browser.OpenLinkFromLatestMailAsync(email, "account.confirm-email");
        await browser.ExpectTextAsync("your e-mail address is confirmed");
        await browser.ClickLinkAsync("sign in");
        await browser.FillAsync("E-mail", email);
        await browser.FillAsync("Password", Password);
        await browser.ClickButtonAsync("Sign in");
        await Assertions.Expect(browser.AccountNav.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();

        // 2. From the home page to the track, and the proposal form.
        await browser.GotoAsync("/");
        await browser.ClickLinkAsync(TrackName);
        await browser.ClickLinkAsync("Submit a proposal");
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"New proposal for {TrackName}");

        await browser.FillAsync("Title", title);
        await browser.FillAsync("Abstract",
            "AF_XDP sockets hand packets to user space **without a copy**.\n\nWe show a capture tool built on them and measure it against `libpcap`.");
        await browser.FillAsync("Notes for the committee (optional)", "Demo needs a machine with two 25G NICs.\nHappy to shorten to 20 minutes.");
        await browser.CheckAsync("XDP/AF_XDP");
        await browser.FillAsync("Name (co-speaker 1)", "Grace Hopper");
        await browser.FillAsync("E-mail (co-speaker 1)", coSpeakerEmail);
        await browser.FillAsync("Affiliation (co-speaker 1)", "Compilers Inc");
        await browser.ScreenshotAsync("proposal-form");
        await browser.ClickButtonAsync("Submit proposal");

        // The details page: submitted, the flash, the invited co-speaker, the Markdown rendered.
        Assert.Matches("^/Proposals/[0-9a-f-]{36}$", browser.CurrentPath);
        var detailsPath = browser.CurrentPath;
        var main = browser.Page.Locator("main");
        await Assertions.Expect(main.Locator("p.flash")).ToHaveTextAsync("Proposal submitted. A confirmation mail is on its way.");
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Assertions.Expect(main.Locator("span.badge").First).ToHaveTextAsync("submitted");
        var speakers = main.Locator("ul.committee > li");
        await Assertions.Expect(speakers).ToHaveCountAsync(2);
        await Assertions.Expect(speakers.Nth(0)).ToContainTextAsync("Ada Lovelace (Analytical Engines)");
        await Assertions.Expect(speakers.Nth(0).Locator(".badge")).ToHaveCountAsync(0);
        await Assertions.Expect(speakers.Nth(1)).ToContainTextAsync($"Grace Hopper (Compilers Inc) · {coSpeakerEmail}");
        await Assertions.Expect(speakers.Nth(1).Locator(".badge")).ToHaveTextAsync("invited");
        await Assertions.Expect(main.Locator("dl.facts")).ToContainTextAsync("XDP/AF_XDP");
        await Assertions.Expect(main.Locator("section.abstract strong")).ToHaveTextAsync("without a copy");
        await Assertions.Expect(main.Locator("section.abstract code")).ToHaveTextAsync("libpcap");
        await Assertions.Expect(main.Locator("section.abstract")).Not.ToContainTextAsync("**");
        await Assertions.Expect(main.Locator("p.notes")).ToContainTextAsync("Happy to shorten to 20 minutes.");
        await browser.ScreenshotAsync("proposal-details");

        // 3. The mails in the outbox.
        var received = await browser.ReadLatestMailAsync(email, "proposal.submitted");
        Assert.Contains(title, received.Subject, StringComparison.Ordinal);
        Assert.Contains(detailsPath, received.TextBody, StringComparison.Ordinal);
        var invited = await browser.ReadLatestMailAsync(coSpeakerEmail, "proposal.co-speaker-invited");
        Assert.Equal($"Ada Lovelace named you as a co-speaker: {title}", invited.Subject);
        Assert.Contains("Hello Grace Hopper", invited.TextBody, StringComparison.Ordinal);
        Assert.NotNull(invited.FirstLink);
        Assert.StartsWith("/Account/Register", invited.FirstLink.PathAndQuery, StringComparison.Ordinal);

        // 4. Edit the title.
        await browser.ClickLinkAsync("Edit");
        await Assertions.Expect(browser.Page.GetByLabel("Title", new() { Exact = true })).ToHaveValueAsync(title);
        await Assertions.Expect(browser.Page.GetByLabel("XDP/AF_XDP", new() { Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(browser.Page.GetByLabel("E-mail (co-speaker 1)", new() { Exact = true })).ToHaveValueAsync(coSpeakerEmail);
        await browser.FillAsync("Title", newTitle);
        await browser.ClickButtonAsync("Save changes");

        Assert.Equal(detailsPath, browser.CurrentPath);
        await Assertions.Expect(main.Locator("p.flash")).ToHaveTextAsync("Changes saved.");
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(newTitle);
        await Assertions.Expect(main.Locator("span.badge").First).ToHaveTextAsync("submitted");
        await Assertions.Expect(speakers).ToHaveCountAsync(2); // the co-speaker stays, not invited twice
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == coSpeakerEmail && m.Kind == "proposal.co-speaker-invited")));

        await browser.ClickAsync(browser.MainNav.GetByRole(AriaRole.Link, new() { Name = "My proposals", Exact = true }));
        Assert.Equal("/Proposals", browser.CurrentPath);
        var mine = main.Locator("table.list tbody tr");
        await Assertions.Expect(mine).ToHaveCountAsync(1);
        await Assertions.Expect(mine.GetByRole(AriaRole.Link, new() { Name = newTitle, Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(mine.Locator("span.badge")).ToHaveTextAsync("submitted");
        await Assertions.Expect(mine).ToContainTextAsync(TrackName);
        await Assertions.Expect(main).Not.ToContainTextAsync(title); // the old title is gone (it is no part of the new one)

        // 5. The chair finds it.
        await browser.SignOutAsync();
        var chair = app.DemoLogin("chair");
        Assert.Equal("daniel.borkmann@lpc-demo.example", chair.Email);
        await browser.SignInAsync(chair.Email, chair.Password);
        await browser.ClickAsync(browser.MainNav.GetByRole(AriaRole.Link, new() { Name = $"Chair: {TrackName}", Exact = true }));
        Assert.Matches("^/Chair/[0-9a-f-]{36}/Proposals$", browser.CurrentPath);
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Proposals of {TrackName}");

        var total = visibleBefore + 1;
        Assert.True(total >= SeededProposals + 1, $"Expected at least {SeededProposals} seeded proposals; the chair could see {visibleBefore} before.");
        var counts = browser.Page.GetByRole(AriaRole.Navigation, new() { Name = "Proposals by state" });
        await Assertions.Expect(counts.GetByRole(AriaRole.Link, new() { Name = $"All: {total}", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(main.Locator("table.list tbody tr")).ToHaveCountAsync(total);
        await Assertions.Expect(main).ToContainTextAsync($"{total} of {total} shown.");
        await Assertions.Expect(main.Locator("table.list tbody tr").Last).ToContainTextAsync(newTitle); // newest submission last
        await browser.ScreenshotAsync("chair-proposals", fullPage: false);

        await browser.FillAsync("Title or speaker", newTitle);
        await browser.ClickButtonAsync("Filter");
        Assert.Contains("q=", browser.CurrentPath, StringComparison.Ordinal);
        var rows = main.Locator("table.list tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.GetByRole(AriaRole.Link, new() { Name = newTitle, Exact = true })).ToHaveAttributeAsync("href",
            new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(detailsPath) + @"\?returnUrl=")); // the way back to this list
        await Assertions.Expect(rows.Locator("td").Nth(1)).ToHaveTextAsync("Ada Lovelace, Grace Hopper");
        await Assertions.Expect(rows.Locator("td").Nth(2)).ToHaveTextAsync("XDP/AF_XDP");
        await Assertions.Expect(rows.Locator("span.badge")).ToHaveTextAsync("Submitted");
        await Assertions.Expect(main).ToContainTextAsync($"1 of {total} shown.");
        await Assertions.Expect(counts.GetByRole(AriaRole.Link, new() { Name = $"All: {total}", Exact = true })).ToBeVisibleAsync();

        // The speaker's name finds it too.
        await browser.FillAsync("Title or speaker", "ada lovelace");
        await browser.ClickButtonAsync("Filter");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync(newTitle);
    }

    [Fact]
    public async Task A_late_or_invalid_proposal_shows_field_errors_in_the_form()
    {
        var speaker = app.DemoLogin("speaker");
        var proposalsBefore = await CountAllAsync();
        await using var browser = await app.NewSessionAsync();
        await browser.SignInAsync(speaker.Email, speaker.Password);

        await browser.GotoAsync("/");
        await browser.ClickLinkAsync(TrackName);
        await browser.ClickLinkAsync("Submit a proposal");

        await browser.FillAsync("Abstract", "An abstract that is fine on its own.");
        await browser.FillAsync("Name (co-speaker 1)", "Someone Else");
        await browser.FillAsync("E-mail (co-speaker 1)", "not-an-e-mail-address");
        await browser.ClickButtonAsync("Submit proposal");

        // Back on the form (no redirect to a proposal), with the errors next to their fields and the text kept.
        Assert.StartsWith("/Proposals/New", browser.CurrentPath, StringComparison.Ordinal);
        Assert.DoesNotContain("flash", await browser.Page.Locator("main").InnerHTMLAsync(), StringComparison.Ordinal);
        await Assertions.Expect(browser.Page.Locator("#Input_Title + .field-error")).ToHaveTextAsync("Give the talk a title.");
        await Assertions.Expect(browser.Page.Locator("#Input_CoSpeakers_0__Email + .field-error")).ToHaveTextAsync("This is not a valid e-mail address.");
        await Assertions.Expect(browser.Page.Locator("#Input_Abstract ~ .field-error").First).ToBeEmptyAsync();
        await Assertions.Expect(browser.Page.Locator("#Input_CoSpeakers_0__Name + .field-error")).ToBeEmptyAsync();
        await Assertions.Expect(browser.Page.GetByLabel("Abstract", new() { Exact = true })).ToHaveValueAsync("An abstract that is fine on its own.");
        await Assertions.Expect(browser.Page.GetByLabel("Name (co-speaker 1)", new() { Exact = true })).ToHaveValueAsync("Someone Else");
        await Assertions.Expect(browser.Page.GetByLabel("E-mail (co-speaker 1)", new() { Exact = true })).ToHaveValueAsync("not-an-e-mail-address");
        await Assertions.Expect(browser.Page.GetByLabel("Name (co-speaker 2)", new() { Exact = true })).ToHaveValueAsync("");

        Assert.Equal(proposalsBefore, await CountAllAsync());

        // Correcting both fields then goes through (the form kept everything else).
        await browser.FillAsync("Title", "Fixed after the errors");
        await browser.FillAsync("E-mail (co-speaker 1)", $"someone-{Guid.NewGuid():N}@example.org");
        await browser.ClickButtonAsync("Save draft");
        Assert.Matches("^/Proposals/[0-9a-f-]{36}$", browser.CurrentPath);
        await Assertions.Expect(browser.Page.Locator("main p.flash")).ToHaveTextAsync("Draft saved.");
        await Assertions.Expect(browser.Page.Locator("main span.badge").First).ToHaveTextAsync("a draft");
        Assert.Equal(proposalsBefore + 1, await CountAllAsync());
    }

    /// <summary>Proposals of the demo track the chair's list counts (all but drafts).</summary>
    private Task<int> CountVisibleToChairAsync() => app.WithDbAsync(db =>
        db.Submissions.CountAsync(s => s.Track.Slug == "ebpf-networking" && s.Status != SubmissionStatus.Draft && s.Kind == SubmissionKind.Talk));

    private Task<int> CountAllAsync() => app.WithDbAsync(db => db.Submissions.CountAsync());
}
