using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace ReviewPortal.Bench;

/// <summary>
/// DESIGN.md: "signed-in pages (the chair's list of the LPC track, a proposal page) | ≥ 2,000 requests/s each".
/// 16 clients, each its own session (signed in through the login form as the demo track's chair), send GETs back to
/// back for a fixed time per page: the chair's list of the track, then the proposal pages (each request the next of
/// the track's proposals), then, for comparison, the public track page anonymously. A request counts only if it is a
/// 200 with the page's own content (a redirect to the login form is an error).
/// </summary>
internal static class SignedInLoad
{
    private sealed record Page(string Name, bool SignedIn, string ExpectedText, Func<long, string> Url);

    private sealed record Run(Latencies Latencies, Dictionary<string, int> Outcomes, TimeSpan Elapsed, long Bytes, long Cached)
    {
        public int Errors => Outcomes.Where(o => o.Key != "200").Sum(o => o.Value);
    }

    public static async Task<bool> RunAsync(BenchOptions o, CancellationToken cancellationToken)
    {
        Console.WriteLine($"signed-in: {o.Clients} sessions, GET back to back for {o.DurationSeconds:0} s per page; target: ≥ {o.RateTarget:N0} requests/s for each signed-in page");
        await using var host = await BenchHost.StartAsync(o, cancellationToken);
        var (chairName, chairEmail, chairPassword) = DemoLogin(host, "chair");

        var sessions = Enumerable.Range(0, o.Clients).Select(_ => Speakers.NewClient(host.BaseUrl)).ToList();
        var anonymous = Enumerable.Range(0, o.Clients).Select(_ => Speakers.NewClient(host.BaseUrl, cookies: false)).ToList();
        try
        {
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(sessions, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
                async (client, ct) => await Speakers.SignInAsync(client, chairEmail, chairPassword, ct));
            Console.WriteLine($"Sessions     {sessions.Count} sign-ins of the demo chair {chairName} <{chairEmail}> (login form), {watch.Elapsed.TotalSeconds:0.0} s");

            var trackId = await Speakers.DemoTrackIdAsync(sessions[0], cancellationToken);
            var proposals = await ProposalIdsAsync(sessions[0], trackId, cancellationToken);
            Console.WriteLine($"Track        lpc2023/ebpf-networking = {trackId}, {proposals.Count} proposals the chair can open (not conflicted)");

            Page[] pages =
            [
                new("chair's list", true, "Proposals of ", _ => $"/Chair/{trackId}/Proposals"),
                new("proposal page", true, "Notes for the committee", k => $"/Proposals/{proposals[(int)(k % proposals.Count)]}"),
                new("public track page (anonymous, for comparison)", false, "Call for proposals", _ => "/c/lpc2023/ebpf-networking"),
            ];

            // Hangfire's polling runs transactions too; measured idle once, it is subtracted from each page's count.
            var background = await BackgroundTransactionsPerSecondAsync(host, cancellationToken);
            Console.WriteLine($"Background   {background:0.0} PostgreSQL transactions/s with no requests (Hangfire polling), subtracted below");

            var rows = new List<string>();
            var passed = true;
            foreach (var page in pages)
            {
                var clients = page.SignedIn ? sessions : anonymous;
                // Warm-up: JIT (tiered, so a few hundred calls), EF's query cache, prepared statements, the navigation
                // and Markdown caches, every connection. 2 s, and on a slow or busy machine at least 1,000 requests.
                await RunForAsync(clients, page, TimeSpan.FromSeconds(2), cancellationToken, minRequests: 1000);
                var (_, quiet, _) = await CpuMonitor.SettleAsync(host, appIdle: false, TimeSpan.FromSeconds(o.SettleSeconds), cancellationToken);
                if (!quiet)
                    Console.WriteLine("WARNING      other processes are busy; measuring anyway");

                // Let the warm-up's statistics arrive before counting starts (idle backends report within 10 s).
                await Task.Delay(TimeSpan.FromSeconds(11), cancellationToken);
                var logFrom = host.LogLineCount;
                var before = await host.DatabaseCountersAsync(cancellationToken);
                var counting = Stopwatch.StartNew();
                var cpu = new CpuMonitor(host.AppProcessId, host.PostmasterPid());
                var run = await RunForAsync(clients, page, TimeSpan.FromSeconds(o.DurationSeconds), cancellationToken);
                var usage = cpu.Stop();
                await cpu.DisposeAsync();
                // Busy backends report their statistics at most once a second, idle ones within 10 s.
                await Task.Delay(TimeSpan.FromSeconds(11), cancellationToken);
                var database = await host.DatabaseCountersAsync(cancellationToken) - before;
                var statements = Math.Max(0, database.Commits + database.Rollbacks - background * counting.Elapsed.TotalSeconds) / Math.Max(1, run.Latencies.Count);

                var count = run.Latencies.Count;
                var rate = count / run.Elapsed.TotalSeconds;
                var meetsTarget = !page.SignedIn || rate >= o.RateTarget;
                passed &= run.Errors == 0 && meetsTarget;
                Console.WriteLine();
                Console.WriteLine($"GET {page.Url(0)}{(page.Name == "proposal page" ? " … (all proposals in turn)" : "")}  ({page.Name}, {run.Bytes / Math.Max(1, count):N0} bytes each)");
                Console.WriteLine($"Throughput   {count} requests in {run.Elapsed.TotalSeconds:0.0} s → {rate:0} requests/s" +
                    (page.SignedIn ? $"  {(meetsTarget ? "meets" : "BELOW")} the target of {o.RateTarget:N0}/s" : ""));
                Console.WriteLine($"Latency      {run.Latencies.Summary()}");
                Console.WriteLine($"Outcomes     {string.Join(", ", run.Outcomes.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} × {s.Value}"))}");
                // Answered by the signed-in page cache (ADR 0023): the Age header; --page-cache-seconds 0 measures rendering alone.
                Console.WriteLine($"Page cache   {run.Cached:N0} of {run.Outcomes.Values.Sum():N0} answers from the cache");
                // Reads run outside explicit transactions, so each statement the app sends is one transaction here.
                Console.WriteLine($"PostgreSQL   {database.Commits + database.Rollbacks} transactions, less {background * counting.Elapsed.TotalSeconds:0} of Hangfire's polling: " +
                    $"{statements:0.00} per request (a read statement outside a transaction is one)");
                Console.WriteLine(usage.Summary());
                // CPU time, not wall time: on a shared machine this is what can still be compared between runs.
                Console.WriteLine($"CPU/request  app {usage.App * 1000 / Math.Max(1, count):0.000} ms, PostgreSQL {usage.Postgres * 1000 / Math.Max(1, count):0.000} ms");
                if (usage.Disturbed)
                    Console.WriteLine($"WARNING      other processes used {usage.Others:0.0} CPU seconds: the machine was not quiet, the figures are pessimistic.");
                foreach (var (entry, times) in host.Problems(logFrom).Take(5))
                    Console.WriteLine($"  app log × {times}: {entry}");
                rows.Add($"| {page.Name} | {clients.Count} | {run.Elapsed.TotalSeconds:0} s | {rate:0}/s | {run.Latencies.Percentile(50):0.0} | {run.Latencies.Percentile(99):0.0} | {run.Errors} | " +
                    $"{statements:0.00} | app {usage.App / usage.WallSeconds:P0}, PostgreSQL {usage.Postgres / usage.WallSeconds:P0}, others {usage.Others / usage.WallSeconds:P0} of a core | " +
                    $"app {usage.App * 1000 / Math.Max(1, count):0.00} ms, PostgreSQL {usage.Postgres * 1000 / Math.Max(1, count):0.00} ms |");
            }

            Console.WriteLine();
            Console.WriteLine("| page | sessions | duration | throughput | p50 ms | p99 ms | errors | statements per request | CPU | CPU per request |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            foreach (var row in rows)
                Console.WriteLine(row);
            Console.WriteLine(passed ? "PASS" : "FAIL (an error, or a signed-in page below the target)");
            return passed;
        }
        finally
        {
            foreach (var c in sessions.Concat(anonymous))
                c.Dispose();
        }
    }

    private static async Task<double> BackgroundTransactionsPerSecondAsync(BenchHost host, CancellationToken cancellationToken)
    {
        // Statistics reach pg_stat_database up to 10 s late: let earlier work arrive, then count over a quiet interval.
        await Task.Delay(TimeSpan.FromSeconds(11), cancellationToken);
        var before = await host.DatabaseCountersAsync(cancellationToken);
        var watch = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(20), cancellationToken);
        var idle = await host.DatabaseCountersAsync(cancellationToken) - before;
        return (idle.Commits + idle.Rollbacks) / watch.Elapsed.TotalSeconds;
    }

    /// <summary>The demo login the app wrote for <paramref name="role"/> (the seed writes the file before the app is healthy).</summary>
    internal static (string Name, string Email, string Password) DemoLogin(BenchHost host, string role)
    {
        var line = File.ReadLines(host.DemoLoginsFile).Select(l => l.Split('\t')).FirstOrDefault(p => p.Length == 4 && p[0].Split(',')[0] == role) // roles, name, email, password; the first role is the login's headline one
            ?? throw new InvalidOperationException($"No '{role}' in {host.DemoLoginsFile}.");
        return (line[1], line[2], line[3]);
    }

    private static async Task<List<Guid>> ProposalIdsAsync(HttpClient chair, Guid trackId, CancellationToken cancellationToken)
    {
        using var json = JsonDocument.Parse(await chair.GetStringAsync(new Uri($"/api/v1/tracks/{trackId}/proposals", UriKind.Relative), cancellationToken));
        // The demo chair is conflicted on his own company's talks: those pages show only the title, not the page measured.
        var ids = json.RootElement.GetProperty("proposals").EnumerateArray()
            .Where(p => !(p.TryGetProperty("hasConflict", out var conflict) && conflict.ValueKind == JsonValueKind.True))
            .Select(p => p.GetProperty("id").GetGuid()).ToList();
        return ids.Count > 0 ? ids : throw new InvalidOperationException("The demo track has no proposals the chair can open.");
    }

    private static async Task<Run> RunForAsync(List<HttpClient> clients, Page page, TimeSpan duration, CancellationToken cancellationToken, long minRequests = 0)
    {
        var expected = Encoding.UTF8.GetBytes(page.ExpectedText);
        long next = -1;
        var clock = Stopwatch.StartNew();
        var perClient = await Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            var latencies = new List<double>(16_384);
            var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
            long bytes = 0, cached = 0;
            while (clock.Elapsed < duration || Interlocked.Read(ref next) + 1 < minRequests)
            {
                var uri = new Uri(page.Url(Interlocked.Increment(ref next)), UriKind.Relative);
                var sw = Stopwatch.StartNew();
                string outcome;
                try
                {
                    using var response = await client.GetAsync(uri, cancellationToken);
                    var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    bytes += body.Length;
                    if (response.Headers.Age is not null)
                        cached++;
                    outcome = response.StatusCode != HttpStatusCode.OK ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)
                        : body.AsSpan().IndexOf(expected) < 0 ? "200 without the page's content" : "200";
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    outcome = "no answer";
                }

                latencies.Add(sw.Elapsed.TotalMilliseconds);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }

            return (latencies, outcomes, bytes, cached);
        }, cancellationToken)));
        var elapsed = clock.Elapsed;
        var merged = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, outcomes, _, _) in perClient)
        {
            foreach (var (outcome, count) in outcomes)
                merged[outcome] = merged.GetValueOrDefault(outcome) + count;
        }

        return new Run(new Latencies(perClient.SelectMany(p => p.latencies)), merged, elapsed, perClient.Sum(p => p.bytes), perClient.Sum(p => p.cached));
    }
}
