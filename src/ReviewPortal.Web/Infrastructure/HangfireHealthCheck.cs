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
            // Only the server list: /healthz is polled often, and the report shows no job statistics.
            var servers = storage.GetMonitoringApi().Servers().Count;
            if (options.Value.RunServer && servers == 0)
                return Task.FromResult(HealthCheckResult.Degraded("No Hangfire server is running."));
            return Task.FromResult(HealthCheckResult.Healthy($"{servers} server(s)"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire storage does not answer.", ex));
        }
    }
}
