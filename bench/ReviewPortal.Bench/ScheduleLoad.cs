using System.Net;

namespace ReviewPortal.Bench;

/// <summary>
/// The published timetable's target (DESIGN.md, issue 10): anonymous GETs of the demo track's public schedule page and
/// of its schedule.json by concurrent clients, each for a fixed time; ≥ 5,000 requests/s with p99 ≤ 50 ms, server,
/// database and load on one box. The demo is started at Seed:DemoStage=Scheduled so a version is published.
/// </summary>
internal static class ScheduleLoad
{
    private const double TargetRate = 5_000;
    private const double TargetP99Ms = 50;

    public static async Task<bool> RunAsync(BenchOptions o, CancellationToken cancellationToken)
    {
        Console.WriteLine($"schedule-http: GET with {o.Clients} clients for {o.DurationSeconds:0} s per endpoint (target: ≥ {TargetRate:N0} requests/s, p99 ≤ {TargetP99Ms} ms)");
        o.AppEnvironment.TryAdd("Seed__DemoStage", "Scheduled");
        await using var host = await BenchHost.StartAsync(o, cancellationToken);
        var clients = Enumerable.Range(0, o.Clients).Select(_ => Speakers.NewClient(host.BaseUrl, cookies: false)).ToList();
        try
        {
            const string page = "/c/lpc2023/ebpf-networking/schedule";
            using (var probe = await clients[0].GetAsync(new Uri(page, UriKind.Relative), cancellationToken))
            {
                var text = await probe.Content.ReadAsStringAsync(cancellationToken);
                if (probe.StatusCode != HttpStatusCode.OK || text.Contains("Not published yet", StringComparison.Ordinal))
                {
                    Console.WriteLine($"FAILED       {page} has no published version ({(int)probe.StatusCode}): the demo must reach Seed:DemoStage=Scheduled.");
                    return false;
                }
            }

            if (o.AcceptEncoding is { } encoding)
            {
                // The bodies are counted as sent (not decompressed), as a browser's bytes on the wire.
                Console.WriteLine($"Clients      send Accept-Encoding: {encoding}");
                foreach (var c in clients)
                    c.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Encoding", encoding);
            }

            var rows = new List<string>();
            var allOk = true;
            foreach (var (name, url) in new[] { ("track schedule (HTML)", page), ("schedule.json", "/c/lpc2023/ebpf-networking/schedule.json") })
            {
                await PageLoad.RunForAsync(clients, url, TimeSpan.FromSeconds(2), cancellationToken);
                var (_, quiet, _) = await CpuMonitor.SettleAsync(host, appIdle: false, TimeSpan.FromSeconds(o.SettleSeconds), cancellationToken);
                if (!quiet)
                    Console.WriteLine("WARNING      other processes are busy; measuring anyway");
                var cpu = new CpuMonitor(host.AppProcessId, host.PostmasterPid());
                var (latencies, statuses, elapsed, bytes) = await PageLoad.RunForAsync(clients, url, TimeSpan.FromSeconds(o.DurationSeconds), cancellationToken);
                var usage = cpu.Stop();
                await cpu.DisposeAsync();
                var rate = latencies.Count / elapsed.TotalSeconds;
                var errors = statuses.Where(s => s.Key != 200).Sum(s => s.Value);
                var met = errors == 0 && rate >= TargetRate && latencies.Percentile(99) <= TargetP99Ms;
                allOk &= met;
                Console.WriteLine();
                Console.WriteLine($"GET {url}  ({name}, {bytes / Math.Max(1, latencies.Count):N0} bytes each{(o.AcceptEncoding is null ? "" : ", as sent")})");
                Console.WriteLine($"Throughput   {latencies.Count} requests in {elapsed.TotalSeconds:0.0} s → {rate:0} requests/s");
                Console.WriteLine($"Latency      {latencies.Summary()}");
                Console.WriteLine($"Statuses     {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "no answer" : s.Key)} × {s.Value}"))}");
                Console.WriteLine(usage.Summary());
                if (usage.Disturbed)
                    Console.WriteLine($"WARNING      other processes used {usage.Others:0.0} CPU seconds: the machine was not quiet.");
                Console.WriteLine(met ? "PASSED       target met" : "FAILED       target not met");
                rows.Add($"| {name} `{url}` | {o.Clients} | {elapsed.TotalSeconds:0} s | {rate:0}/s | {latencies.Percentile(50):0.0} | {latencies.Percentile(99):0.0} | {errors} |");
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
}
