using System.Globalization;

namespace ReviewPortal.Bench;

/// <summary>Command-line options; every number has the default of the DESIGN.md target.</summary>
internal sealed class BenchOptions
{
    public string Mode { get; private set; } = "rush";

    /// <summary>
    /// paced (default, the target as written: 1,000 submissions arriving within 60 s): the requests are spread
    /// evenly over <see cref="PaceSeconds"/>; burst (stress): every client sends its share back to back.
    /// </summary>
    public string Pace { get; private set; } = "paced";

    /// <summary>50 for rush and page; 16 sessions for signed-in (the measurement DESIGN.md's target was set with).</summary>
    public int Clients { get; private set; } = 50;

    /// <summary>schedule-http: the Accept-Encoding the clients send (none by default; a browser sends e.g. "gzip, deflate, br, zstd").</summary>
    public string? AcceptEncoding { get; private set; }

    /// <summary>Signed-in mode: requests/s each signed-in page must reach (DESIGN.md: 2,000).</summary>
    public double RateTarget { get; private set; } = 2000;
    public int Submissions { get; private set; } = 1000;

    /// <summary>The whole rush must be done within this many seconds (target: 60).</summary>
    public double WindowSeconds { get; private set; } = 60;

    /// <summary>Paced mode: the last request is scheduled this many seconds after the first.</summary>
    public double PaceSeconds { get; private set; } = 55;

    public double P99TargetMs { get; private set; } = 200;

    /// <summary>Proposals sent by a separate account before the measured rush, so the app's code paths are compiled.</summary>
    public int Warmup { get; private set; } = 20;

    /// <summary>Page mode: seconds per endpoint.</summary>
    public double DurationSeconds { get; private set; } = 10;

    /// <summary>The app logs each mediator message with its duration (Information), and the bench summarises them.</summary>
    public bool Diagnose { get; private set; }

    /// <summary>Diagnostic variant: no Hangfire server in the app (delivery jobs are still enqueued, just not run).</summary>
    public bool NoJobServer { get; private set; }

    /// <summary>Rush: seconds to wait after the rush for the outbox to be delivered (informational; 0 skips).</summary>
    public double DrainSeconds { get; private set; } = 120;

    /// <summary>Keep the temp directory (app log, mail files) instead of deleting it.</summary>
    public bool Keep { get; private set; }

    public string? WebDll { get; private set; }

    /// <summary>Faults: seconds of load, PostgreSQL restarts during it, seconds down per restart.</summary>
    public double LoadSeconds { get; private set; } = 40;
    public int Restarts { get; private set; } = 2;
    public double DownSeconds { get; private set; } = 3;

    /// <summary>Extra environment for the app process (set by a mode, e.g. short outbox timeouts in faults).</summary>
    public Dictionary<string, string> AppEnvironment { get; } = new(StringComparer.Ordinal);

    /// <summary>Before measuring, wait up to this many seconds for a quiet machine (no other busy process, idle app).</summary>
    public double SettleSeconds { get; private set; } = 120;

    /// <summary>Assignment: which synthetic cases to run (default all, in this order).</summary>
    public IReadOnlyList<string> AssignmentCases { get; private set; } = AllAssignmentCases;

    public static readonly string[] AllAssignmentCases = ["lpc", "cvpr", "big", "fair-lpc", "fair-cvpr", "infeasible-cvpr"];

    /// <summary>Assignment: the seed of the synthetic instances.</summary>
    public int Seed { get; private set; } = 20261201;

    /// <summary>Assignment: time limit of the fairness phases (DESIGN.md: 60 s at CVPR size).</summary>
    public double FairSeconds { get; private set; } = 60;

    /// <summary>Assignment: skip the CLP LP bound; by default it is computed up to 2 M arcs, and with --lp-big also beyond.</summary>
    public bool SkipLp { get; private set; }

    /// <summary>Assignment: this process runs the cases itself (started by the bench, one case per process).</summary>
    public bool AssignmentChild { get; private set; }
    public bool LpBig { get; private set; }

    /// <summary>Assignment end to end: measured runs after the warm-up runs, per size.</summary>
    public int E2eLpcRuns { get; private set; } = 20;
    public int E2eCvprRuns { get; private set; } = 3;

    /// <summary>Assignment end to end: unmeasured runs first, per size (JIT and tiering of the job's code).</summary>
    public int E2eWarmups { get; private set; } = 1;

    /// <summary>
    /// Assignment end to end, LPC: after the warm-ups, more unmeasured runs until this many in a row compiled no method
    /// (the job's log line counts them), at most <see cref="E2eMaxWarmups"/>; 0 = off. Tiering up to optimised code runs on
    /// a background thread of the same two cores: a run that meets it took 18–110 ms in JIT (2026-12-02). Measured runs
    /// are then the steady state, as BenchmarkDotNet measures; the first (cold) run is reported beside them.
    /// </summary>
    public int E2eJitQuietRuns { get; private set; } = 20;

    public int E2eMaxWarmups { get; private set; } = 400;

    /// <summary>
    /// Assignment end to end: the pause between one run's end and the next run's start (default 0, back to back). On this
    /// VM spaced runs are slower, not faster (2 s apart: median 31.7 ms against 11.5–17.4 back to back): idle vCPUs and
    /// PostgreSQL's backend wake up cold. A diagnostic, not the measurement.
    /// </summary>
    public int E2ePauseMs { get; private set; }

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        var clientsGiven = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            double Number() => double.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--mode": o.Mode = Next() switch { "rush" or "deadline-rush" => "rush", "page" => "page", "signed-in" => "signed-in", "faults" => "faults", "assignment" => "assignment", "assignment-e2e" => "assignment-e2e", "timetable" => "timetable", "schedule-http" => "schedule-http", var m => throw new ArgumentException($"Unknown mode '{m}' (rush, page, signed-in, faults, assignment, assignment-e2e, timetable, schedule-http).") }; break;
                case "--cases": o.AssignmentCases = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]; break;
                case "--lpc-runs": o.E2eLpcRuns = (int)Number(); break;
                case "--warmups": o.E2eWarmups = Math.Max(1, (int)Number()); break;
                case "--jit-quiet": o.E2eJitQuietRuns = Math.Max(0, (int)Number()); break;
                case "--max-warmups": o.E2eMaxWarmups = Math.Max(1, (int)Number()); break;
                case "--pause-ms": o.E2ePauseMs = Math.Max(0, (int)Number()); break;
                case "--cvpr-runs": o.E2eCvprRuns = (int)Number(); break;
                case "--seed": o.Seed = (int)Number(); break;
                case "--fair-seconds": o.FairSeconds = Number(); break;
                case "--skip-lp": o.SkipLp = true; break;
                case "--lp-big": o.LpBig = true; break;
                case "--assignment-child": o.AssignmentChild = true; break;
                case "--load-seconds": o.LoadSeconds = Number(); break;
                case "--restarts": o.Restarts = (int)Number(); break;
                case "--down-seconds": o.DownSeconds = Number(); break;
                case "--pace": o.Pace = Next() switch { "burst" => "burst", "paced" => "paced", var p => throw new ArgumentException($"Unknown pace '{p}' (burst, paced).") }; break;
                case "--clients": o.Clients = (int)Number(); clientsGiven = true; break;
                case "--accept-encoding": o.AcceptEncoding = Next(); break;
                case "--target": o.RateTarget = Number(); break;
                case "--submissions": o.Submissions = (int)Number(); break;
                case "--window": o.WindowSeconds = Number(); break;
                case "--pace-seconds": o.PaceSeconds = Number(); break;
                case "--p99": o.P99TargetMs = Number(); break;
                case "--warmup": o.Warmup = (int)Number(); break;
                case "--duration": o.DurationSeconds = Number(); break;
                case "--drain": o.DrainSeconds = Number(); break;
                case "--diagnose": o.Diagnose = true; break;
                case "--no-job-server": o.NoJobServer = true; break;
                case "--keep": o.Keep = true; break;
                case "--settle": o.SettleSeconds = Number(); break;
                case "--web-dll": o.WebDll = Next(); break;
                case "--page-cache-seconds": o.AppEnvironment["PageCache__Seconds"] = ((int)Number()).ToString(System.Globalization.CultureInfo.InvariantCulture); break;
                case "-h" or "--help": throw new HelpRequestedException();
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        if (o.Mode == "assignment-e2e" && o.AssignmentCases == AllAssignmentCases)
            o.AssignmentCases = ["lpc", "cvpr"];
        if (o.Mode == "timetable" && o.AssignmentCases == AllAssignmentCases)
            o.AssignmentCases = TimetableBench.AllCases;
        if (o.Mode == "signed-in" && !clientsGiven)
            o.Clients = 16;
        if (o.Clients < 1 || o.Submissions < o.Clients)
            throw new ArgumentException("Need at least one client and at least one submission per client.");
        return o;
    }

    public const string Usage = """
        ReviewPortal benches (DESIGN.md, "Ambition, in numbers"). Run in Release:
          dotnet run -c Release --project bench/ReviewPortal.Bench -- --mode rush [options]
          dotnet run -c Release --project bench/ReviewPortal.Bench -- --mode page [options]
          dotnet run -c Release --project bench/ReviewPortal.Bench -- --mode signed-in [options]
          dotnet run -c Release --project bench/ReviewPortal.Bench -- --mode faults --clients 10 [options]
          dotnet run -c Release --project bench/ReviewPortal.Bench -- --mode assignment [--cases lpc,cvpr,...]
          dotnet run -c Release --project bench/ReviewPortal.Bench -- --mode assignment-e2e [--cases lpc,cvpr]
          dotnet run -c Release --project bench/ReviewPortal.Bench -- --mode timetable [--cases lpc,synthetic216,minimal-change,infeasible]

        --mode rush|page|signed-in|faults|assignment|assignment-e2e|timetable
                              rush (deadline-rush): 1,000 submissions from 50 signed-in clients, checked for
                              loss and latency (exit 1 on FAIL); page: GET of the public track page and of
                              /api/v1/conferences with 50 clients (informational); signed-in: the chair's list
                              and the proposal pages from 16 sessions of the demo chair, each checked for a 200
                              with the page's content, against --target (exit 1 on an error or below it);
                              faults: submissions while PostgreSQL is restarted, then acknowledged vs stored vs
                              mailed (exit 1 on loss); assignment: the reviewer-assignment solver on synthetic
                              instances, in process (no app, no database; exit 1 on an invalid result)
        --pace paced|burst    rush: spread evenly over --pace-seconds (default 55; the target's arrival rate,
                              the default), or every client back to back (burst: a stress test, ~5× that rate)
        --clients N           default 50 (signed-in: 16)
        --accept-encoding E   schedule-http: send Accept-Encoding E as a browser does (e.g. "gzip, deflate, br"); bodies are read compressed
        --target N            signed-in: requests/s each signed-in page must reach (default 2000)
        --submissions N       default 1000
        --window S            rush must finish within S seconds (default 60)
        --p99 MS              p99 target (default 200)
        --warmup N            proposals sent by a separate account before the rush (default 20)
        --duration S          page, signed-in: seconds per endpoint (default 10)
        --drain S             rush: wait up to S seconds for the mail to be delivered (default 120; 0 = skip)
        --diagnose            the app logs every command/query with its duration; the bench summarises them
        --no-job-server       diagnostic: the app runs no Hangfire server (jobs are enqueued, not run)
        --settle S            before measuring, wait up to S seconds (default 120) for the machine to be quiet:
                              no other busy process, the app idle (it warns if it was not)
        --keep                keep the temp directory (app log, .eml files)
        --load-seconds S      faults: seconds of submissions (default 40), back to back from --clients clients
        --restarts N          faults: PostgreSQL restarts during the load (default 2), evenly spread
        --down-seconds S      faults: seconds PostgreSQL stays down per restart (default 3)
        --cases A,B,...       assignment: any of lpc, cvpr, big, fair-lpc, fair-cvpr, infeasible-cvpr (default all);
                              timetable: any of lpc, synthetic216, minimal-change, infeasible (default all), and
                              synthetic216-long (a 60-s run and a 10-minute run: the 60-s answer, and the 10-minute run's best by 60 s, against its best)
        --lpc-runs N, --cvpr-runs N
                              assignment-e2e: measured runs after one warm-up run (default 20 and 3); the app runs
                              them as Hangfire jobs, the end-to-end time is the run row's FinishedUtc − StartedUtc
        --warmups N           assignment-e2e: unmeasured runs before the measured ones, per size (default 1)
        --jit-quiet N         assignment-e2e, LPC: then warm up until N runs in a row compiled no method (default 20, 0 = off)
        --max-warmups N       assignment-e2e, LPC: at most N warm-up runs in all (default 400)
        --pause-ms N          assignment-e2e: pause between one run's end and the next run's start (default 0: back to back; a diagnostic)
        --seed N              assignment: seed of the synthetic instances (default 20261201)
        --fair-seconds S      assignment: time limit of the fairness phases (default 60)
        --skip-lp             assignment: no CLP LP bound (by default computed for instances up to 2 M arcs)
        --lp-big              assignment: the CLP LP bound also for the 20,000 × 20,000 case (slow, memory-hungry)
        --web-dll PATH        the app to run (default: src/ReviewPortal.Web/bin/<Configuration>/net10.0/)
        --page-cache-seconds N  the app's PageCache:Seconds (default: the app's, 5; 0 measures rendering without the signed-in page cache)
        """;
}

internal sealed class HelpRequestedException : Exception;
