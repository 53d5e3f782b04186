using System.Diagnostics;
using System.Net;

namespace ReviewPortal.Bench;

/// <summary>
/// Informational: anonymous GETs of the public track page and of /api/v1/conferences by 50 concurrent
/// clients, each for a fixed time, for comparison with the published-timetable target later
/// (DESIGN.md: ≥ 5,000 requests/s, p99 ≤ 50 ms, server, database and load on one box).
/// </summary>
internal static class PageLoad
{
    public static async Task<bool> RunAsync(BenchOptions o, CancellationToken cancellationToken)
    {
        Console.WriteLine($"page: GET with {o.Clients} clients for {o.DurationSeconds:0} s per endpoint (informational; timetable target: ≥ 5,000 requests/s, p99 ≤ 50 ms)");
        await using var host = await BenchHost.StartAsync(o, cancellationToken);
        var clients = Enumerable.Range(0, o.Clients).Select(_ => Speakers.NewClient(host.BaseUrl, cookies: false)).ToList();
        try
        {
            var rows = new List<string>();
            var allOk = true;
            foreach (var (name, url) in new[] { ("track page (HTML)", "/c/lpc2023/ebpf-networking"), ("conferences (JSON)", "/api/v1/conferences") })
            {
                // Warm-up: compile the code paths and open every client's connection.
                await RunForAsync(clients, url, TimeSpan.FromSeconds(2), cancellationToken);
                var (_, quiet, _) = await CpuMonitor.SettleAsync(host, appIdle: false, TimeSpan.FromSeconds(o.SettleSeconds), cancellationToken);
                if (!quiet)
                    Console.WriteLine("WARNING      other processes are busy; measuring anyway");
                var logFrom = host.LogLineCount;
                var cpu = new CpuMonitor(host.AppProcessId, host.PostmasterPid());
                var (latencies, statuses, elapsed, bytes) = await RunForAsync(clients, url, TimeSpan.FromSeconds(o.DurationSeconds), cancellationToken);
                var usage = cpu.Stop();
                await cpu.DisposeAsync();
                var rate = latencies.Count / elapsed.TotalSeconds;
                var errors = statuses.Where(s => s.Key != 200).Sum(s => s.Value);
                allOk &= errors == 0;
                Console.WriteLine();
                Console.WriteLine($"GET {url}  ({name}, {bytes / Math.Max(1, latencies.Count):N0} bytes each)");
                Console.WriteLine($"Throughput   {latencies.Count} requests in {elapsed.TotalSeconds:0.0} s → {rate:0} requests/s");
                Console.WriteLine($"Latency      {latencies.Summary()}");
                Console.WriteLine($"Statuses     {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "no answer" : s.Key)} × {s.Value}"))}");
                Console.WriteLine(usage.Summary());
                if (usage.Disturbed)
                    Console.WriteLine($"WARNING      other processes used {usage.Others:0.0} CPU seconds: the machine was not quiet.");
                foreach (var (entry, count) in host.Problems(logFrom).Take(5))
                    Console.WriteLine($"  app log × {count}: {entry}");
                rows.Add($"| {name} `{url}` | {o.Clients} | {elapsed.TotalSeconds:0} s | {rate:0}/s | {latencies.Percentile(50):0.0} | {latencies.Percentile(95):0.0} | {latencies.Percentile(99):0.0} | {latencies.Max:0} | {errors} |");
            }

            Console.WriteLine();
            foreach (var row in rows)
                Console.WriteLine(row);
            return allOk;
        }
        finally
        {
            foreach (var c in clients)
                c.Dispose();
        }
    }

    internal static async Task<(Latencies Latencies, Dictionary<int, int> Statuses, TimeSpan Elapsed, long Bytes)> RunForAsync(
        List<HttpClient> clients, string url, TimeSpan duration, CancellationToken cancellationToken)
    {
        var uri = new Uri(url, UriKind.Relative);
        var clock = Stopwatch.StartNew();
        var perClient = await Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            var latencies = new List<double>(4096);
            var statuses = new Dictionary<int, int>();
            long bytes = 0;
            while (clock.Elapsed < duration)
            {
                var sw = Stopwatch.StartNew();
                int status;
                try
                {
                    using var response = await client.GetAsync(uri, cancellationToken);
                    var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    bytes += body.Length;
                    status = (int)response.StatusCode;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    status = 0;
                }

                latencies.Add(sw.Elapsed.TotalMilliseconds);
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
            }

            return (latencies, statuses, bytes);
        }, cancellationToken)));
        var elapsed = clock.Elapsed;
        var merged = new Dictionary<int, int>();
        foreach (var (_, statuses, _) in perClient)
        {
            foreach (var (status, count) in statuses)
                merged[status] = merged.GetValueOrDefault(status) + count;
        }

        return (new Latencies(perClient.SelectMany(p => p.latencies)), merged, elapsed, perClient.Sum(p => p.bytes));
    }
}
