using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReviewPortal.Infrastructure;
using ReviewPortal.Infrastructure.Data;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Foundation;

public sealed class MigrationTests(PostgresServer server)
{
    private static ApplicationDbContext Context(string connectionString)
    {
        var options = new DbContextOptionsBuilder<ApplicationDbContext>();
        DependencyInjection.ConfigureNpgsql(options, connectionString);
        return new ApplicationDbContext(options.Options);
    }

    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_match_the_model()
    {
        var connectionString = await server.CreateDatabaseAsync("migrate");
        await using var db = Context(connectionString);

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Model.GetRelationalModel() is null);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no migration describes: add a migration.");
        Assert.Equal(0, await db.Submissions.CountAsync());
    }

    [Fact]
    public async Task The_idempotent_sql_script_creates_the_schema_and_can_run_twice()
    {
        var script = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "migrations", "ReviewPortal.Migrations", "migrate.sql"));
        var connectionString = await server.CreateDatabaseAsync("script");

        for (var run = 0; run < 2; run++)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(script, connection);
            await command.ExecuteNonQueryAsync();
        }

        await using var db = Context(connectionString);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Conferences.CountAsync());
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReviewPortal.sln")))
                return dir.FullName;
        }

        throw new DirectoryNotFoundException("ReviewPortal.sln not found above the test binaries.");
    }
}
