using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Foundation;

/// <summary>The app with one extra URL that fails the way a bug would, behind the app's own error handling.</summary>
public sealed class FaultyApp(PostgresServer server) : ReviewPortalApp(server)
{
    public const string Secret = "connection string Password=hunter2 at Npgsql.Internal";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddTransient<IStartupFilter, ThrowingEndpoint>());
    }

    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            // Reached only by URLs no endpoint of the app matches, after the app's exception handler.
            app.Run(ctx => ctx.Request.Path.Value!.EndsWith("/boom", StringComparison.Ordinal)
                ? throw new InvalidOperationException(Secret)
                : Task.CompletedTask);
        };
    }
}

public sealed class UnexpectedErrorTests(FaultyApp app) : IClassFixture<FaultyApp>
{
    [Fact]
    public async Task An_unexpected_error_is_a_500_problem_with_a_trace_id_and_no_internals()
    {
        var response = await app.CreateClient().GetAsync(new Uri("/api/v1/boom", UriKind.Relative));
        var problem = await Problems.AssertAsync(response, HttpStatusCode.InternalServerError);
        var body = problem.GetRawText();
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task In_the_browser_an_unexpected_error_shows_the_error_page_with_a_trace_id_only()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        var page = await HtmlPage.GetAsync(client, "/somewhere/boom");
        Assert.Equal(HttpStatusCode.InternalServerError, page.Response.StatusCode);
        Assert.Contains("Something went wrong", page.Text, StringComparison.Ordinal);
        Assert.Contains("trace id", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", page.Text, StringComparison.Ordinal);
    }
}
