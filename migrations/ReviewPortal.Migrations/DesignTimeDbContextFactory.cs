using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ReviewPortal.Infrastructure;
using ReviewPortal.Infrastructure.Data;

namespace ReviewPortal.Migrations;

/// <summary>
/// Lets `dotnet ef` build the model without starting the web app (and its embedded database).
/// Adding a migration or writing the SQL script needs no server; `database update` uses REVIEWPORTAL_DB.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ApplicationDbContext>
{
    public ApplicationDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("REVIEWPORTAL_DB")
            ?? "Host=127.0.0.1;Database=reviewportal;Username=postgres";
        var options = new DbContextOptionsBuilder<ApplicationDbContext>();
        DependencyInjection.ConfigureNpgsql(options, connectionString);
        return new ApplicationDbContext(options.Options);
    }
}
