using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Faults;

/// <summary>Issue 6, point 12: after the commit nothing turns the command's success into a failure.</summary>
public sealed class JobQueueDownTests(FaultsApp app) : IClassFixture<FaultsApp>
{
    [Fact]
    public async Task A_proposal_submitted_while_the_job_queue_is_unreachable_is_acknowledged_stored_once_and_mailed_by_the_sweep()
    {
        var chair = $"queue-chair-{Guid.NewGuid():N}@example.org";
        await Accounts.SignedInClientAsync(app, chair);
        var trackId = await TestTracks.CreateAsync(app, chair);
        var speakerEmail = $"queue-speaker-{Guid.NewGuid():N}@example.org";
        var speaker = await Accounts.SignedInClientAsync(app, speakerEmail, "Queue Speaker");
        await app.NothingInFlightAsync();
        var title = $"Submitted while Hangfire was down {Guid.NewGuid():N}";

        app.JobQueueDown = true;
        HttpResponseMessage created;
        try
        {
            created = await speaker.PostAsJsonAsync($"/api/v1/tracks/{trackId}/proposals",
                new { title, @abstract = "Abstract.", submit = true });
        }
        finally
        {
            app.JobQueueDown = false;
        }

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Submissions.CountAsync(s => s.Title == title)));
        var row = Assert.Single(await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Subject.Contains(title)).ToListAsync()));
        Assert.Null(row.SentUtc);

        // The minutely sweep, once the mail is older than Mail:SweepAfterSeconds, queues what the commit could not.
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await app.RunSweepAsync();
        var mail = await app.Smtp.WaitForMessageAsync(m => (m.Subject ?? "").Contains(title, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Equal($"{row.Id:N}@reviewportal", mail.MessageId);
        Assert.Single(app.Smtp.Received, m => (m.Subject ?? "").Contains(title, StringComparison.Ordinal));
    }
}
