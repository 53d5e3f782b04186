using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace ReviewPortal.IntegrationTests.Foundation;

/// <summary>
/// The app as `dotnet run` starts it, in its own process with no connection string: it starts its own
/// PostgreSQL under the data directory, seeds the demo track, stops the cluster on shutdown and reuses it next time.
/// </summary>
public sealed class EmbeddedDefaultTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"reviewportal-embedded-{Guid.NewGuid():N}");

    private static Process StartApp(string dataDirectory, int port, params string[] extra)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "ReviewPortal.Web.dll"), "--urls", $"http://127.0.0.1:{port}",
                     "--DataDirectory", dataDirectory, "--ConnectionStrings:ReviewPortal", "", "--Logging:LogLevel:Default", "Warning" }.Concat(extra))
            info.ArgumentList.Add(a);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        return Process.Start(info)!;
    }


    private static async Task<string> RunUntilHealthyThenStopAsync(string dataDirectory)
    {
        var port = ReviewPortal.Infrastructure.Net.LoopbackPort.Free();
        using var app = StartApp(dataDirectory, port);
        var output = new System.Text.StringBuilder();
        app.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        app.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (true)
            {
                try
                {
                    var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
                    if (health.StatusCode == HttpStatusCode.OK)
                        break;
                }
                catch (HttpRequestException)
                {
                }

                Assert.False(app.HasExited, $"The app exited early:\n{output}");
                Assert.True(DateTime.UtcNow < deadline, $"The app did not become healthy:\n{output}");
                await Task.Delay(500);
            }

            var conferences = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/v1/conferences", UriKind.Relative))).RootElement;
            var track = conferences[0].GetProperty("tracks")[0];
            Assert.Equal("eBPF & Networking Track", track.GetProperty("name").GetString());
            Assert.Equal(38, track.GetProperty("proposalCount").GetInt32()); // 38 talks: the opening is an organisers' item
        }
        finally
        {
            // What Ctrl+C or a service manager does.
            using (var term = Process.Start("kill", ["-TERM", app.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await term.WaitForExitAsync();
            await app.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }

        lock (output)
            return output.ToString();
    }

    [Fact]
    public async Task Without_a_connection_string_the_app_runs_its_own_postgres_stops_it_on_exit_and_reuses_it()
    {
        var first = await RunUntilHealthyThenStopAsync(_dataDirectory);
        Assert.Contains("Demo logins", first, StringComparison.Ordinal);
        Assert.Contains("chair     daniel.borkmann@lpc-demo.example", first, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "postgres", "PG_VERSION")));
        Assert.False(File.Exists(Path.Combine(_dataDirectory, "postgres", "postmaster.pid")), "The cluster is still running after the app stopped.");

        var second = await RunUntilHealthyThenStopAsync(_dataDirectory);
        Assert.DoesNotContain("Created a local PostgreSQL cluster", second, StringComparison.Ordinal);
        Assert.Contains("chair     daniel.borkmann@lpc-demo.example", second, StringComparison.Ordinal); // the same logins, shown again
        Assert.False(File.Exists(Path.Combine(_dataDirectory, "postgres", "postmaster.pid")));
    }

    [Fact]
    public async Task Without_postgres_binaries_the_app_exits_with_one_line_naming_the_package()
    {
        using var app = StartApp(_dataDirectory, ReviewPortal.Infrastructure.Net.LoopbackPort.Free(), "--LocalPostgres:BinDirectory", "/nonexistent/bin");
        var stderr = await app.StandardError.ReadToEndAsync();
        await app.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, app.ExitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("apt-get install -y postgresql", line, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_dataDirectory))
                Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
