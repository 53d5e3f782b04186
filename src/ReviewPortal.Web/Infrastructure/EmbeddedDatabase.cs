using ReviewPortal.Infrastructure;
using ReviewPortal.Infrastructure.Postgres;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>
/// The embedded default: with no ConnectionStrings:ReviewPortal, start (or reuse) a local PostgreSQL cluster
/// under .data/postgres and point the app at it; stop it when the app stops.
/// </summary>
internal static class EmbeddedDatabase
{
    /// <summary>Returns the connection string to use; sets <paramref name="cluster"/> when the embedded cluster runs.</summary>
    public static string Resolve(WebApplicationBuilder builder, out LocalPostgresCluster? cluster)
    {
        cluster = null;
        var configured = builder.Configuration.GetConnectionString(DependencyInjection.ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
            return configured;

        var options = builder.Configuration.GetSection(LocalPostgresOptions.Section).Get<LocalPostgresOptions>() ?? new LocalPostgresOptions();
        options.DataDirectory ??= Path.Combine(AppPaths.DataRoot(builder.Configuration, builder.Environment), "postgres");
        using var loggerFactory = LoggerFactory.Create(b => b.AddConsole());
        cluster = LocalPostgresCluster.Start(options, loggerFactory.CreateLogger("ReviewPortal.LocalPostgres"));
        var connectionString = cluster.ConnectionString();
        builder.Configuration[$"ConnectionStrings:{DependencyInjection.ConnectionStringName}"] = connectionString;
        // Nothing else is configured, so this is a local try-out: seed the demo track unless told otherwise.
        builder.Configuration["Seed:DemoData"] ??= "true";
        builder.Services.AddSingleton(cluster);
        builder.Services.AddHostedService<EmbeddedDatabaseLifetime>();
        return connectionString;
    }
}

/// <summary>Stops the embedded cluster after everything else (Hangfire included) has stopped.</summary>
internal sealed class EmbeddedDatabaseLifetime(LocalPostgresCluster cluster) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        cluster.Stop();
        return Task.CompletedTask;
    }
}
