using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ReviewPortal.BrowserTests.Infrastructure;

/// <summary>
/// One person at one browser: a fresh Playwright context (own cookies) and its page, with the steps a
/// journey through the app needs. Create with <see cref="BrowserApp.NewSessionAsync"/>; dispose at the end of the test.
/// </summary>
public sealed class BrowserSession(BrowserApp app, IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;
    public IBrowserContext Context { get; } = context;

    /// <summary>Opens a path of the app ("/", "/c/lpc2023/ebpf") and fails on a 4xx/5xx answer, showing the page's text.</summary>
    public async Task<IResponse> GotoAsync(string path)
    {
        var response = await Page.GotoAsync(path)
            ?? throw new InvalidOperationException($"No response for {path}.");
        if (response.Status >= 400)
            throw new InvalidOperationException($"GET {path} answered {response.Status}:\n{await TextAsync()}");
        return response;
    }

    /// <summary>Fills the field with this label text (exactly, as a person reads it) or, failing that, this name attribute ("Input.Email").</summary>
    public async Task FillAsync(string labelOrName, string value) => await (await FieldAsync(labelOrName)).FillAsync(value);

    /// <summary>Picks an option (by its value or its text) in the select with this label or name.</summary>
    public async Task SelectAsync(string labelOrName, string option) => await (await FieldAsync(labelOrName)).SelectOptionAsync(option);

    /// <summary>Ticks (or clears) the checkbox with this label or name.</summary>
    public async Task CheckAsync(string labelOrName, bool check = true) => await (await FieldAsync(labelOrName)).SetCheckedAsync(check);

    /// <summary>
    /// Clicks the button with this accessible name (its text) and, unless <paramref name="navigates"/> is false,
    /// waits until the page it leads to (a form post's answer or redirect) has loaded.
    /// </summary>
    public Task ClickButtonAsync(string name, bool navigates = true) =>
        ClickAsync(Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }), navigates);

    /// <summary>Clicks the link with this text and, unless <paramref name="navigates"/> is false, waits until its page has loaded.</summary>
    public Task ClickLinkAsync(string name, bool navigates = true) =>
        ClickAsync(Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }), navigates);

    /// <summary>Clicks whatever button or link reads <paramref name="text"/> (a button first, then a link, then any text).</summary>
    public async Task ClickAsync(string text, bool navigates = true)
    {
        var button = Page.GetByRole(AriaRole.Button, new() { Name = text, Exact = true });
        var link = Page.GetByRole(AriaRole.Link, new() { Name = text, Exact = true });
        var target = await button.CountAsync() > 0 ? button
            : await link.CountAsync() > 0 ? link
            : Page.GetByText(text, new() { Exact = true });
        await ClickAsync(target, navigates);
    }

    /// <summary>Clicks <paramref name="target"/> (it must match exactly one element) and waits for the navigation it starts.</summary>
    public async Task ClickAsync(ILocator target, bool navigates = true)
    {
        if (!navigates)
        {
            await target.ClickAsync();
            return;
        }

        // Mark the document we leave, so a post that redirects back to the same URL still counts as arriving.
        await Page.EvaluateAsync("() => { window.__reviewPortalLeaving = true; }");
        await target.ClickAsync();
        await Page.WaitForFunctionAsync("() => window.__reviewPortalLeaving !== true && document.readyState === 'complete'");
    }

    /// <summary>The visible text of the page body.</summary>
    public Task<string> TextAsync() => Page.Locator("body").InnerTextAsync();

    /// <summary>Waits (Playwright's auto-retry) until the page shows <paramref name="text"/>.</summary>
    public Task ExpectTextAsync(string text) => Assertions.Expect(Page.Locator("body")).ToContainTextAsync(text);

    /// <summary>The path and query of the current page, e.g. "/Account/Login?ReturnUrl=%2F".</summary>
    public string CurrentPath => new Uri(Page.Url).PathAndQuery;

    /// <summary>
    /// The newest mail the app queued for <paramref name="toAddress"/> (optionally of one kind, e.g.
    /// "account.confirm-email"), waiting up to <paramref name="timeout"/> (default 5 s) for it.
    /// Read from the outbox table, which every mail passes through: with Jobs:RunServer=false no job
    /// writes the .eml files to Mail:PickupDirectory.
    /// </summary>
    public async Task<SentMail> ReadLatestMailAsync(string toAddress, string? kind = null, DateTimeOffset? after = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (true)
        {
            var message = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
                .Where(m => m.ToAddress == toAddress)
                .Where(m => kind == null || m.Kind == kind)
                .Where(m => after == null || m.CreatedUtc > after)
                .OrderByDescending(m => m.CreatedUtc)
                .FirstOrDefaultAsync());
            if (message is not null)
                return new SentMail(message.ToAddress, message.Subject, message.TextBody, message.HtmlBody, message.Kind, message.CreatedUtc);
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"No mail{(kind is null ? "" : $" of kind {kind}")} for {toAddress} in the outbox.");
            await Task.Delay(100);
        }
    }

    /// <summary>Opens the first link of the newest mail to <paramref name="toAddress"/> in this browser, as a person clicking it would.</summary>
    public async Task<IResponse> OpenLinkFromLatestMailAsync(string toAddress, string? kind = null)
    {
        var mail = await ReadLatestMailAsync(toAddress, kind);
        var link = mail.FirstLink ?? throw new InvalidOperationException($"The mail '{mail.Subject}' has no link:\n{mail.TextBody}");
        return await GotoAsync(link.PathAndQuery); // on this app's real address, whatever host the mail names
    }

    /// <summary>Signs in through the sign-in form (from any page) and waits for the page it leads to.</summary>
    public async Task SignInAsync(string email, string password)
    {
        await GotoAsync("/Account/Login");
        await FillAsync("E-mail", email);
        await FillAsync("Password", password);
        await ClickButtonAsync("Sign in");
        await Assertions.Expect(AccountNav.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>Clicks "Sign out" in the account navigation and waits until "Sign in" is offered again.</summary>
    public async Task SignOutAsync()
    {
        await ClickAsync(AccountNav.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }));
        await Assertions.Expect(AccountNav.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>The account navigation in the header (the signed-in name and "Sign out", or "Register" and "Sign in").</summary>
    public ILocator AccountNav => Page.GetByRole(AriaRole.Navigation, new() { Name = "Account" });

    /// <summary>The main navigation in the header ("Conferences", "My proposals", "Chair: …").</summary>
    public ILocator MainNav => Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

    /// <summary>Writes a PNG of the page to bin/…/screenshots/<paramref name="name"/>.png (and to docs/images when REVIEWPORTAL_UPDATE_SCREENSHOTS=1).</summary>
    public async Task<string> ScreenshotAsync(string name, bool fullPage = true)
    {
        var bytes = await Page.ScreenshotAsync(new() { FullPage = fullPage, Type = ScreenshotType.Png });
        return await Screenshots.SaveAsync(name, bytes);
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();

    private async Task<ILocator> FieldAsync(string labelOrName)
    {
        var byLabel = Page.GetByLabel(labelOrName, new() { Exact = true });
        if (await byLabel.CountAsync() == 1)
            return byLabel;
        var byName = Page.Locator($"[name=\"{labelOrName.Replace("\"", "\\\"", StringComparison.Ordinal)}\"]");
        if (await byName.CountAsync() == 1)
            return byName;
        throw new InvalidOperationException($"No single field labelled or named '{labelOrName}' on {CurrentPath}:\n{await TextAsync()}");
    }
}

/// <summary>A mail as the app queued it.</summary>
public sealed partial record SentMail(string To, string Subject, string TextBody, string? HtmlBody, string Kind, DateTimeOffset CreatedUtc)
{
    /// <summary>Every http(s) link in the text body, in order.</summary>
    public IReadOnlyList<Uri> Links => [.. LinkPattern().Matches(TextBody).Select(m => new Uri(m.Value))];

    public Uri? FirstLink => Links.Count > 0 ? Links[0] : null;

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
