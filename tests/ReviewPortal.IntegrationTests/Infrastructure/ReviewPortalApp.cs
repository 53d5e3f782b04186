using System.Net;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Infrastructure.Data;

namespace ReviewPortal.IntegrationTests.Infrastructure;

/// <summary>
/// The real app (Program) on its own database of the shared test server. Settings that a test class needs
/// (SMTP, demo seed, job server, rate limits) are passed to the constructor of a subclass or set before first use.
/// </summary>
public class ReviewPortalApp(PostgresServer server) : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _mailDirectory = Path.Combine(Path.GetTempPath(), $"reviewportal-mail-{Guid.NewGuid():N}");
    private string? _usedConnectionString;

    public string ConnectionString { get; private set; } = "";

    /// <summary>The app's clock; starts at the real time and moves only when a test moves it.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

    /// <summary>Extra configuration for this app (key → value), applied on top of the defaults below.</summary>
    protected Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal)
    {
        ["Seed:DemoData"] = "false",
        // The test server's own address: outside Development links in mail come only from this setting.
        ["App:PublicBaseUrl"] = "http://localhost",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore.HttpsPolicy"] = "Error",
        ["Jobs:RunServer"] = "false",
        ["Jobs:SchedulePollingIntervalSeconds"] = "1",
        ["RateLimiting:Auth:PermitLimit"] = "1000",
        ["Mail:RetryDelaysSeconds:0"] = "1",
        ["Mail:RetryDelaysSeconds:1"] = "2",
        ["Mail:RetryDelaysSeconds:2"] = "5",
    };

    public string MailDirectory => _mailDirectory;

    public virtual async ValueTask InitializeAsync()
    {
        ConnectionString = await server.CreateDatabaseAsync(GetType().Name.Length > 20 ? GetType().Name[..20] : GetType().Name);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ReviewPortal", ConnectionString);
        builder.UseSetting("Mail:PickupDirectory", _mailDirectory);
        builder.UseSetting("DataDirectory", Path.Combine(_mailDirectory, "data"));
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices((context, services) =>
        {
            // The string the host really uses (a subclass may point it elsewhere), whose pools are closed on dispose.
            _usedConnectionString = context.Configuration[$"ConnectionStrings:{ReviewPortal.Infrastructure.DependencyInjection.ConnectionStringName}"];
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>A client that keeps cookies and does not follow redirects (tests look at them).</summary>
    public HttpClient CreateBrowserClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    /// <summary>Runs <paramref name="work"/> with a fresh scope's DbContext (no HTTP request: it acts as the system).</summary>
    public async Task<T> WithDbAsync<T>(Func<ApplicationDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>());
    }

    public async Task WithDbAsync(Func<ApplicationDbContext, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>());
    }

    /// <summary>Sends a command or query through the real mediator pipeline as the system (seeding test data).</summary>
    public async Task<T> SendAsSystemAsync<T>(ICommand<T> command)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    /// <summary>Sends a request (a system operation outside the command transaction, such as a mail delivery) as the system.</summary>
    public async Task<T> SendAsSystemAsync<T>(IRequest<T> request)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        PostgresServer.ClosePools(_usedConnectionString);
        try
        {
            if (Directory.Exists(_mailDirectory))
                Directory.Delete(_mailDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Leftover temp files are harmless.
        }
    }
}
