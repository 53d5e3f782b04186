using Hangfire;
using Hangfire.Common;

namespace ReviewPortal.Infrastructure.Jobs;

/// <summary>
/// Hangfire's filters with the global retry policy replaced by the configured back-off. Registered in DI
/// (not in the static GlobalJobFilters) so each host — and each test host — has its own.
/// </summary>
internal sealed class ConfiguredRetryFilterProvider : IJobFilterProvider
{
    private readonly JobFilter _retry;

    public ConfiguredRetryFilterProvider(int[] delaysSeconds)
    {
        var delays = delaysSeconds.Length > 0 ? delaysSeconds : [60];
        _retry = new JobFilter(
            new AutomaticRetryAttribute { Attempts = delays.Length, DelaysInSeconds = delays, LogEvents = true },
            JobFilterScope.Global,
            null);
    }

    public IEnumerable<JobFilter> GetFilters(Job job) =>
        JobFilterProviders.Providers.GetFilters(job)
            .Where(f => !(f.Instance is AutomaticRetryAttribute && f.Scope == JobFilterScope.Global))
            .Append(_retry);
}
