using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ReviewPortal.Application.Common.Behaviours;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.UnitTests.Support;

namespace ReviewPortal.UnitTests.Behaviours;

public sealed class LoggingBehaviourTests
{
    private readonly FakeLogger<LoggingBehaviour<SignedInCommand, string>> logger = new();
    private readonly FakeLogger<LoggingBehaviour<SignedInQuery, string>> queryLogger = new();

    private ValueTask<string> Send(ICurrentUser user, Exception? failure = null) =>
        new LoggingBehaviour<SignedInCommand, string>(logger, user).Handle(
            new SignedInCommand(),
            (_, _) => failure is null ? ValueTask.FromResult("done") : ValueTask.FromException<string>(failure),
            TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_persons_message_is_logged_with_their_id()
    {
        var user = FakeCurrentUser.SignedIn();
        await Send(user);

        var entry = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.StartsWith($"SignedInCommand by {user.Id} handled in ", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_persons_successful_query_is_logged_at_debug_only_so_page_views_do_not_fill_the_log()
    {
        var user = FakeCurrentUser.SignedIn();
        await new LoggingBehaviour<SignedInQuery, string>(queryLogger, user).Handle(
            new SignedInQuery(), (_, _) => ValueTask.FromResult("page"), TestContext.Current.CancellationToken);

        var entry = Assert.Single(queryLogger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.StartsWith($"SignedInQuery by {user.Id} handled in ", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_persons_failed_query_is_logged_at_information_with_the_error()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => new LoggingBehaviour<SignedInQuery, string>(queryLogger, FakeCurrentUser.SignedIn()).Handle(
            new SignedInQuery(), (_, _) => ValueTask.FromException<string>(new InvalidOperationException("no such page")), TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(LogLevel.Information, queryLogger.LatestRecord.Level);
        Assert.EndsWith("InvalidOperationException: no such page", queryLogger.LatestRecord.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_caller_is_named_as_such()
    {
        await Send(FakeCurrentUser.Anonymous());

        Assert.StartsWith("SignedInCommand by anonymous handled in ", logger.LatestRecord.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Background_work_that_succeeds_logs_at_debug_only_so_the_minutely_sweep_does_not_fill_the_log()
    {
        await Send(FakeCurrentUser.System());

        Assert.Equal(LogLevel.Debug, logger.LatestRecord.Level);
        Assert.StartsWith("SignedInCommand by system handled in ", logger.LatestRecord.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_background_work_is_still_logged_at_information_with_the_error()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Send(FakeCurrentUser.System(), new InvalidOperationException("SMTP refused")).AsTask());

        Assert.Equal(LogLevel.Information, logger.LatestRecord.Level);
        Assert.Contains("by system failed after", logger.LatestRecord.Message, StringComparison.Ordinal);
        Assert.EndsWith("InvalidOperationException: SMTP refused", logger.LatestRecord.Message, StringComparison.Ordinal);
    }
}
