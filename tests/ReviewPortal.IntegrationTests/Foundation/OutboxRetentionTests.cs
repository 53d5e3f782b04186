using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Features.Outbox;
using ReviewPortal.Domain.Outbox;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Foundation;

/// <summary>Sent mail is kept for a while as the record of what went out, then deleted; unsent mail is never deleted.</summary>
public sealed class OutboxRetentionTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    [Fact]
    public async Task Purging_deletes_only_mail_sent_before_the_retention_period()
    {
        var now = app.Clock.GetUtcNow();
        var tag = Guid.NewGuid().ToString("N");
        OutboxMessage Mail(string name, DateTimeOffset created, DateTimeOffset? sent) => new()
        {
            CreatedUtc = created,
            SentUtc = sent,
            Attempts = sent is null ? 3 : 1,
            ToAddress = $"{name}-{tag}@example.org",
            Subject = name,
            TextBody = "Body.",
            Kind = "test.retention",
        };
        await app.WithDbAsync(async db =>
        {
            db.OutboxMessages.AddRange(
                Mail("sent-long-ago", now.AddDays(-200), now.AddDays(-200)),
                Mail("sent-recently", now.AddDays(-10), now.AddDays(-10)),
                Mail("never-sent", now.AddDays(-400), null));
            await db.SaveChangesAsync();
        });

        var deleted = await app.SendAsSystemAsync(new PurgeSentMail(TimeSpan.FromDays(180)));

        Assert.Equal(1, deleted);
        var left = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress.EndsWith(tag + "@example.org")).Select(m => m.Subject).OrderBy(s => s).ToListAsync());
        Assert.Equal(["never-sent", "sent-recently"], left);
    }

    [Fact]
    public async Task A_retention_shorter_than_a_day_is_refused_and_deletes_nothing()
    {
        var now = app.Clock.GetUtcNow();
        var address = $"fresh-{Guid.NewGuid():N}@example.org";
        await app.WithDbAsync(async db =>
        {
            db.OutboxMessages.Add(new OutboxMessage { CreatedUtc = now.AddHours(-2), SentUtc = now.AddHours(-2), Attempts = 1, ToAddress = address, Subject = "Fresh", TextBody = "Body.", Kind = "test.retention" });
            await db.SaveChangesAsync();
        });

        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsSystemAsync(new PurgeSentMail(TimeSpan.FromHours(1))));

        Assert.Contains("at least one day", refused.Message, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == address)));
    }
}
