using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ReviewPortal.Infrastructure.Net;

namespace ReviewPortal.Infrastructure.Postgres;

/// <summary>
/// A PostgreSQL cluster of our own, from the machine's PostgreSQL binaries: the embedded default of
/// <c>dotnet run</c> and the throwaway database server of the tests. Created on first use, reused after;
/// stopped by <see cref="Dispose"/> only if this instance started it.
/// </summary>
/// <remarks>
/// initdb refuses to run as root, so as root every server command runs as the <c>postgres</c> OS user
/// (runuser) in a directory that user owns. The server listens on 127.0.0.1 only, with a generated password.
/// </remarks>
public sealed class LocalPostgresCluster : IDisposable
{
    private const string ServiceUser = "postgres";
    private readonly LocalPostgresOptions _options;
    private readonly ILogger _logger;
    private readonly string _binDirectory;
    private readonly string _dataDirectory;
    private readonly string _stateFile;
    private readonly bool _asServiceUser;
    private State _state = new();
    private bool _startedHere;

    private LocalPostgresCluster(LocalPostgresOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _dataDirectory = Path.GetFullPath(options.DataDirectory
            ?? throw new ArgumentException("LocalPostgres:DataDirectory is required.", nameof(options)));
        _stateFile = _dataDirectory.TrimEnd(Path.DirectorySeparatorChar) + ".json";
        _binDirectory = FindBinDirectory(options.BinDirectory);
        _asServiceUser = Environment.IsPrivilegedProcess;
    }

    public string DataDirectory => _dataDirectory;
    public int Port => _state.Port;

    /// <summary>Connection string for <paramref name="database"/> (default: the configured database).</summary>
    public string ConnectionString(string? database = null) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _state.Port,
        Username = ServiceUser,
        Password = _state.Password,
        Database = database ?? _options.Database,
    }.ConnectionString;

    /// <summary>Creates the cluster if needed, starts it unless it is already running, and creates the database.</summary>
    public static LocalPostgresCluster Start(LocalPostgresOptions options, ILogger? logger = null)
    {
        var cluster = new LocalPostgresCluster(options, logger ?? NullLogger.Instance);
        cluster.StartCore();
        return cluster;
    }

    private void StartCore()
    {
        var parent = Path.GetDirectoryName(_dataDirectory)!;
        Directory.CreateDirectory(parent);
        _state = File.Exists(_stateFile) && File.Exists(Path.Combine(_dataDirectory, "PG_VERSION"))
            ? JsonSerializer.Deserialize<State>(File.ReadAllText(_stateFile)) ?? new State()
            : new State();

        if (!File.Exists(Path.Combine(_dataDirectory, "PG_VERSION")))
            InitDb();

        if (IsRunning())
        {
            _logger.LogInformation("Local PostgreSQL in {DataDirectory} is already running on port {Port}; reusing it", _dataDirectory, _state.Port);
        }
        else
        {
            if (_state.Port == 0 || !LoopbackPort.IsFree(_state.Port))
            {
                _state.Port = _options.Port != 0 ? _options.Port : LoopbackPort.Free();
                SaveState();
            }

            var log = Path.Combine(_dataDirectory, "server.log");
            Run("pg_ctl", "start", "-D", _dataDirectory, "-l", log, "-w", "-t", "60", "-o", $"-p {_state.Port}");
            _startedHere = true;
            _logger.LogInformation("Started local PostgreSQL in {DataDirectory} on 127.0.0.1:{Port} (log: {Log})", _dataDirectory, _state.Port, log);
        }

        EnsureDatabase(_options.Database);
    }

    /// <summary>Creates <paramref name="database"/> if it does not exist yet.</summary>
    public void EnsureDatabase(string database)
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (exists.ExecuteScalar() is not null)
            return;
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        create.ExecuteNonQuery();
    }

    public void Stop()
    {
        if (!_startedHere)
            return;
        _startedHere = false;
        Run("pg_ctl", "stop", "-D", _dataDirectory, "-m", "fast", "-w", "-t", "60");
        _logger.LogInformation("Stopped local PostgreSQL in {DataDirectory}", _dataDirectory);
    }

    public void Dispose() => Stop();

    private void InitDb()
    {
        Directory.CreateDirectory(_dataDirectory);
        _state = new State { Password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant() };
        var passwordFile = _dataDirectory.TrimEnd(Path.DirectorySeparatorChar) + ".pw";
        File.WriteAllText(passwordFile, _state.Password + "\n");
        try
        {
            if (_asServiceUser)
            {
                Chown(_dataDirectory);
                Chown(passwordFile);
            }

            Run("initdb", "-D", _dataDirectory, "-U", ServiceUser, "--auth=scram-sha-256", $"--pwfile={passwordFile}",
                "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions");
        }
        finally
        {
            File.Delete(passwordFile);
        }

        // Loopback TCP only (no Unix socket whose path could be too long); throwaway clusters skip durability.
        var settings = new List<string>
        {
            "",
            "# ReviewPortal local cluster",
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = ''",
            "max_connections = 200",
        };
        if (_options.Throwaway)
            settings.AddRange(["fsync = off", "synchronous_commit = off", "full_page_writes = off"]);
        File.AppendAllLines(Path.Combine(_dataDirectory, "postgresql.conf"), settings);
        SaveState();
        _logger.LogInformation("Created a local PostgreSQL cluster in {DataDirectory}", _dataDirectory);
    }

    private bool IsRunning()
    {
        if (!File.Exists(Path.Combine(_dataDirectory, "postmaster.pid")))
            return false;
        var (exitCode, _) = TryRun("pg_ctl", "status", "-D", _dataDirectory);
        return exitCode == 0 && _state.Port != 0;
    }

    private void SaveState()
    {
        File.WriteAllText(_stateFile, JsonSerializer.Serialize(_state));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(_stateFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private void Run(string tool, params string[] arguments)
    {
        var (exitCode, output) = TryRun(tool, arguments);
        if (exitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed with exit code {exitCode}:\n{output}");
    }

    private (int ExitCode, string Output) TryRun(string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        var executable = Path.Combine(_binDirectory, tool);
        if (_asServiceUser)
        {
            info.FileName = "runuser";
            foreach (var a in new[] { "-u", ServiceUser, "--", executable })
                info.ArgumentList.Add(a);
        }
        else
        {
            info.FileName = executable;
        }

        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static void Chown(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("chown", ["-R", $"{ServiceUser}:{ServiceUser}", path]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not start chown.");
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"chown {path} to {ServiceUser} failed; does the '{ServiceUser}' OS user exist?");
    }

    private static string FindBinDirectory(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(Path.Combine(configured, "initdb")) ? configured
                : throw new PostgresNotInstalledException(
                    $"LocalPostgres:BinDirectory '{configured}' has no initdb: install the Debian package 'postgresql' " +
                    "(apt-get install -y postgresql), point LocalPostgres:BinDirectory at its bin directory, or set ConnectionStrings:ReviewPortal.");
        }

        const string root = "/usr/lib/postgresql";
        if (Directory.Exists(root))
        {
            var newest = Directory.GetDirectories(root)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(x => File.Exists(Path.Combine(x.Dir, "initdb")) && File.Exists(Path.Combine(x.Dir, "pg_ctl")))
                .OrderByDescending(x => x.Version)
                .FirstOrDefault();
            if (newest.Dir is not null)
                return newest.Dir;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        return onPath ?? throw new PostgresNotInstalledException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found: install the Debian package 'postgresql' " +
            "(apt-get install -y postgresql) or set ConnectionStrings:ReviewPortal to an existing server.");
    }



    private sealed class State
    {
        public int Port { get; set; }
        public string Password { get; set; } = "";
    }
}
