namespace ReviewPortal.Infrastructure.Jobs;

/// <summary>Section "Jobs": the Hangfire server in this process.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Run a Hangfire server in the web process (turn off on nodes that should only serve pages).</summary>
    public bool RunServer { get; set; } = true;
    public int WorkerCount { get; set; } = Math.Clamp(Environment.ProcessorCount * 2, 2, 10);
    /// <summary>How often delayed jobs (retries) are checked; Hangfire's default is 15 s.</summary>
    public int SchedulePollingIntervalSeconds { get; set; } = 5;
    /// <summary>
    /// A job fetched by a server that stops heart-beating (killed) is fetched again by another after this long. Live servers
    /// keep extending it (sliding), so it need not exceed the longest job. Hangfire.PostgreSql's default is 30 minutes.
    /// </summary>
    public int InvisibilityTimeoutSeconds { get; set; } = 300;
}
