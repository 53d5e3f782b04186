using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.Infrastructure.Data;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Performance;

/// <summary>
/// The real app, plus a record of every SQL statement EF Core sends while a request runs, keyed by that
/// request's <see cref="RequestHeader"/>. Statements of other requests and of background work are not recorded.
/// </summary>
public sealed class StatementCountingApp : ReviewPortalApp
{
    // The statements of rendering a page are what is counted; a reload answered by the page cache sends none.
    public StatementCountingApp(PostgresServer server) : base(server) => Settings["PageCache:Seconds"] = "0";

    public const string RequestHeader = "X-Test-Request";

    private static readonly AsyncLocal<string?> CurrentRequest = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _statements = new(StringComparer.Ordinal);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddTransient<IStartupFilter>(_ => new TagRequests());
            services.ConfigureDbContext<ApplicationDbContext>(o => o.AddInterceptors(new RecordStatements(this)), ServiceLifetime.Singleton);
        });
    }

    /// <summary>Sends GET <paramref name="url"/> and returns the answer and the SQL statements the app sent while answering it.</summary>
    public async Task<(HttpResponseMessage Response, IReadOnlyList<string> Statements)> GetCountingAsync(HttpClient client, string url)
    {
        var tag = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Add(RequestHeader, tag);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return (response, _statements.TryRemove(tag, out var statements) ? [.. statements] : []);
    }

    private void Record(DbCommand command)
    {
        if (CurrentRequest.Value is { } tag)
            _statements.GetOrAdd(tag, _ => new ConcurrentQueue<string>()).Enqueue(command.CommandText);
    }

    /// <summary>First in the pipeline: everything the request does below it runs with its tag in the async context.</summary>
    private sealed class TagRequests : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate following) =>
            {
                CurrentRequest.Value = context.Request.Headers[RequestHeader].FirstOrDefault();
                try
                {
                    await following(context);
                }
                finally
                {
                    CurrentRequest.Value = null;
                }
            });
            next(app);
        };
    }

    private sealed class RecordStatements(StatementCountingApp app) : DbCommandInterceptor
    {
        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            app.Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            app.Record(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            app.Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            app.Record(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            app.Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            app.Record(command);
            return ValueTask.FromResult(result);
        }
    }
}
