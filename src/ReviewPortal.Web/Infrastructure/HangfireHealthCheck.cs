using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ReviewPortal.Infrastructure.Jobs;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>Healthy when Hangfire's storage answers and, if this node runs a job server, a server is alive.</summary>
internal sealed class HangfireHealthCheck(JobStorage storage, IOptions<JobsOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var monitoring = storage.GetMonitoringApi();
            var servers = monitoring.Servers();
            var stats = monitoring.GetStatistics();
            var data = new Dictionary<string, object> { ["servers"] = servers.Count, ["enqueued"] = stats.Enqueued, ["failed"] = stats.Failed };
            if (options.Value.RunServer && servers.Count == 0)
                return Task.FromResult(HealthCheckResult.Degraded("No Hangfire server is running.", data: data));
            return Task.FromResult(HealthCheckResult.Healthy($"{servers.Count} server(s)", data));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire storage does not answer.", ex));
        }
    }
}
