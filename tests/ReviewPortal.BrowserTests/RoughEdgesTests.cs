using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ReviewPortal.BrowserTests.Infrastructure;

namespace ReviewPortal.BrowserTests;

/// <summary>What a new user ran into in the browser: Back then submit again, pages wider than a phone, withdrawing in one click.</summary>
public sealed class RoughEdgesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const int PhoneWidth = 390;

    private async Task<BrowserSession> PhoneSessionAsync()
    {
        var context = await app.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl,
            ViewportSize = new() { Width = PhoneWidth, Height = 844 },
            IsMobile = true,
            DeviceScaleFactor = 1,
        });
        context.SetDefaultTimeout(15_000);
        return new BrowserSession(app, context, await context.NewPageAsync());
    }

    private Task<Guid> TrackIdAsync() => app.WithDbAsync(db => db.Tracks.Where(t => t.Slug == "ebpf-networking").Select(t => t.Id).SingleAsync());

    [Fact]
    public async Task Submitting_then_pressing_back_and_submitting_the_same_form_again_creates_one_proposal()
    {
        var speaker = app.DemoLogin("speaker");
        var title = $"Back button proposal {Guid.NewGuid():N}"[..40];
        await using var browser = await app.NewSessionAsync();
        await browser.SignInAsync(speaker.Email, speaker.Password);

        await browser.GotoAsync($"/Proposals/New?trackId={await TrackIdAsync()}");
        await browser.FillAsync("Title", title);
        await browser.FillAsync("Abstract", "Sent twice by a person who pressed Back.");
        await browser.ClickButtonAsync("Submit proposal");
        Assert.Matches("^/Proposals/[0-9a-f-]{36}$", browser.CurrentPath);
        var first = browser.CurrentPath;

        await browser.Page.GoBackAsync();
        Assert.StartsWith("/Proposals/New", browser.CurrentPath, StringComparison.Ordinal);
        // The browser fetches the form again and restores what the person typed.
        await Assertions.Expect(browser.Page.GetByLabel("Title", new() { Exact = true })).ToHaveValueAsync(title);
        await browser.ClickButtonAsync("Submit proposal");

        Assert.Equal(first, browser.CurrentPath);
        Assert.Equal(1, await app.WithDbAsync(db => db.Submissions.CountAsync(s => s.Title == title)));
    }

    [Fact]
    public async Task Every_page_a_speaker_chair_or_admin_reaches_fits_a_390_px_phone()
    {
        var trackId = await TrackIdAsync();
        var talk = await app.WithDbAsync(db => db.Submissions
            .Where(s => s.Speakers.Any(sp => sp.Name == "Alan Maguire")).Select(s => s.Id).FirstAsync());
        var tooWide = new List<string>();

        async Task CheckAsync(BrowserSession browser, string path, string? screenshot = null)
        {
            await browser.GotoAsync(path);
            var width = await browser.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > PhoneWidth)
                tooWide.Add($"{path}: {width} px");
            if (screenshot is not null)
                await browser.ScreenshotAsync(screenshot);
        }

        await using (var anonymous = await PhoneSessionAsync())
        {
            await CheckAsync(anonymous, "/");
            await CheckAsync(anonymous, "/c/lpc2023/ebpf-networking");
            await CheckAsync(anonymous, "/Account/Login");
            await CheckAsync(anonymous, "/Account/Register");
        }

        var speaker = app.DemoLogin("speaker");
        await using (var browser = await PhoneSessionAsync())
        {
            await browser.SignInAsync(speaker.Email, speaker.Password);
            await CheckAsync(browser, "/Proposals", "phone-my-proposals");
            await CheckAsync(browser, $"/Proposals/New?trackId={trackId}");
            await CheckAsync(browser, $"/Proposals/{talk}");
            await CheckAsync(browser, $"/Proposals/{talk}/Withdraw");
            await CheckAsync(browser, "/Account/Profile");
        }

        var chair = app.DemoLogin("chair");
        await using (var browser = await PhoneSessionAsync())
        {
            await browser.SignInAsync(chair.Email, chair.Password);
            await CheckAsync(browser, $"/Chair/{trackId}/Proposals");
            await CheckAsync(browser, $"/Chair/{trackId}/Settings");
            await CheckAsync(browser, $"/Proposals/{talk}");
            await CheckAsync(browser, "/Audit");
        }

        var admin = app.DemoLogin("admin");
        await using (var browser = await PhoneSessionAsync())
        {
            await browser.SignInAsync(admin.Email, admin.Password);
            await CheckAsync(browser, "/Admin/Conferences");
            await CheckAsync(browser, "/Audit");
        }

        Assert.True(tooWide.Count == 0, "Wider than a phone:\n" + string.Join('\n', tooWide));
    }

    [Fact]
    public async Task Withdrawing_asks_first_and_names_who_will_be_told()
    {
        var speaker = app.DemoLogin("speaker");
        var title = $"Withdraw me {Guid.NewGuid():N}"[..30];
        await using var browser = await app.NewSessionAsync();
        await browser.SignInAsync(speaker.Email, speaker.Password);
        await browser.GotoAsync($"/Proposals/New?trackId={await TrackIdAsync()}");
        await browser.FillAsync("Title", title);
        await browser.FillAsync("Abstract", "To be withdrawn.");
        await browser.ClickButtonAsync("Submit proposal");

        await browser.ClickLinkAsync("Withdraw proposal…");
        await browser.ExpectTextAsync("Withdrawing cannot be undone.");
        await browser.ExpectTextAsync($"{speaker.Name} · {speaker.Email}");
        await browser.ExpectTextAsync("committee sees the proposal as withdrawn");
        await browser.ScreenshotAsync("withdraw-confirm");
        await browser.ClickLinkAsync("No, keep it");
        await Assertions.Expect(browser.Page.Locator("main span.badge").First).ToHaveTextAsync("submitted");

        await browser.ClickLinkAsync("Withdraw proposal…");
        await browser.ClickButtonAsync("Yes, withdraw this proposal");
        await Assertions.Expect(browser.Page.Locator("main span.badge").First).ToHaveTextAsync("withdrawn");
    }
}
