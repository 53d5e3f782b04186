using Npgsql;
using ReviewPortal.Infrastructure.Postgres;

[assembly: AssemblyFixture(typeof(ReviewPortal.IntegrationTests.Infrastructure.PostgresServer))]

namespace ReviewPortal.IntegrationTests.Infrastructure;

/// <summary>
/// One real PostgreSQL server for the test run: a throwaway cluster started with the app's own launcher
/// (or the server named by REVIEWPORTAL_TEST_DB). Each test class gets a database of its own.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private LocalPostgresCluster? _cluster;
    private string? _root;
    private string _adminConnectionString = "";

    public ValueTask InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable("REVIEWPORTAL_TEST_DB");
        if (!string.IsNullOrWhiteSpace(external))
        {
            _adminConnectionString = external;
            return ValueTask.CompletedTask;
        }

        _root = Path.Combine(Path.GetTempPath(), $"reviewportal-tests-{Guid.NewGuid():N}");
        _cluster = LocalPostgresCluster.Start(new LocalPostgresOptions
        {
            DataDirectory = Path.Combine(_root, "pgdata"),
            Database = "postgres",
            Throwaway = true,
        });
        _adminConnectionString = _cluster.ConnectionString("postgres");
        return ValueTask.CompletedTask;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix.ToLowerInvariant()}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)];
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>
    /// Closes the idle pooled connections of a disposed app (its requests' and its jobs' pools). Npgsql would keep
    /// them for minutes, and a whole run's worth of apps then exceeds the server's max_connections.
    /// </summary>
    public static void ClosePools(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
            return;
        foreach (var variant in new[] { connectionString, ReviewPortal.Infrastructure.DependencyInjection.ForRequests(connectionString) })
        {
            using var connection = new NpgsqlConnection(variant);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        _cluster?.Dispose();
        if (_root is not null)
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless.
            }
        }

        await Task.CompletedTask;
    }
}
