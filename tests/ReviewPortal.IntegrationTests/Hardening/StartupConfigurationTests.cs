using System.Diagnostics;

namespace ReviewPortal.IntegrationTests.Hardening;

/// <summary>The built app in its own process, as a service manager starts it outside Development.</summary>
public sealed class StartupConfigurationTests
{
    private static async Task<(int ExitCode, string Stderr)> RunAsync(string environment, params string[] settings)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        var port = ReviewPortal.Infrastructure.Net.LoopbackPort.Free();
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "ReviewPortal.Web.dll"), "--urls", $"http://127.0.0.1:{port}",
                     // A database nobody listens on: the app must refuse before it gets that far.
                     "--ConnectionStrings:ReviewPortal", $"Host=127.0.0.1;Port={ReviewPortal.Infrastructure.Net.LoopbackPort.Free()};Username=x;Password=x",
                     "--Logging:LogLevel:Default", "Warning" }.Concat(settings))
            info.ArgumentList.Add(a);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        info.Environment.Remove("App__PublicBaseUrl");
        using var app = Process.Start(info)!;
        var stdout = app.StandardOutput.ReadToEndAsync();
        var stderr = await app.StandardError.ReadToEndAsync();
        try
        {
            await app.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            app.Kill(entireProcessTree: true);
            throw;
        }

        await stdout;
        return (app.ExitCode, stderr);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Outside_development_the_app_refuses_to_start_without_a_public_base_url_in_one_line(string environment)
    {
        var (exitCode, stderr) = await RunAsync(environment);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("App:PublicBaseUrl", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_base_url_that_is_not_an_absolute_http_url_is_refused_in_one_line()
    {
        var (exitCode, stderr) = await RunAsync("Production", "--App:PublicBaseUrl", "review.example.org");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("App:PublicBaseUrl", line, StringComparison.Ordinal);
    }
}
