using System.Collections.Concurrent;
using System.Data.Common;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.Infrastructure.Data;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Api;

/// <summary>The app with every SQL command it sends recorded, to count the work a bearer request costs.</summary>
public sealed class CommandCountingApp(PostgresServer server) : ReviewPortalApp(server)
{
    public ConcurrentQueue<string> Commands { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
            services.ConfigureDbContext<ApplicationDbContext>(o => o.AddInterceptors(new Recorder(Commands))));
    }

    private sealed class Recorder(ConcurrentQueue<string> commands) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            commands.Enqueue(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            commands.Enqueue(command.CommandText);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

public sealed class ApiTokenQueryTests(CommandCountingApp app) : IClassFixture<CommandCountingApp>
{
    [Fact]
    public async Task A_bearer_request_costs_one_token_query_and_last_used_one_write_a_minute()
    {
        var owner = await Accounts.SignedInClientAsync(app, $"owner-{Guid.NewGuid():N}@example.org");
        var token = (await Problems.JsonAsync(await owner.PostJsonAsync("/api/v1/me/tokens", new { name = "counted" }), System.Net.HttpStatusCode.Created))
            .GetProperty("token").GetString();
        var bearer = app.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        async Task<List<string>> TokenCommandsOf(Func<Task> request)
        {
            app.Commands.Clear();
            await request();
            return app.Commands.Where(c => c.Contains("\"ApiTokens\"", StringComparison.Ordinal)).ToList();
        }

        async Task Me() => await Problems.JsonAsync(await bearer.GetAsync(new Uri("/api/v1/me", UriKind.Relative)));

        var first = await TokenCommandsOf(Me);
        Assert.Equal(2, first.Count); // the lookup, and "last used" for the first time
        Assert.StartsWith("SELECT", first[0].TrimStart(), StringComparison.Ordinal);
        Assert.Contains("UPDATE", first[1], StringComparison.Ordinal);

        var again = await TokenCommandsOf(Me);
        Assert.Single(again); // within the minute: the lookup only
        Assert.Contains("\"SecretHash\" = ", again[0], StringComparison.Ordinal);
        Assert.Contains("AspNetUserRoles", again[0], StringComparison.Ordinal); // the owner's roles come in the same query
    }
}
