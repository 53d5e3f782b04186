using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Npgsql;
using ReviewPortal.Infrastructure.Postgres;

namespace ReviewPortal.Bench;

/// <summary>
/// A throwaway PostgreSQL cluster (the app's own launcher) and the real app as a child process
/// (<c>dotnet ReviewPortal.Web.dll --urls http://127.0.0.1:PORT</c>), in Production mode with the demo data.
/// Disposing stops the app and the cluster and removes the temp directory.
/// </summary>
internal sealed partial class BenchHost : IAsyncDisposable
{
    private readonly BenchOptions _options;
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"reviewportal-bench-{Guid.NewGuid():N}");
    private readonly object _logLock = new();
    private readonly List<string> _logLines = [];
    private StreamWriter? _log;
    private LocalPostgresCluster? _cluster;
    private Process? _app;

    private BenchHost(BenchOptions options) => _options = options;

    public string BaseUrl { get; private set; } = "";
    public string ConnectionString { get; private set; } = "";
    public string AppLogPath => Path.Combine(_root, "app.log");
    public int AppProcessId => _app?.Id ?? 0;
    public string PostgresDataDirectory => Path.Combine(_root, "pgdata");
    public string MailDirectory => Path.Combine(_root, "mail");

    /// <summary>The demo accounts and their passwords, as the app writes them on seeding (role, name, e-mail, password).</summary>
    public string DemoLoginsFile => Path.Combine(_root, "data", "demo-logins.tsv");

    /// <summary>Lines the app has written so far (stdout and stderr).</summary>
    public IReadOnlyList<string> LogSnapshot()
    {
        lock (_logLock)
            return [.. _logLines];
    }

    public int LogLineCount
    {
        get
        {
            lock (_logLock)
                return _logLines.Count;
        }
    }

    public static async Task<BenchHost> StartAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var host = new BenchHost(options);
        try
        {
            await host.StartCoreAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_root);
        var started = Stopwatch.StartNew();
        _cluster = LocalPostgresCluster.Start(new LocalPostgresOptions
        {
            DataDirectory = PostgresDataDirectory,
            Database = "reviewportal",
            Throwaway = true,
        });
        ConnectionString = _cluster.ConnectionString();
        Console.WriteLine($"PostgreSQL   throwaway cluster on 127.0.0.1:{_cluster.Port} ({PostgresVersion()}), {started.Elapsed.TotalSeconds:0.0} s");

        var webDll = Path.GetFullPath(_options.WebDll ?? Metadata("WebDll"));
        if (!File.Exists(webDll))
            throw new FileNotFoundException($"The app is not built at {webDll}; build the bench (it builds the app) or pass --web-dll.", webDll);
        var port = ReviewPortal.Infrastructure.Net.LoopbackPort.Free();
        BaseUrl = $"http://127.0.0.1:{port}";

        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The project directory is the content root, as with dotnet run: wwwroot and appsettings.json are there.
            WorkingDirectory = _options.WebDll is null ? Metadata("WebProjectDirectory") : Path.GetDirectoryName(webDll)!,
        };
        info.ArgumentList.Add(webDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(BaseUrl);
        var env = info.Environment;
        env["ConnectionStrings__ReviewPortal"] = ConnectionString;
        env["App__PublicBaseUrl"] = BaseUrl; // required outside Development
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["DOTNET_ENVIRONMENT"] = "Production";
        env["Seed__DemoData"] = "true";
        env["RateLimiting__Auth__PermitLimit"] = "100000";
        env["Mail__PickupDirectory"] = Path.Combine(_root, "mail");
        env["DataDirectory"] = Path.GetDirectoryName(DemoLoginsFile);
        env["Logging__LogLevel__Default"] = "Warning";
        // Each assignment run logs its stage timings at Information (assignment-e2e prints them for the slow runs).
        env["Logging__LogLevel__ReviewPortal.Application.Features.Assignment.ExecuteAssignmentRunHandler"] = "Information";
        env["Jobs__RunServer"] = _options.NoJobServer ? "false" : "true";
        if (_options.Diagnose)
            env["Logging__LogLevel__ReviewPortal.Application.Common.Behaviours"] = "Debug"; // queries log their successes at Debug
        foreach (var (key, value) in _options.AppEnvironment)
            env[key] = value;

        _log = new StreamWriter(AppLogPath) { AutoFlush = true };
        _app = new Process { StartInfo = info, EnableRaisingEvents = true };
        _app.OutputDataReceived += (_, e) => Record(e.Data);
        _app.ErrorDataReceived += (_, e) => Record(e.Data);
        started.Restart();
        if (!_app.Start())
            throw new InvalidOperationException("Could not start the app.");
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();
        Console.WriteLine($"App          dotnet {Path.GetRelativePath(Environment.CurrentDirectory, webDll)} --urls {BaseUrl} (pid {_app.Id}, Production)");

        await WaitForHealthAsync(started, cancellationToken);
    }

    private async Task WaitForHealthAsync(Stopwatch started, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = TimeSpan.FromSeconds(180);
        string last = "no answer";
        while (started.Elapsed < deadline)
        {
            if (_app!.HasExited)
                throw new InvalidOperationException($"The app exited with code {_app.ExitCode} before it was healthy:\n{Tail(40)}");
            try
            {
                using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Console.WriteLine($"App healthy  /healthz 200 after {started.Elapsed.TotalSeconds:0.0} s (migrations, demo seed)");
                    return;
                }

                last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "timeout";
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"/healthz did not answer 200 within {deadline.TotalSeconds:0} s (last: {last}):\n{Tail(40)}");
    }

    private void Record(string? line)
    {
        if (line is null)
            return;
        lock (_logLock)
        {
            _logLines.Add(line);
            _log?.WriteLine(line);
        }
    }

    /// <summary>The last lines of the app's output.</summary>
    public string Tail(int lines)
    {
        lock (_logLock)
            return string.Join('\n', _logLines.Skip(Math.Max(0, _logLines.Count - lines)));
    }

    /// <summary>Warnings and errors the app logged from line <paramref name="from"/> on, grouped by category and first message line.</summary>
    public IReadOnlyList<(string Entry, int Count)> Problems(int from = 0)
    {
        var lines = LogSnapshot();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = from; i < lines.Count; i++)
        {
            var match = LevelLine().Match(lines[i]);
            if (!match.Success)
                continue;
            var message = i + 1 < lines.Count ? lines[i + 1].Trim() : "";
            message = Guids().Replace(message, "<id>");
            var key = $"{match.Groups[1].Value}: {match.Groups[2].Value}: {(message.Length > 160 ? message[..160] + "…" : message)}";
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return [.. counts.OrderByDescending(c => c.Value).Select(c => (c.Key, c.Value))];
    }

    /// <summary>Stops the cluster (fast shutdown: every connection is cut), waits, and starts it again on the same port.</summary>
    public async Task RestartPostgresAsync(TimeSpan down, CancellationToken cancellationToken)
    {
        _cluster!.Stop();
        NpgsqlConnection.ClearAllPools(); // the bench's own pooled connections died with the server
        await Task.Delay(down, cancellationToken);
        _cluster = LocalPostgresCluster.Start(new LocalPostgresOptions
        {
            DataDirectory = PostgresDataDirectory,
            Database = "reviewportal",
            Throwaway = true,
        });
    }

    public async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<int> ExecuteAsync(string sql, Action<NpgsqlParameterCollection>? parameters = null, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        parameters?.Invoke(command.Parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<List<(string Key, long Count)>> GroupCountAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string, long)>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        return rows;
    }

    /// <summary>Cumulative counters of the app's database (pg_stat_database): commits, rows inserted, updated, deleted.</summary>
    public async Task<DatabaseCounters> DatabaseCountersAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted FROM pg_stat_database WHERE datname = current_database()
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new DatabaseCounters(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    /// <summary>The postmaster's process id (first line of postmaster.pid), for CPU accounting.</summary>
    public int PostmasterPid()
    {
        var file = Path.Combine(PostgresDataDirectory, "postmaster.pid");
        return File.Exists(file) && int.TryParse(File.ReadLines(file).FirstOrDefault(), out var pid) ? pid : 0;
    }

    private string PostgresVersion()
    {
        try
        {
            using var connection = new NpgsqlConnection(ConnectionString);
            connection.Open();
            return "PostgreSQL " + connection.PostgreSqlVersion;
        }
        catch (NpgsqlException)
        {
            return "PostgreSQL ?";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { HasExited: false })
        {
            // SIGTERM first so that Hangfire and Kestrel stop cleanly; kill if it does not stop in time.
            try
            {
                using var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", _app.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
                term?.WaitForExit();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await _app.WaitForExitAsync(timeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                _app.Kill(entireProcessTree: true);
                await _app.WaitForExitAsync();
            }
        }

        _app?.Dispose();
        NpgsqlConnection.ClearAllPools();
        try
        {
            _cluster?.Dispose();
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"Stopping PostgreSQL failed: {ex.Message}");
        }

        lock (_logLock)
        {
            _log?.Dispose();
            _log = null;
        }

        if (_options.Keep)
        {
            Console.WriteLine($"Kept         {_root} (app.log, mail/; the PostgreSQL cluster is stopped)");
            return;
        }

        try
        {
            if (Directory.Exists(_root))
                Directory.Delete(_root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not remove {_root}: {ex.Message}");
        }
    }

    private static string Metadata(string key) =>
        typeof(BenchHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing.");

    public static string BuildConfiguration => Metadata("Configuration");


    [GeneratedRegex(@"^(warn|fail|crit): ([^\[]+)")]
    private static partial Regex LevelLine();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guids();
}

internal sealed record DatabaseCounters(long Commits, long Rollbacks, long Inserted, long Updated, long Deleted)
{
    public static DatabaseCounters operator -(DatabaseCounters a, DatabaseCounters b) =>
        new(a.Commits - b.Commits, a.Rollbacks - b.Rollbacks, a.Inserted - b.Inserted, a.Updated - b.Updated, a.Deleted - b.Deleted);

    public string PerUnit(int units) =>
        $"{Commits} commits ({(double)Commits / units:0.0} per submission), {Rollbacks} rollbacks, rows: {Inserted} inserted ({(double)Inserted / units:0.0} per submission), " +
        $"{Updated} updated, {Deleted} deleted";
}
