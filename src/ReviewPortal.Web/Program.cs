using ReviewPortal.Infrastructure.Postgres;
using ReviewPortal.Web;
using ReviewPortal.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

try
{
    // First, before a database is started or reached: outside Development links in mail need the public URL.
    PublicBaseUrl.Configure(builder);
}
catch (PublicBaseUrlException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

string connectionString;
LocalPostgresCluster? cluster;
try
{
    connectionString = EmbeddedDatabase.Resolve(builder, out cluster);
}
catch (PostgresNotInstalledException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

try
{
    builder.AddReviewPortal(connectionString);
    var app = builder.Build();
    await StartupTasks.InitialiseAsync(app);
    app.UseReviewPortal();
    await app.RunAsync();
    return 0;
}
finally
{
    // Also when start-up fails: never leave the embedded cluster running behind a dead app.
    cluster?.Stop();
}

/// <summary>Entry point; public so the functional tests can host the real app (WebApplicationFactory).</summary>
public partial class Program;
