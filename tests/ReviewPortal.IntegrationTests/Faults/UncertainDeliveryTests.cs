using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Outbox;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Faults;

/// <summary>
/// Issue 6, point 14: when the server may have accepted a mail but the app could not learn or record it, the mail is
/// sent again with the same Message-Id and marked, and a delivery that is maybe in flight is not repeated at once.
/// </summary>
public sealed class UncertainDeliveryTests(FaultsApp app) : IClassFixture<FaultsApp>
{
    [Fact]
    public async Task A_mail_whose_250_reply_was_lost_is_sent_again_with_the_same_message_id_and_marked_unconfirmed()
    {
        await app.NothingInFlightAsync();
        var email = $"lost-reply-{Guid.NewGuid():N}@example.org";
        app.Smtp.AcceptThenDropNext(1);

        await RegisterAsync(email);

        var row = await SentRowAsync(email);
        var copies = app.Mail(email, m => m.MessageId).ToList();
        Assert.Equal(2, copies.Count);
        Assert.All(copies, id => Assert.Equal($"{row.Id:N}@reviewportal", id));
        Assert.Equal(2, row.Attempts);
        Assert.Equal(1, row.UnconfirmedAttempts);
    }

    [Fact]
    public async Task A_mail_accepted_just_before_its_node_stopped_is_not_resent_while_it_may_be_in_flight_then_once_with_the_same_message_id()
    {
        await app.NothingInFlightAsync();
        var email = $"node-stopped-{Guid.NewGuid():N}@example.org";
        // The server accepted the mail; then the job was cancelled before the outcome was written (a node shutting
        // down, or the database connection gone).
        app.ThrowAfterNextSend = new OperationCanceledException("The node stopped during the delivery.");

        await RegisterAsync(email);

        await app.Smtp.WaitForMessageAsync(m => m.To.Mailboxes.Any(x => x.Address == email), TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(5)); // Hangfire retries the failed job after 1 s (test back-off)
        Assert.Single(app.Mail(email, m => m.MessageId));
        var claimed = await RowAsync(email);
        Assert.Null(claimed.SentUtc);
        Assert.NotNull(claimed.AttemptStartedUtc);

        // Once the attempt is older than Mail:AttemptTimeoutSeconds it is stranded: the sweep sends it again.
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        await app.RunSweepAsync();
        var row = await SentRowAsync(email);
        var copies = app.Mail(email, m => m.MessageId).ToList();
        Assert.Equal(2, copies.Count);
        Assert.All(copies, id => Assert.Equal($"{row.Id:N}@reviewportal", id));
        Assert.Equal(1, row.UnconfirmedAttempts);
        Assert.Null(row.AttemptStartedUtc);
    }

    private async Task RegisterAsync(string email)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/accounts",
            new { email, password = Accounts.Password, displayName = "Uncertain Delivery" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private Task<OutboxMessage> RowAsync(string email) =>
        app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == email));

    private Task<OutboxMessage> SentRowAsync(string email) =>
        Eventually.ThatAsync(() => RowAsync(email), m => m.SentUtc is not null, TimeSpan.FromSeconds(30), "the mail to be marked sent");
}
