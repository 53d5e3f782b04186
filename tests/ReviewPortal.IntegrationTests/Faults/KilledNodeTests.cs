using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.Infrastructure.Net;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Faults;

/// <summary>The surviving node: short invisibility and attempt timeouts, so a test sees it take over within seconds.</summary>
public sealed class SurvivingNodeApp : FaultsApp
{
    public SurvivingNodeApp(PostgresServer server) : base(server)
    {
        foreach (var (key, value) in NodeSettings)
            Settings[key] = value;
    }

    public static readonly Dictionary<string, string> NodeSettings = new(StringComparer.Ordinal)
    {
        ["Jobs:InvisibilityTimeoutSeconds"] = "5",
        ["Mail:AttemptTimeoutSeconds"] = "5",
    };
}

/// <summary>
/// Issue 6, point 13: a second app process (the built ReviewPortal.Web.dll) with its job server on is killed with
/// SIGKILL while it delivers a retry; the surviving node delivers the mail, and the killed node's job does not stay
/// "Processing".
/// </summary>
public sealed class KilledNodeTests(SurvivingNodeApp app) : IClassFixture<SurvivingNodeApp>
{
    [Fact]
    public async Task A_retry_in_flight_on_a_killed_node_is_delivered_by_the_surviving_node_and_its_job_does_not_stay_processing()
    {
        var email = $"killed-node-{Guid.NewGuid():N}@example.org";
        app.Smtp.RefuseNext(1); // the first attempt fails, so the one in flight is a retry (Attempts = 1)
        app.Smtp.StallNext(1);

        var port = LoopbackPort.Free();
        using var node = StartNode(port);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitHealthyAsync(http, node);
            var response = await http.PostAsJsonAsync("/api/v1/accounts", new { email, password = Accounts.Password, displayName = "Killed Node" });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await Eventually.ThatAsync(() => Task.FromResult(app.Smtp.Stalled), n => n == 1, TimeSpan.FromSeconds(60), "the retry to be in flight on the node");
        }
        finally
        {
            node.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no clean-up
            await node.WaitForExitAsync();
        }

        app.Smtp.ReleaseStalled();

        // The survivor starts now; its clock is past the killed attempt's timeout.
        app.Clock.SetUtcNow(DateTimeOffset.UtcNow.AddMinutes(1));
        var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await app.RunSweepAsync();

        await app.Smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(x => x.Address == email), TimeSpan.FromSeconds(30));
        var row = await Eventually.ThatAsync(
            () => app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == email)),
            m => m.SentUtc is not null, TimeSpan.FromSeconds(10), "the mail to be marked sent");
        Assert.Equal(1, row.UnconfirmedAttempts); // the killed attempt's outcome is unknown
        await Eventually.ThatAsync(() => Task.FromResult(monitoring.ProcessingCount()), n => n == 0, TimeSpan.FromSeconds(60),
            "the killed node's job to be taken over after Jobs:InvisibilityTimeoutSeconds");
        Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(x => x.Address == email));
    }

    private Process StartNode(int port)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        var settings = new Dictionary<string, string>(SurvivingNodeApp.NodeSettings, StringComparer.Ordinal)
        {
            ["ConnectionStrings:ReviewPortal"] = app.ConnectionString,
            ["DataDirectory"] = Path.Combine(app.MailDirectory, "killed-node"),
            ["Jobs:RunServer"] = "true",
            ["Jobs:SchedulePollingIntervalSeconds"] = "1",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = app.Smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Mail:RetryDelaysSeconds:0"] = "1",
            ["Mail:AttemptTimeoutSeconds"] = "300", // the node itself would wait; the survivor's clock decides
            ["Seed:DemoData"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["App:PublicBaseUrl"] = $"http://127.0.0.1:{port}",
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ReviewPortal.Web.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in settings)
        {
            info.ArgumentList.Add($"--{key}");
            info.ArgumentList.Add(value);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_nodeOutput) _nodeOutput.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private readonly System.Text.StringBuilder _nodeOutput = new();

    private async Task WaitHealthyAsync(HttpClient http, Process node)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            try
            {
                if ((await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
            }

            lock (_nodeOutput)
            {
                Assert.False(node.HasExited, $"The node exited early:\n{_nodeOutput}");
                Assert.True(DateTime.UtcNow < deadline, $"The node did not become healthy:\n{_nodeOutput}");
            }

            await Task.Delay(500);
        }
    }
}
