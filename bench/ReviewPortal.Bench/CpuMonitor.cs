using System.Diagnostics;
using System.Globalization;

namespace ReviewPortal.Bench;

/// <summary>
/// Where the machine's CPU goes during a measured phase: the app process, PostgreSQL (postmaster and its
/// backends, including exited ones through cutime/cstime) and the bench itself, from /proc (Linux).
/// Also samples the app's thread count (a growing count under load hints at thread-pool starvation).
/// </summary>
internal sealed class CpuMonitor : IAsyncDisposable
{
    /// <summary>
    /// Waits (up to <paramref name="maxWait"/>) until, over 2 s, other processes use less than a tenth of the
    /// machine and (with <paramref name="appIdle"/>) the app less than a tenth of a core: no build or test
    /// run of someone else, no background compilation or mail still going in the app. Returns the last sample.
    /// </summary>
    public static async Task<(CpuReport Last, bool Quiet, TimeSpan Waited)> SettleAsync(BenchHost host, bool appIdle, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            await using var monitor = new CpuMonitor(host.AppProcessId, host.PostmasterPid());
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            var sample = monitor.Stop();
            var quiet = !sample.Disturbed && (!appIdle || sample.App < 0.1 * sample.WallSeconds);
            if (quiet || watch.Elapsed >= maxWait)
                return (sample, quiet, watch.Elapsed);
        }
    }

    private const double TicksPerSecond = 100.0; // USER_HZ on Linux
    private readonly int _appPid;
    private readonly int _postgresPid;
    private readonly Snapshot _start;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private readonly Stopwatch _wall = Stopwatch.StartNew();

    public CpuMonitor(int appPid, int postgresPid)
    {
        _appPid = appPid;
        _postgresPid = postgresPid;
        _start = Take();
        _sampler = Task.Run(SampleThreadsAsync);
    }

    public int MaxAppThreads { get; private set; }
    public int MinAppThreads { get; private set; } = int.MaxValue;

    public CpuReport Stop()
    {
        _stop.Cancel();
        var end = Take();
        var wall = _wall.Elapsed.TotalSeconds;
        var machineTotal = end.MachineTotal - _start.MachineTotal;
        return new CpuReport(
            wall,
            end.App - _start.App,
            end.Postgres - _start.Postgres,
            end.Bench - _start.Bench,
            machineTotal > 0 ? (end.MachineBusy - _start.MachineBusy) / machineTotal : double.NaN,
            Environment.ProcessorCount,
            MinAppThreads == int.MaxValue ? 0 : MinAppThreads,
            MaxAppThreads);
    }

    private async Task SampleThreadsAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var threads = (int)(Stat(_appPid)?[17] ?? 0);
            if (threads > 0)
            {
                MaxAppThreads = Math.Max(MaxAppThreads, threads);
                MinAppThreads = Math.Min(MinAppThreads, threads);
            }

            try
            {
                await Task.Delay(200, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private Snapshot Take()
    {
        double App() => Stat(_appPid) is { } s ? (s[11] + s[12]) / TicksPerSecond : 0;
        double Postgres()
        {
            if (_postgresPid == 0 || Stat(_postgresPid) is not { } master)
                return 0;
            var ticks = master[11] + master[12] + master[13] + master[14];
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == _postgresPid)
                    continue;
                if (Stat(pid) is { } s && (int)s[1] == _postgresPid)
                    ticks += s[11] + s[12];
            }

            return ticks / TicksPerSecond;
        }

        var (busy, total) = Machine();
        using var self = Process.GetCurrentProcess();
        return new Snapshot(App(), Postgres(), self.TotalProcessorTime.TotalSeconds, busy, total);
    }

    /// <summary>The fields of /proc/PID/stat after the command name: [0] state, [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime, [17] threads.</summary>
    private static long[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var rest = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return [.. rest.Select(f => long.TryParse(f, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static (double Busy, double Total) Machine()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum(); // user nice system idle iowait irq softirq steal
        var idle = fields[3] + fields[4];
        return ((total - idle) / TicksPerSecond, total / TicksPerSecond);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        _stop.Dispose();
    }

    private sealed record Snapshot(double App, double Postgres, double Bench, double MachineBusy, double MachineTotal);
}

/// <summary>CPU seconds per party during a phase of <see cref="WallSeconds"/>.</summary>
internal sealed record CpuReport(double WallSeconds, double App, double Postgres, double Bench, double MachineBusyShare, int Cores, int MinAppThreads, int MaxAppThreads)
{
    /// <summary>CPU seconds used by everything else on the machine (another build or test run spoils the measurement).</summary>
    public double Others => Math.Max(0, MachineBusyShare * WallSeconds * Cores - App - Postgres - Bench);

    /// <summary>True when other processes used more than a tenth of the machine.</summary>
    public bool Disturbed => Others > 0.1 * WallSeconds * Cores;

    public string Summary()
    {
        var capacity = WallSeconds * Cores;
        string Part(string name, double seconds) => $"{name} {seconds,5:0.0} s ({seconds / capacity,4:P0})";
        return $"CPU over {WallSeconds:0.0} s × {Cores} cores: {Part("app", App)} | {Part("PostgreSQL", Postgres)} | {Part("bench", Bench)} | " +
               $"{Part("other processes", Others)} | machine busy {MachineBusyShare:P0}\n" +
               $"App threads  {MinAppThreads} → max {MaxAppThreads}";
    }
}
