using System.Net;
using System.Net.Http.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Faults;

/// <summary>A long back-off, as in production after a few failed attempts (the test default is 1, 2, 5 s).</summary>
public sealed class LongBackOffApp : FaultsApp
{
    public LongBackOffApp(PostgresServer server) : base(server)
    {
        Settings["Mail:RetryDelaysSeconds:0"] = "900";
        Settings["Mail:RetryDelaysSeconds:1"] = "3600";
        Settings["Mail:RetryDelaysSeconds:2"] = "10800";
    }
}

/// <summary>Issue 6, point 16: once the mail server accepts mail again, mail waiting for its next retry goes at once.</summary>
public sealed class MailCatchUpTests(LongBackOffApp app) : IClassFixture<LongBackOffApp>
{
    [Fact]
    public async Task When_the_mail_server_accepts_mail_again_a_mail_waiting_fifteen_minutes_for_its_retry_goes_within_seconds()
    {
        await app.NothingInFlightAsync();
        var first = $"waiting-{Guid.NewGuid():N}@example.org";
        app.Smtp.RefuseNext(1);
        await RegisterAsync(first);
        await Eventually.ThatAsync(
            () => Task.FromResult(app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledCount()),
            scheduled => scheduled >= 1, TimeSpan.FromSeconds(30), "the refused mail's retry to be scheduled");

        var second = $"after-outage-{Guid.NewGuid():N}@example.org";
        await RegisterAsync(second);

        await app.Smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(x => x.Address == second), TimeSpan.FromSeconds(30));
        await app.Smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(x => x.Address == first), TimeSpan.FromSeconds(20));
        var row = await Eventually.ThatAsync(
            () => app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == first)),
            m => m.SentUtc is not null, TimeSpan.FromSeconds(10), "the waiting mail to be marked sent");
        Assert.Equal(2, row.Attempts);
    }

    private async Task RegisterAsync(string email)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/accounts",
            new { email, password = Accounts.Password, displayName = "Catch Up" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
