using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Faults;

/// <summary>Issue 6, rough edges of /jobs: readable job names, and a quiet minutely sweep.</summary>
public sealed class JobsDashboardTests(FaultsApp app) : IClassFixture<FaultsApp>
{
    [Fact]
    public async Task The_jobs_page_names_a_delivery_by_how_many_mails_it_sends()
    {
        var admin = await Accounts.SignedInAdminAsync(app, $"jobs-admin-{Guid.NewGuid():N}@example.org");
        await app.NothingInFlightAsync();

        var page = await admin.GetStringAsync(new Uri("/jobs/jobs/succeeded", UriKind.Relative));

        Assert.Contains("Deliver 1 mail", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Guid[]", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweeps_that_find_nothing_to_do_leave_the_succeeded_jobs_as_they_were()
    {
        await app.NothingInFlightAsync();
        var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var succeeded = monitoring.GetStatistics().Succeeded;
        var listed = monitoring.SucceededListCount();

        for (var i = 0; i < 3; i++)
            Assert.Equal("Nothing to do", await app.RunSweepAsync());

        Assert.Equal(succeeded, monitoring.GetStatistics().Succeeded);
        Assert.Equal(listed, monitoring.SucceededListCount());
    }
}
