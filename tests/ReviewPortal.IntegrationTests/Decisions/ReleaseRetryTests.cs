using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.Infrastructure.Data;
using ReviewPortal.IntegrationTests.Infrastructure;
using static ReviewPortal.IntegrationTests.Decisions.ReleaseSteps;

namespace ReviewPortal.IntegrationTests.Decisions;

/// <summary>The app with a switch that fails the next N commits with a transient error (a serialization failure), before anything is committed.</summary>
public sealed class FailingCommitApp(PostgresServer server) : ReviewPortalApp(server)
{
    private int _failNext;

    public void FailNextCommits(int count) => Volatile.Write(ref _failNext, count);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
            services.ConfigureDbContext<ApplicationDbContext>(o => o.AddInterceptors(new FailCommit(this)), ServiceLifetime.Singleton));
    }

    private bool TakeFailure()
    {
        while (true)
        {
            var left = Volatile.Read(ref _failNext);
            if (left <= 0)
                return false;
            if (Interlocked.CompareExchange(ref _failNext, left - 1, left) == left)
                return true;
        }
    }

    private sealed class FailCommit(FailingCommitApp app) : DbTransactionInterceptor
    {
        public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default) =>
            app.TakeFailure()
                ? throw new PostgresException("could not serialize access (test)", "ERROR", "ERROR", PostgresErrorCodes.SerializationFailure)
                : ValueTask.FromResult(result);
    }
}

/// <summary>
/// A release whose transaction fails and is run again, by the app's retrying execution strategy or by the chair pressing
/// release once more, mails each speaker once: the failed attempt's letters roll back with it.
/// </summary>
public sealed class ReleaseRetryTests(FailingCommitApp app) : IClassFixture<FailingCommitApp>
{
    [Fact]
    public async Task A_release_whose_commit_fails_once_is_retried_and_mails_each_speaker_once()
    {
        var track = await DecisionTrack.CreateAsync(app, 2);
        await DecideAsync(app, track.Proposals[0].Id, SubmissionStatus.Accepted);
        await DecideAsync(app, track.Proposals[1].Id, SubmissionStatus.Rejected);
        var everyone = track.Proposals.SelectMany(p => new[] { p.SpeakerEmail, p.CoSpeakerEmail }).ToArray();

        app.FailNextCommits(1);
        var result = await ReleaseAsync(track.Chair, track.TrackId);

        Assert.Equal(2, result.GetProperty("released").GetInt32());
        Assert.Equal(4, result.GetProperty("letters").GetInt32());
        var letters = await LettersToAsync(app, everyone);
        Assert.Equal(4, letters.Count);
        Assert.Equal(4, letters.Select(l => l.ToAddress).Distinct().Count());
        Assert.Equal(1, await app.WithDbAsync(db => db.SpeakerConfirmations.CountAsync(c => c.SubmissionId == track.Proposals[0].Id)));
    }

    [Fact]
    public async Task A_release_that_failed_for_good_and_is_pressed_again_mails_each_speaker_once()
    {
        var track = await DecisionTrack.CreateAsync(app, 1);
        await DecideAsync(app, track.Proposals[0].Id, SubmissionStatus.Accepted);
        var p = track.Proposals[0];

        app.FailNextCommits(10); // more than the strategy's retries: the request fails and nothing is kept
        var failed = await PostReleaseAsync(track.Chair, track.TrackId, null);
        app.FailNextCommits(0);
        Assert.False(failed.IsSuccessStatusCode);
        Assert.False(await IsReleasedAsync(app, p.Id));
        Assert.Empty(await LettersToAsync(app, p.SpeakerEmail, p.CoSpeakerEmail));

        var again = await PostReleaseAsync(track.Chair, track.TrackId, null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await ReleaseAsync(track.Chair, track.TrackId);

        Assert.Single(await LettersToAsync(app, p.SpeakerEmail));
        Assert.Single(await LettersToAsync(app, p.CoSpeakerEmail));
    }
}
