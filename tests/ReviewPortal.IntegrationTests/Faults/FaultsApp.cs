using System.Globalization;
using Hangfire;
using Hangfire.Client;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Infrastructure.Jobs;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Faults;

/// <summary>
/// The app with its job server on, sending to a test SMTP server, with switches for the faults a test needs: the
/// job queue refusing new jobs (as during a PostgreSQL restart) and the node stopping right after a send.
/// </summary>
public class FaultsApp : ReviewPortalApp
{
    public FaultsApp(PostgresServer server) : base(server)
    {
        Settings["Jobs:RunServer"] = "true";
        Settings["Mail:Smtp:Host"] = "127.0.0.1";
        Settings["Mail:Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture);
        Settings["Mail:Smtp:Security"] = "None";
    }

    public TestSmtpServer Smtp { get; } = new();

    /// <summary>While true, creating a background job throws <see cref="BackgroundJobClientException"/>.</summary>
    public bool JobQueueDown { get; set; }

    /// <summary>Thrown once, right after the SMTP server accepted the next mail (the node stopping mid-delivery).</summary>
    public Exception? ThrowAfterNextSend
    {
        get => _throwAfterNextSend;
        set => _throwAfterNextSend = value;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IBackgroundJobClient>();
            services.AddSingleton<IBackgroundJobClient>(sp => new SwitchableJobClient(
                new BackgroundJobClient(sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IBackgroundJobFactory>(), sp.GetRequiredService<IBackgroundJobStateChanger>()),
                this));
            var transport = services.Single(d => d.ServiceType == typeof(IMailTransport));
            services.Remove(transport);
            services.AddSingleton<IMailTransport>(sp => new InterruptibleTransport((IMailTransport)transport.ImplementationFactory!(sp), this));
        });
    }

    public IEnumerable<T> Mail<T>(string toAddress, Func<MimeKit.MimeMessage, T> select) =>
        Smtp.Received.Where(m => m.To.Mailboxes.Any(x => x.Address == toAddress)).Select(select);

    /// <summary>Runs the outbox sweep as the minutely schedule would, and waits for its final state.</summary>
    public async Task<string> RunSweepAsync()
    {
        var id = Services.GetRequiredService<IBackgroundJobClient>().Enqueue<OutboxSweepJob>(j => j.SweepAsync(CancellationToken.None));
        return await FinalStateAsync(id);
    }

    public Task<string> FinalStateAsync(string jobId) => Eventually.ThatAsync(
        () =>
        {
            using var connection = Services.GetRequiredService<JobStorage>().GetConnection();
            return Task.FromResult(connection.GetStateData(jobId)?.Name ?? "");
        },
        state => state is not ("" or "Enqueued" or "Processing" or "Scheduled" or "Awaiting"),
        TimeSpan.FromSeconds(60), $"job {jobId} to finish");

    /// <summary>Earlier mail (account confirmations) is delivered first and no job is running.</summary>
    public async Task NothingInFlightAsync()
    {
        await Eventually.ThatAsync(() => WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.SentUtc == null)),
            unsent => unsent == 0, TimeSpan.FromSeconds(60), "earlier mail to be delivered");
        var monitoring = Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await Eventually.ThatAsync(() => Task.FromResult(monitoring.ProcessingCount() + monitoring.EnqueuedCount("mail")),
            busy => busy == 0, TimeSpan.FromSeconds(60), "running jobs to finish");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private sealed class SwitchableJobClient(IBackgroundJobClient inner, FaultsApp app) : IBackgroundJobClient
    {
        public string Create(Job job, IState state) => app.JobQueueDown
            ? throw new BackgroundJobClientException("Background job creation failed. See inner exception for details.",
                new Npgsql.NpgsqlException("Failed to connect to 127.0.0.1 (the test's job queue is down)"))
            : inner.Create(job, state);

        public bool ChangeState(string jobId, IState state, string expectedState) => inner.ChangeState(jobId, state, expectedState);
    }

    private sealed class InterruptibleTransport(IMailTransport inner, FaultsApp app) : IMailTransport
    {
        public async Task SendAsync(EmailEnvelope email, CancellationToken cancellationToken)
        {
            await inner.SendAsync(email, cancellationToken);
            if (Interlocked.Exchange(ref app._throwAfterNextSend, null) is { } fault)
                throw fault;
        }
    }

    private Exception? _throwAfterNextSend;
}
