using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using ReviewPortal.Infrastructure.Data;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.BrowserTests.Infrastructure;

/// <summary>
/// The real app (Program) on Kestrel on a real loopback port, on its own database of the shared test
/// server and seeded with the LPC demo track, plus one headless Chromium for the test class.
/// Use as a class fixture; each test opens its own <see cref="BrowserSession"/> (a fresh browser context).
/// </summary>
public class BrowserApp(PostgresServer server) : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Debian's chromium package (apt-get install chromium); REVIEWPORTAL_CHROMIUM names another binary.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("REVIEWPORTAL_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"reviewportal-browser-{Guid.NewGuid():N}");
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _usedConnectionString;

    public string ConnectionString { get; private set; } = "";

    /// <summary>Where the app writes .eml files when a mail job runs (none does here: Jobs:RunServer=false).</summary>
    public string MailDirectory => Path.Combine(_root, "mail");

    /// <summary>The app's DataDirectory (a temp folder of this fixture); the demo seed writes demo-logins.tsv here.</summary>
    public string DataDirectory => Path.Combine(_root, "data");

    /// <summary>The demo seed's logins ("roles\tname\temail\tpassword" lines, roles like "chair,speaker"), written at start-up.</summary>
    public string DemoLoginsFile => Path.Combine(DataDirectory, "demo-logins.tsv");

    /// <summary>
    /// The first demo login whose main (first) role is this one ("admin", "chair", "reviewer", "speaker"), as the seed wrote it
    /// to <see cref="DemoLoginsFile"/>: the headline logins come first (Daniel Borkmann, Jakub Kicinski, Alan Maguire).
    /// </summary>
    public DemoAccount DemoLogin(string role)
    {
        if (!File.Exists(DemoLoginsFile))
            throw new FileNotFoundException("The demo seed wrote no logins (is Seed:DemoData on?).", DemoLoginsFile);
        return File.ReadAllLines(DemoLoginsFile)
            .Select(line => line.Split('\t'))
            .Where(parts => parts.Length == 4 && parts[0].Split(',')[0] == role)
            .Select(parts => new DemoAccount(parts[0], parts[1], parts[2], parts[3]))
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"No {role} login in {DemoLoginsFile}:\n{File.ReadAllText(DemoLoginsFile)}");
    }

    /// <summary>The app's clock; starts at the real time and moves only when a test moves it.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

    /// <summary>The address Kestrel really listens on, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>Extra configuration (key → value) on top of the defaults; a subclass changes it in its constructor.</summary>
    protected Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal)
    {
        ["Seed:DemoData"] = "true",
        ["Jobs:RunServer"] = "false",
        ["RateLimiting:Auth:PermitLimit"] = "1000",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore.HttpsPolicy"] = "Error",
    };

    public virtual async ValueTask InitializeAsync()
    {
        var name = GetType().Name;
        ConnectionString = await server.CreateDatabaseAsync(name.Length > 20 ? name[..20] : name);

        // A port chosen up front, so that links in mail (App:PublicBaseUrl, required outside Development) name it.
        var port = ReviewPortal.Infrastructure.Net.LoopbackPort.Free();
        Settings["App:PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reports no addresses.");
        BaseUrl = addresses.First().TrimEnd('/');

        if (!File.Exists(ChromiumPath))
            throw new FileNotFoundException($"No Chromium at {ChromiumPath}: apt-get install chromium (playwright install cannot download here).", ChromiumPath);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ReviewPortal", ConnectionString);
        builder.UseSetting("Mail:PickupDirectory", MailDirectory);
        builder.UseSetting("DataDirectory", DataDirectory);
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices((context, services) =>
        {
            _usedConnectionString = context.Configuration[$"ConnectionStrings:{ReviewPortal.Infrastructure.DependencyInjection.ConnectionStringName}"];
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>A fresh browser context (own cookies, 1280×900 viewport) with one page on <see cref="BaseUrl"/>.</summary>
    public async Task<BrowserSession> NewSessionAsync()
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(this, context, page);
    }

    /// <summary>Runs <paramref name="work"/> with a fresh scope's DbContext (no HTTP request: it acts as the system).</summary>
    public async Task<T> WithDbAsync<T>(Func<ApplicationDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        PostgresServer.ClosePools(_usedConnectionString);
        try
        {
            if (Directory.Exists(_root))
                Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Leftover temp files are harmless.
        }
    }
}

/// <summary>One line of demo-logins.tsv.</summary>
public sealed record DemoAccount(string Role, string Name, string Email, string Password);
