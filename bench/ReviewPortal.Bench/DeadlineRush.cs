using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;

namespace ReviewPortal.Bench;

/// <summary>
/// DESIGN.md: "deadline rush | 1,000 submissions in 60 s from 50 clients: none lost, p99 ≤ 200 ms".
/// 50 signed-in speakers each submit 20 proposals (title, ~1,500-character abstract, a topic, a co-speaker
/// with a new address, an Idempotency-Key) to the demo track at once; every answer must be 201, the
/// database must hold every proposal and every mail in the outbox.
/// </summary>
internal static partial class DeadlineRush
{
    private const string Domain = "bench.example";
    private static readonly string[] Topics = ["tracing"];

    private sealed record Result(int Client, int Index, double StartMs, double LatencyMs, int Status, string? Error);

    public static async Task<bool> RunAsync(BenchOptions o, CancellationToken cancellationToken)
    {
        Console.WriteLine($"deadline-rush: {o.Submissions} submissions from {o.Clients} clients, pace {o.Pace}" +
            (o.Pace == "paced" ? $" (spread over {o.PaceSeconds:0} s)" : " (back to back)") +
            $"; target: none lost, p99 ≤ {o.P99TargetMs:0} ms, within {o.WindowSeconds:0} s");
        await using var host = await BenchHost.StartAsync(o, cancellationToken);

        var emails = Enumerable.Range(0, o.Clients).Select(i => $"rush-speaker-{i:00}@{Domain}").Append($"warmup-speaker@{Domain}").ToList();
        var all = await Speakers.CreateAsync(host, emails, cancellationToken);
        try
        {
            var speakers = all.Take(o.Clients).ToList();
            var warm = all[^1];
            var trackId = await Speakers.DemoTrackIdAsync(speakers[0].Client, cancellationToken);
            Console.WriteLine($"Track        lpc2023/ebpf-networking = {trackId}");

            // Warm-up by a separate account (titles 'warmup-', not counted): JIT, EF model and query caches, pools.
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < o.Warmup; i++)
            {
                using var response = await PostAsync(warm.Client, trackId, $"warmup-{i:000}", $"warmup-co-{i:000}@{Domain}", i, cancellationToken);
                if (response.StatusCode != HttpStatusCode.Created)
                    throw new InvalidOperationException($"Warm-up proposal: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            if (o.Warmup > 0)
                Console.WriteLine($"Warm-up      {o.Warmup} proposals by a separate account in {watch.Elapsed.TotalSeconds:0.0} s (not counted)");

            // Let the warm-up's mail jobs drain so they do not run during the rush.
            await WaitForOutboxAsync(host, "warmup-%", TimeSpan.FromSeconds(o.NoJobServer ? 0 : 30), cancellationToken);

            // Start from a steady state: the app idle (background compilation after the warm-up, Hangfire) and no other busy process.
            var (idleUsage, quiet, waited) = await CpuMonitor.SettleAsync(host, appIdle: true, TimeSpan.FromSeconds(o.SettleSeconds), cancellationToken);
            Console.WriteLine($"Settled      after {waited.TotalSeconds:0} s: app {idleUsage.App / idleUsage.WallSeconds:P0} of a core, PostgreSQL {idleUsage.Postgres / idleUsage.WallSeconds:P0}, " +
                $"other processes {idleUsage.Others / idleUsage.WallSeconds:P0} of a core" + (quiet ? "" : " — WARNING: not quiet, measuring anyway"));

            var logFrom = host.LogLineCount;
            var serverLog = Path.Combine(host.PostgresDataDirectory, "server.log");
            var serverLogFrom = 0L;
            if (o.Diagnose)
            {
                // Every statement to the server log while the rush runs (costs some speed; diagnosis only).
                await host.ExecuteAsync("ALTER SYSTEM SET log_statement = 'all'", cancellationToken: cancellationToken);
                await host.ScalarAsync("SELECT count(*) FROM (SELECT pg_reload_conf()) r", cancellationToken);
                await Task.Delay(500, cancellationToken);
                serverLogFrom = new FileInfo(serverLog).Length;
            }

            var countersBefore = await host.DatabaseCountersAsync(cancellationToken);
            var perClient = o.Submissions / o.Clients;
            var extra = o.Submissions % o.Clients;
            var interval = o.Pace == "paced" ? TimeSpan.FromSeconds(o.PaceSeconds / Math.Max(1, o.Submissions - 1)) : TimeSpan.Zero;
            var results = new Result[o.Submissions];
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var clock = new Stopwatch();

            Console.WriteLine($"Rush         {o.Submissions} × POST /api/v1/tracks/{{trackId}}/proposals (submit: true) …");
            var cpu = new CpuMonitor(host.AppProcessId, host.PostmasterPid());
            var tasks = speakers.Select((s, c) => Task.Run(async () =>
            {
                await gate.Task;
                var count = perClient + (c < extra ? 1 : 0);
                for (var j = 0; j < count; j++)
                {
                    var k = j * o.Clients + c; // global number: client c sends k = c, c+50, c+100, …
                    if (interval > TimeSpan.Zero)
                    {
                        var due = interval * k - clock.Elapsed;
                        if (due > TimeSpan.Zero)
                            await Task.Delay(due, cancellationToken);
                    }

                    var start = clock.Elapsed.TotalMilliseconds;
                    var sw = Stopwatch.StartNew();
                    int status;
                    string? error = null;
                    try
                    {
                        using var response = await PostAsync(s.Client, trackId, $"rush-{k:0000}", $"rush-co-{k:0000}@{Domain}", k, cancellationToken);
                        var body = await response.Content.ReadAsStringAsync(cancellationToken);
                        status = (int)response.StatusCode;
                        if (response.StatusCode != HttpStatusCode.Created)
                            error = body.Length > 300 ? body[..300] : body;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                    {
                        status = 0;
                        error = $"{ex.GetType().Name}: {ex.Message}";
                    }

                    results[k] = new Result(c, k, start, sw.Elapsed.TotalMilliseconds, status, error);
                }
            }, cancellationToken)).ToList();

            clock.Start();
            gate.SetResult();
            await Task.WhenAll(tasks);
            var elapsed = clock.Elapsed;
            var usage = cpu.Stop();
            await cpu.DisposeAsync();
            var logTo = host.LogLineCount;
            var serverLogTo = o.Diagnose ? new FileInfo(serverLog).Length : 0L;
            if (o.Diagnose)
            {
                await host.ExecuteAsync("ALTER SYSTEM RESET log_statement", cancellationToken: cancellationToken);
                await host.ScalarAsync("SELECT count(*) FROM (SELECT pg_reload_conf()) r", cancellationToken);
            }

            await Task.Delay(1_500, cancellationToken); // backends report their statistics about once a second
            var counters = await host.DatabaseCountersAsync(cancellationToken) - countersBefore;

            // Verification: none lost.
            var created = results.Count(r => r.Status == 201);
            var stored = await host.ScalarAsync("""SELECT count(*) FROM "Submissions" WHERE "Title" LIKE 'rush-%'""", cancellationToken);
            var storedSubmitted = await host.ScalarAsync("""SELECT count(*) FROM "Submissions" WHERE "Title" LIKE 'rush-%' AND "Status" = 'Submitted' AND "SubmittedUtc" IS NOT NULL""", cancellationToken);
            var distinctKeys = await host.ScalarAsync("""SELECT count(DISTINCT "ClientRequestId") FROM "Submissions" WHERE "Title" LIKE 'rush-%'""", cancellationToken);
            var speakersStored = await host.ScalarAsync("""SELECT count(*) FROM "SubmissionSpeakers" sp JOIN "Submissions" s ON s."Id" = sp."SubmissionId" WHERE s."Title" LIKE 'rush-%'""", cancellationToken);
            var mail = (await host.GroupCountAsync("""
                SELECT "Kind", count(*) FROM "OutboxMessages"
                WHERE "ToAddress" LIKE 'rush-%' AND "Kind" LIKE 'proposal.%' GROUP BY "Kind" ORDER BY "Kind"
                """, cancellationToken)).ToDictionary(r => r.Key, r => r.Count);
            // The app's rules: "proposal.submitted" goes to every speaker of the proposal (the submitter and the
            // co-speaker), and a co-speaker without an account gets "proposal.co-speaker-invited".
            var expectedSubmittedMail = 2L * o.Submissions;
            var expectedInvites = (long)o.Submissions;
            var submittedMail = mail.GetValueOrDefault("proposal.submitted");
            var invites = mail.GetValueOrDefault("proposal.co-speaker-invited");
            var mailToCoSpeakers = await host.ScalarAsync("""SELECT count(DISTINCT "ToAddress") FROM "OutboxMessages" WHERE "ToAddress" LIKE 'rush-co-%' AND "Kind" = 'proposal.co-speaker-invited'""", cancellationToken);

            var ok = results.Where(r => r.Status == 201).Select(r => r.LatencyMs).ToList();
            var latencies = new Latencies(results.Select(r => r.LatencyMs));
            var errors = results.Where(r => r.Status != 201).ToList();
            var throughput = results.Length / elapsed.TotalSeconds;
            var lost = o.Submissions - stored;
            var lostMail = expectedSubmittedMail + expectedInvites - submittedMail - invites;

            Console.WriteLine();
            Console.WriteLine($"Elapsed      {elapsed.TotalSeconds:0.00} s for {results.Length} requests → {throughput:0.0} requests/s ({o.Clients} clients, {o.Pace})");
            Console.WriteLine($"Latency      {latencies.Summary()}   (all {latencies.Count} requests, client side, incl. reading the body)");
            if (ok.Count != results.Length)
                Console.WriteLine($"  201 only   {new Latencies(ok).Summary()}");
            PrintSlices(results, elapsed);
            Console.WriteLine($"Statuses     {string.Join(", ", results.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{(g.Key == 0 ? "no answer" : g.Key.ToString(CultureInfo.InvariantCulture))} × {g.Count()}"))}");
            foreach (var e in errors.GroupBy(e => $"{e.Status} {e.Error}").Take(5))
                Console.WriteLine($"  error × {e.Count()}: {e.Key}");
            Console.WriteLine($"Database     {stored} proposals 'rush-%' ({storedSubmitted} submitted, {distinctKeys} distinct idempotency keys, {speakersStored} speakers)");
            Console.WriteLine($"Outbox       proposal.submitted {submittedMail} (expected {expectedSubmittedMail}: submitter + co-speaker), " +
                $"proposal.co-speaker-invited {invites} (expected {expectedInvites}, {mailToCoSpeakers} distinct co-speakers); " +
                $"{submittedMail + invites} rows in all");
            Console.WriteLine($"PostgreSQL   during the rush (requests, mail jobs, Hangfire polling): {counters.PerUnit(o.Submissions)}");
            Console.WriteLine(usage.Summary());
            if (usage.Disturbed)
                Console.WriteLine($"WARNING      other processes used {usage.Others:0.0} CPU seconds during the rush: the machine was not quiet, the numbers are pessimistic.");
            if (o.Diagnose)
            {
                PrintHandlerTimes(host.LogSnapshot(), logFrom, logTo);
                PrintStatements(serverLog, serverLogFrom, serverLogTo, o.Submissions);
            }

            var problems = host.Problems(logFrom);
            Console.WriteLine($"App log      {problems.Sum(p => p.Count)} warnings/errors during and after the rush" + (problems.Count == 0 ? "" : ":"));
            foreach (var (entry, count) in problems.Take(8))
                Console.WriteLine($"  × {count}: {entry}");

            if (o.DrainSeconds > 0 && !o.NoJobServer)
            {
                var drain = await WaitForOutboxAsync(host, "rush-%", TimeSpan.FromSeconds(o.DrainSeconds), cancellationToken);
                Console.WriteLine(drain is { } d
                    ? $"Mail drain   all {submittedMail + invites} rush mails delivered (.eml) {d.TotalSeconds:0.0} s after the rush ended (Hangfire, informational)"
                    : $"Mail drain   not done {o.DrainSeconds:0} s after the rush: {await host.ScalarAsync("""SELECT count(*) FROM "OutboxMessages" WHERE "ToAddress" LIKE 'rush-%' AND "SentUtc" IS NULL""", cancellationToken)} unsent (informational)");
            }

            var checks = new List<(string What, bool Pass, string Detail)>
            {
                ("every response 201", errors.Count == 0, $"{created}/{o.Submissions}"),
                ("none lost (database)", lost == 0 && storedSubmitted == o.Submissions, $"{stored}/{o.Submissions} stored, {storedSubmitted} submitted"),
                ("no mail lost (outbox)", lostMail == 0 && submittedMail == expectedSubmittedMail && invites == expectedInvites, $"{submittedMail + invites}/{expectedSubmittedMail + expectedInvites}"),
                ($"within {o.WindowSeconds:0} s", elapsed.TotalSeconds <= o.WindowSeconds, $"{elapsed.TotalSeconds:0.0} s"),
                ($"p99 ≤ {o.P99TargetMs:0} ms", latencies.Percentile(99) <= o.P99TargetMs, $"{latencies.Percentile(99):0.0} ms" +
                    (latencies.Percentile(99) > o.P99TargetMs ? $" ({latencies.Percentile(99) / o.P99TargetMs:0.0}× the target)" : "")),
            };
            Console.WriteLine();
            foreach (var (what, pass, detail) in checks)
                Console.WriteLine($"  {(pass ? "PASS" : "FAIL")}  {what,-24} {detail}");
            var passed = checks.All(c => c.Pass);
            Console.WriteLine();
            Console.WriteLine($"deadline-rush ({o.Pace}): {(passed ? "PASS" : "FAIL")}");
            Console.WriteLine($"| deadline rush ({o.Pace}) | {o.Clients} | {o.Submissions} | {elapsed.TotalSeconds:0.0} s | {throughput:0.0}/s | " +
                $"{latencies.Percentile(50):0} | {latencies.Percentile(95):0} | {latencies.Percentile(99):0} | {latencies.Max:0} | {errors.Count} | {lost} | {(passed ? "PASS" : "FAIL")} |");
            return passed;
        }
        finally
        {
            foreach (var s in all)
                s.Dispose();
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Guid trackId, string title, string coSpeakerEmail, int n, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/tracks/{trackId}/proposals", UriKind.Relative))
        {
            Content = JsonContent.Create(new
            {
                title = $"{title} Tracing the deadline rush with eBPF",
                @abstract = Abstract(n),
                notes = (string?)null,
                topics = Topics,
                coSpeakers = new[] { new { name = $"Co Speaker {n:0000}", email = coSpeakerEmail, affiliation = "Bench Labs" } },
                submit = true,
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await client.SendAsync(request, cancellationToken);
    }

    private const string AbstractText =
        "We trace every request of a program-committee system during the last minute before a call for proposals closes, " +
        "with BPF programs attached to the kernel's TCP stack, the scheduler and the PostgreSQL server's probes. " +
        "The talk shows how the per-request latency splits between the web server, the thread pool, the database " +
        "transaction and the background job queue, and which of them grows first when fifty speakers press submit at once. ";

    /// <summary>An abstract of about 1,500 characters, different for each proposal.</summary>
    private static string Abstract(int n)
    {
        var text = new StringBuilder($"Proposal {n}. ");
        while (text.Length < 1_500)
            text.Append(AbstractText);
        return text.ToString(0, 1_500);
    }

    /// <summary>Waits until no outbox mail to addresses LIKE <paramref name="pattern"/> is unsent; null if not within <paramref name="timeout"/>.</summary>
    private static async Task<TimeSpan?> WaitForOutboxAsync(BenchHost host, string pattern, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        do
        {
            var unsent = await host.ScalarAsync($"""SELECT count(*) FROM "OutboxMessages" WHERE "ToAddress" LIKE '{pattern}' AND "SentUtc" IS NULL""", cancellationToken);
            if (unsent == 0)
                return watch.Elapsed;
            await Task.Delay(500, cancellationToken);
        }
        while (watch.Elapsed < timeout);
        return null;
    }

    /// <summary>Latency by tenth of the run: does it grow as the queue fills, or is it flat?</summary>
    private static void PrintSlices(Result[] results, TimeSpan elapsed)
    {
        var slice = elapsed.TotalMilliseconds / 10;
        var parts = results.GroupBy(r => Math.Min(9, (int)(r.StartMs / slice))).OrderBy(g => g.Key)
            .Select(g => $"{g.Count()} req p99 {new Latencies(g.Select(r => r.LatencyMs)).Percentile(99):0}");
        Console.WriteLine($"By tenth     {string.Join(" | ", parts)}");
    }

    /// <summary>--diagnose: the app's own timing of each mediator message (LoggingBehaviour), during the rush.</summary>
    private static void PrintHandlerTimes(IReadOnlyList<string> lines, int from, int to)
    {
        var times = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        for (var i = from; i < Math.Min(to, lines.Count); i++)
        {
            var m = HandledLine().Match(lines[i]);
            if (!m.Success)
                continue;
            if (!times.TryGetValue(m.Groups[1].Value, out var list))
                times[m.Groups[1].Value] = list = [];
            list.Add(double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        }

        Console.WriteLine("In the app   (mediator pipeline time per message, from the app log; --diagnose)");
        foreach (var (name, list) in times.OrderByDescending(t => t.Value.Count))
            Console.WriteLine($"  {name,-22} × {list.Count,5}: {new Latencies(list).Summary()}");
    }

    /// <summary>--diagnose: the statements PostgreSQL logged during the rush, by kind (literals and parameters folded).</summary>
    private static void PrintStatements(string serverLog, long from, long to, int submissions)
    {
        using var stream = new FileStream(serverLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(from, SeekOrigin.Begin);
        var bytes = new byte[to - from];
        stream.ReadExactly(bytes);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        // A statement over several lines continues on lines that start with a tab.
        foreach (var line in Encoding.UTF8.GetString(bytes).Replace("\n\t", " ", StringComparison.Ordinal).Split('\n'))
        {
            var m = StatementLine().Match(line);
            if (!m.Success)
                continue;
            total++;
            var sql = Literals().Replace(Whitespace().Replace(m.Groups[1].Value, " ").Trim(), "?");
            sql = sql.Length > 110 ? sql[..110] + "…" : sql;
            counts[sql] = counts.GetValueOrDefault(sql) + 1;
        }

        Console.WriteLine($"Statements   {total} logged by PostgreSQL during the rush ({(double)total / submissions:0.0} per submission); the most frequent:");
        foreach (var (sql, count) in counts.OrderByDescending(c => c.Value).Take(25))
            Console.WriteLine($"  {count,7} ({(double)count / submissions,5:0.0}/sub)  {sql}");
    }

    [GeneratedRegex(@"LOG:\s+(?:statement|execute [^:]*):\s+(.*)$")]
    private static partial Regex StatementLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"'[^']*'|\$\d+|\b\d+\b")]
    private static partial Regex Literals();

    [GeneratedRegex(@"(\w+) by \S* handled in ([\d.]+) ms")]
    private static partial Regex HandledLine();
}
