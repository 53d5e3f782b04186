using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Npgsql;

namespace ReviewPortal.Bench;

/// <summary>
/// Issue 6, "under faults": signed-in speakers submit proposals back to back while PostgreSQL is restarted under
/// them. Afterwards the bench compares what the app acknowledged (201) with what it stored and with the mail it
/// delivered (.eml files of the pickup directory). None acknowledged may be lost, none stored twice, and every
/// stored proposal's mail must go out (the sweep picks up what could not be queued during a restart).
/// </summary>
internal static class FaultRun
{
    private const string Domain = "faults.example";
    private static readonly string[] Topics = ["tracing"];

    private sealed record Attempt(string Title, int Status, string? Error);

    public static async Task<bool> RunAsync(BenchOptions o, CancellationToken cancellationToken)
    {
        // Short outbox timeouts so the drain after the run takes a minute or two, not the production 2–6 minutes.
        o.AppEnvironment["Mail__SweepAfterSeconds"] = "20";
        o.AppEnvironment["Mail__AttemptTimeoutSeconds"] = "60";
        o.AppEnvironment["Mail__RetryDelaysSeconds__0"] = "5";
        o.AppEnvironment["Mail__RetryDelaysSeconds__1"] = "10";
        o.AppEnvironment["Mail__RetryDelaysSeconds__2"] = "30";
        o.AppEnvironment["Jobs__InvisibilityTimeoutSeconds"] = "60";
        Console.WriteLine($"faults: {o.Clients} clients submit back to back for {o.LoadSeconds:0} s; PostgreSQL restarted {o.Restarts}× " +
            $"({o.DownSeconds:0} s down each); then acknowledged vs stored vs mailed (Mail:SweepAfterSeconds=20, Mail:AttemptTimeoutSeconds=60)");
        await using var host = await BenchHost.StartAsync(o, cancellationToken);

        var emails = Enumerable.Range(0, o.Clients).Select(i => $"fault-speaker-{i:00}@{Domain}").ToList();
        var speakers = await Speakers.CreateAsync(host, emails, cancellationToken);
        try
        {
            var trackId = await Speakers.DemoTrackIdAsync(speakers[0].Client, cancellationToken);
            var attempts = new ConcurrentQueue<Attempt>();
            var load = Stopwatch.StartNew();
            var until = TimeSpan.FromSeconds(o.LoadSeconds);
            var clients = speakers.Select((s, c) => Task.Run(async () =>
            {
                for (var j = 0; load.Elapsed < until; j++)
                {
                    var title = $"fault-{c:00}-{j:0000} Submitted while the database restarts";
                    var status = 0;
                    try
                    {
                        using var response = await PostAsync(s.Client, trackId, title, cancellationToken);
                        var body = await response.Content.ReadAsStringAsync(cancellationToken);
                        status = (int)response.StatusCode;
                        attempts.Enqueue(new Attempt(title, status, response.StatusCode == HttpStatusCode.Created ? null : body));
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                    {
                        attempts.Enqueue(new Attempt(title, 0, $"{ex.GetType().Name}: {ex.Message}"));
                    }

                    if (status != 201)
                        await Task.Delay(200, cancellationToken); // a failing client backs off a little
                }
            }, cancellationToken)).ToList();

            for (var r = 1; r <= o.Restarts; r++)
            {
                var due = until * r / (o.Restarts + 1) - load.Elapsed;
                if (due > TimeSpan.Zero)
                    await Task.Delay(due, cancellationToken);
                var at = load.Elapsed;
                await host.RestartPostgresAsync(TimeSpan.FromSeconds(o.DownSeconds), cancellationToken);
                Console.WriteLine($"Restart {r}    PostgreSQL stopped at {at.TotalSeconds:0.0} s, up again at {load.Elapsed.TotalSeconds:0.0} s");
            }

            await Task.WhenAll(clients);
            var sent = attempts.ToList();
            Console.WriteLine($"Requests     {sent.Count} in {load.Elapsed.TotalSeconds:0.0} s: " +
                string.Join(", ", sent.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{(g.Key == 0 ? "no answer" : g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))} × {g.Count()}")));
            foreach (var error in sent.Where(a => a.Status != 201).GroupBy(a => Shorten(a.Error)).OrderByDescending(g => g.Count()).Take(5))
                Console.WriteLine($"               {error.Count()} × {error.Key}");

            NpgsqlConnection.ClearAllPools();
            var acknowledged = sent.Where(a => a.Status == 201).Select(a => a.Title).ToHashSet(StringComparer.Ordinal);
            var stored = (await host.GroupCountAsync("""SELECT "Title", count(*) FROM "Submissions" WHERE "Title" LIKE 'fault-%' GROUP BY "Title" """, cancellationToken))
                .ToDictionary(r => r.Key, r => r.Count, StringComparer.Ordinal);
            var lost = acknowledged.Count(t => !stored.ContainsKey(t));
            var twice = stored.Count(s => s.Value > 1);
            var storedUnacknowledged = stored.Keys.Count(t => !acknowledged.Contains(t));
            var acknowledgedErrors = sent.Where(a => a.Status is >= 500 and < 600 && stored.ContainsKey(a.Title)).GroupBy(a => a.Status)
                .Select(g => $"{g.Key} × {g.Count()}").ToList();
            Console.WriteLine($"Stored       {stored.Count} proposals; acknowledged (201) {acknowledged.Count}; acknowledged but not stored (lost) {lost}; " +
                $"stored twice {twice}; stored but the client got no 201 {storedUnacknowledged}" +
                (acknowledgedErrors.Count > 0 ? $" ({string.Join(", ", acknowledgedErrors)}: the commit's outcome was lost with the connection)" : ""));

            // Drain: every mail sent, and no job left "Processing" by a state change the restart interrupted
            // (Jobs:InvisibilityTimeoutSeconds frees it).
            var drain = Stopwatch.StartNew();
            long unsent, processing;
            TimeSpan? mailDrained = null;
            do
            {
                unsent = await host.ScalarAsync("""SELECT count(*) FROM "OutboxMessages" WHERE "Subject" LIKE 'Proposal received: fault-%' AND "SentUtc" IS NULL""", cancellationToken);
                processing = await host.ScalarAsync("""SELECT count(*) FROM hangfire.job WHERE statename = 'Processing'""", cancellationToken);
                if (unsent == 0)
                    mailDrained ??= drain.Elapsed;
                if (unsent == 0 && processing == 0)
                    break;
                await Task.Delay(1000, cancellationToken);
            }
            while (drain.Elapsed < TimeSpan.FromSeconds(o.DrainSeconds));

            var rows = await host.ScalarAsync("""SELECT count(*) FROM "OutboxMessages" WHERE "Subject" LIKE 'Proposal received: fault-%'""", cancellationToken);
            var unconfirmed = await host.ScalarAsync("""SELECT count(*) FROM "OutboxMessages" WHERE "Subject" LIKE 'Proposal received: fault-%' AND "UnconfirmedAttempts" > 0""", cancellationToken);
            var files = Directory.Exists(host.MailDirectory)
                ? Directory.GetFiles(host.MailDirectory, "*.eml").Where(f => File.ReadLines(f).Any(l => l.StartsWith("Subject: Proposal received: fault-", StringComparison.Ordinal))).ToList()
                : [];
            var distinct = files.Select(f => Path.GetFileNameWithoutExtension(f)[(Path.GetFileNameWithoutExtension(f).LastIndexOf('-') + 1)..]).Distinct(StringComparer.Ordinal).Count();
            Console.WriteLine($"Mail         {rows} outbox rows for {stored.Count} stored proposals; unsent {unsent} (all sent {(mailDrained is { } d ? $"{d.TotalSeconds:0} s" : "not")} after the load); " +
                $"delivered files {files.Count} ({distinct} distinct Message-Ids, {files.Count - distinct} duplicates); rows with an unconfirmed attempt {unconfirmed}; " +
                $"Hangfire jobs still Processing after {drain.Elapsed.TotalSeconds:0} s: {processing}");

            // A job left "Processing": is it still in the queue (then the invisibility timeout frees it) or not?
            foreach (var (job, queue) in await host.GroupCountAsync("""
                SELECT j.id::text || ' (' || coalesce(j.invocationdata::json->>'Method', '?') || ')'
                       || coalesce(', fetched ' || round(extract(epoch FROM now() - max(q.fetchedat)))::text || ' s ago', ''),
                       count(q.id) FROM hangfire.job j LEFT JOIN hangfire.jobqueue q ON q.jobid = j.id
                WHERE j.statename = 'Processing' GROUP BY j.id, j.invocationdata
                """, cancellationToken))
                Console.WriteLine($"Processing   job {job}: {(queue > 0 ? "still in the queue (a fetch older than Jobs:InvisibilityTimeoutSeconds frees it; a recent one is a live heartbeat)" : "no longer in the queue: only deleting it clears it")}");

            var passed = lost == 0 && twice == 0 && rows == stored.Count && unsent == 0 && distinct == stored.Count;
            Console.WriteLine(passed
                ? "PASS         nothing acknowledged was lost, nothing stored twice, every stored proposal's mail delivered"
                : "FAIL         see the figures above");
            var problems = host.Problems();
            foreach (var (entry, count) in problems.Take(8))
                Console.WriteLine($"App log      {count} × {entry}");
            return passed;
        }
        finally
        {
            foreach (var s in speakers)
                s.Dispose();
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Guid trackId, string title, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/tracks/{trackId}/proposals", UriKind.Relative))
        {
            Content = JsonContent.Create(new { title, @abstract = "Submitted by the fault bench while PostgreSQL restarts.", topics = Topics, submit = true }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await client.SendAsync(request, cancellationToken);
    }

    private static string Shorten(string? error)
    {
        var text = (error ?? "").ReplaceLineEndings(" ");
        return text.Length > 140 ? text[..140] + "…" : text;
    }
}
