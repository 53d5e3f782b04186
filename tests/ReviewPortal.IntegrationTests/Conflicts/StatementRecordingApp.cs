using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.Infrastructure.Data;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Conflicts;

/// <summary>
/// The real app, plus a record of the SQL statements EF Core sends while a piece of work runs in the test's own async
/// flow (<see cref="RecordAsync"/>): work without an HTTP request, such as a conflict refresh run by a job.
/// </summary>
public sealed class StatementRecordingApp(PostgresServer server) : ReviewPortalApp(server)
{
    private static readonly AsyncLocal<ConcurrentQueue<string>?> Current = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
            services.ConfigureDbContext<ApplicationDbContext>(o => o.AddInterceptors(new RecordStatements()), ServiceLifetime.Singleton));
    }

    /// <summary>Runs <paramref name="work"/> and returns every statement it sent.</summary>
    public static async Task<IReadOnlyList<string>> RecordAsync(Func<Task> work)
    {
        var statements = new ConcurrentQueue<string>();
        Current.Value = statements;
        try
        {
            await work();
        }
        finally
        {
            Current.Value = null;
        }
        return [.. statements];
    }

    private sealed class RecordStatements : DbCommandInterceptor
    {
        private static void Record(DbCommand command) => Current.Value?.Enqueue(command.CommandText);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Record(command);
            return result;
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Record(command);
            return result;
        }
    }
}
