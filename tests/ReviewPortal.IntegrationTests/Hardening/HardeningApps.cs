using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.Infrastructure.Net;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Hardening;

/// <summary>The app as `dotnet run` starts it (Development) with no App:PublicBaseUrl: links use the listen address.</summary>
public sealed class DevelopmentApp : ReviewPortalApp
{
    public DevelopmentApp(PostgresServer server) : base(server) => Settings["App:PublicBaseUrl"] = "";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
    }
}

/// <summary>A deployment behind a TLS-terminating proxy: the public URL is https, requests reach the app over http.</summary>
public sealed class HttpsPublicApp : ReviewPortalApp
{
    public const string PublicBaseUrl = "https://reviews.example";

    public HttpsPublicApp(PostgresServer server) : base(server) => Settings["App:PublicBaseUrl"] = PublicBaseUrl;
}

/// <summary>The app on real Kestrel (a loopback port), for what only a real server adds (the Server header).</summary>
public sealed class KestrelApp(PostgresServer server) : ReviewPortalApp(server)
{
    public Uri BaseAddress { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }
}

/// <summary>The app on a database that refuses connections (nothing listens on the port); it starts, as it must not migrate.</summary>
public sealed class DatabaseDownApp : ReviewPortalApp
{
    private readonly int _closedPort = LoopbackPort.Free();

    public DatabaseDownApp(PostgresServer server) : base(server) => Settings["Database:MigrateOnStartup"] = "false";

    public override ValueTask InitializeAsync() => ValueTask.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:ReviewPortal",
            $"Host=127.0.0.1;Port={_closedPort};Database=reviewportal;Username=reviewportal;Password=unused");
    }
}

/// <summary>The app on a database it can lose: its connections go through a <see cref="SwitchableTcpProxy"/>.</summary>
public sealed class DatabaseGoesDownApp(PostgresServer server) : ReviewPortalApp(server)
{
    public SwitchableTcpProxy Proxy { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var target = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        Proxy = new SwitchableTcpProxy(target.Host!, target.Port);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var proxied = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Host = "127.0.0.1", Port = Proxy.Port };
        builder.UseSetting("ConnectionStrings:ReviewPortal", proxied.ConnectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Proxy.DisposeAsync();
    }
}
