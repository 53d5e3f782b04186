using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Foundation;

/// <summary>The app with its Hangfire server on, sending to a real SMTP server started by the test.</summary>
public sealed class SmtpApp : ReviewPortalApp
{
    public SmtpApp(PostgresServer server) : base(server)
    {
        Settings["Jobs:RunServer"] = "true";
        Settings["Mail:Smtp:Host"] = "127.0.0.1";
        Settings["Mail:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["Mail:Smtp:Security"] = "None";
    }

    public TestSmtpServer Smtp { get; } = new();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed class MailDeliveryTests(SmtpApp app) : IClassFixture<SmtpApp>
{
    [Fact]
    public async Task A_hangfire_job_sends_the_confirmation_mail_over_smtp_retrying_once_the_server_refused_it()
    {
        await NothingInFlightAsync();
        var refusedBefore = app.Smtp.Refused; // the SMTP server is shared by this class's tests
        app.Smtp.RefuseNext(1);
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/accounts",
            new { email = "grace@example.org", password = Accounts.Password, displayName = "Grace Hopper" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var mail = await app.Smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(x => x.Address == "grace@example.org"), TimeSpan.FromSeconds(60));
        Assert.Equal("Confirm your ReviewPortal account", mail.Subject);
        Assert.Contains("/Account/ConfirmEmail?userId=", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(refusedBefore + 1, app.Smtp.Refused);

        var row = await Eventually.ThatAsync(
            () => app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == "grace@example.org")),
            m => m.SentUtc is not null, TimeSpan.FromSeconds(10), "the outbox row to be marked sent");
        Assert.Equal(2, row.Attempts);
        Assert.Equal($"{row.Id:N}@reviewportal", mail.MessageId);

        // Sent means sent once: a late duplicate of the job finds the row already sent and sends nothing.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(x => x.Address == "grace@example.org"));
    }

    [Fact]
    public async Task When_one_of_a_commands_mails_is_refused_the_retry_sends_only_that_one()
    {
        var chair = $"mail-chair-{Guid.NewGuid():N}@example.org";
        await Accounts.SignedInClientAsync(app, chair);
        var trackId = await TestTracks.CreateAsync(app, chair);
        var speakerEmail = $"mail-speaker-{Guid.NewGuid():N}@example.org";
        var speaker = await Accounts.SignedInClientAsync(app, speakerEmail, "Mail Speaker");
        var coEmail = $"mail-co-{Guid.NewGuid():N}@example.org";
        await NothingInFlightAsync();
        var refusedBefore = app.Smtp.Refused;

        app.Smtp.RefuseNext(1);
        var created = await speaker.PostAsJsonAsync($"/api/v1/tracks/{trackId}/proposals", new
        {
            title = "Two mails at once", @abstract = "Abstract.", submit = true,
            coSpeakers = new[] { new { name = "Co Speaker", email = coEmail, affiliation = "Meta" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await Eventually.ThatAsync(
            () => app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Subject.Contains("Two mails at once")).ToListAsync()),
            // One mail per person per event: the speaker's "submitted" and the invited co-speaker's invitation.
            rows => rows.Count == 2 && rows.All(r => r.SentUtc is not null), TimeSpan.FromSeconds(60), "both mails to be sent");
        Assert.Equal(refusedBefore + 1, app.Smtp.Refused);
        Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(x => x.Address == speakerEmail) && (m.Subject ?? "").Contains("Two mails at once", StringComparison.Ordinal));
        Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(x => x.Address == coEmail));
    }

    /// <summary>Earlier mail (account confirmations) is delivered first, so a refusal hits the mail under test.</summary>
    private Task<int> NothingInFlightAsync() => Eventually.ThatAsync(
        () => app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.SentUtc == null)),
        unsent => unsent == 0, TimeSpan.FromSeconds(60), "earlier mail to be delivered");

    [Fact]
    public async Task Delivering_a_sent_message_again_sends_nothing()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/accounts",
            new { email = "once@example.org", password = Accounts.Password, displayName = "Only Once" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var row = await Eventually.ThatAsync(
            () => app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == "once@example.org")),
            m => m.SentUtc is not null, TimeSpan.FromSeconds(30), "the confirmation mail to be sent");

        var outcome = await app.SendAsSystemAsync(new Application.Features.Outbox.DeliverOutboxMessage(row.Id));

        Assert.Equal(Application.Features.Outbox.DeliveryOutcome.AlreadySent, outcome);
        Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(x => x.Address == "once@example.org"));
    }
}
