using System.Security.Cryptography;
using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Features.Assignment;
using ReviewPortal.Application.Features.Bidding;
using ReviewPortal.Application.Features.Confirmations;
using ReviewPortal.Application.Features.Decisions;
using ReviewPortal.Application.Features.Reviews;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Reviews;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.Infrastructure.Data;

namespace ReviewPortal.Infrastructure.Seed;

/// <summary>How far the demo track is taken at start-up (<c>Seed:DemoStage</c>); each stage includes the ones before it.</summary>
public enum DemoStage
{
    /// <summary>The CfP is open: proposals submitted, nothing reviewed (the default).</summary>
    Cfp = 0,
    /// <summary>The review phase started, the committee assigned automatically, demo reviews submitted.</summary>
    Reviewing = 1,
    /// <summary>LPC 2023's real decisions (all 38 talks accepted), released with their letters.</summary>
    Decided = 2,
    /// <summary>Every accepted talk confirmed by one of its speakers.</summary>
    Confirmed = 3,
    /// <summary>The timetable built by the solver, applied and published.</summary>
    Scheduled = 4,
}

/// <summary>
/// Takes the demo track from the CfP to a later stage by running the real use cases as the people who would run them:
/// the chair starts the review phase, runs and applies the assignment, decides and releases; each member submits their
/// reviews; a speaker of each talk confirms; the chair builds and publishes the timetable. Proposals the chair is
/// conflicted on are decided and released by the admin, as the policy requires. Every step is skipped when already done,
/// so a restart (or a later, higher stage) continues where the last start stopped.
/// Review scores are demo data generated from a fixed seed, and every demo review says so.
/// </summary>
public sealed partial class DemoStages(IServiceScopeFactory scopes, ILogger<DemoStages> logger)
{
    /// <summary>Written into every generated review, so nobody takes the scores for the LPC committee's.</summary>
    public const string DemoReviewNote = "Demo review: the score and this text were generated from a fixed seed; they are not the LPC 2023 committee's.";

    public async Task AdvanceAsync(Guid trackId, Guid chairId, Guid adminId, DemoStage stage, CancellationToken cancellationToken = default)
    {
        if (stage >= DemoStage.Reviewing)
            await ReviewAsync(trackId, chairId, cancellationToken);
        if (stage >= DemoStage.Decided)
            await DecideAsync(trackId, chairId, adminId, cancellationToken);
        if (stage >= DemoStage.Confirmed)
            await ConfirmAsync(trackId, cancellationToken);
        if (stage >= DemoStage.Scheduled)
            await ScheduleAsync(trackId, chairId, cancellationToken);
    }

    private async Task ReviewAsync(Guid trackId, Guid chairId, CancellationToken cancellationToken)
    {
        var started = await ReadAsync(db => db.Tracks.Where(t => t.Id == trackId).Select(t => t.ReviewPhaseStartedUtc != null).SingleAsync(cancellationToken));
        if (!started)
            await SendAsAsync(chairId, admin: false, new StartReviewPhase(trackId), cancellationToken);

        if (!await ReadAsync(db => db.ReviewAssignments.AnyAsync(a => a.TrackId == trackId, cancellationToken)))
        {
            var runId = await SendAsAsync(chairId, admin: false, new StartAssignmentRun(trackId, AssignmentRunMode.Total, null), cancellationToken);
            // Run here rather than wait for the job server (which may be off); the run's claim makes a second start harmless.
            await SendAsSystemAsync(new ExecuteAssignmentRun(runId), cancellationToken);
            await WaitForAsync(db => db.AssignmentRuns.AnyAsync(r => r.Id == runId && r.Status != AssignmentRunStatus.Queued && r.Status != AssignmentRunStatus.Running, cancellationToken),
                "the assignment run", cancellationToken);
            var applied = await SendAsAsync(chairId, admin: false, new ApplyAssignmentRun(runId), cancellationToken);
            LogAssigned(logger, applied.Assignments, applied.MembersNotified);
        }

        var todo = await ReadAsync(db => db.ReviewAssignments.AsNoTracking()
            .Where(a => a.TrackId == trackId)
            .Where(a => !db.Reviews.Any(r => r.SubmissionId == a.SubmissionId && r.PersonId == a.PersonId && r.State == ReviewState.Submitted))
            .Select(a => new
            {
                a.SubmissionId,
                a.PersonId,
                Title = db.Submissions.Where(s => s.Id == a.SubmissionId).Select(s => s.Title).Single(),
                Version = db.Reviews.Where(r => r.SubmissionId == a.SubmissionId && r.PersonId == a.PersonId).Select(r => (uint?)r.Version).SingleOrDefault(),
            })
            .ToListAsync(cancellationToken));
        foreach (var review in todo.OrderBy(r => r.Title, StringComparer.Ordinal).ThenBy(r => r.PersonId))
        {
            var (score, confidence) = DemoScore(review.Title, review.PersonId);
            await SendAsAsync(review.PersonId, admin: false, new SaveMyReview(review.SubmissionId, score, confidence, null,
                $"{DemoReviewNote}\n\nThanks for the proposal; please leave time for discussion.", DemoReviewNote, Submit: true, review.Version ?? 0),
                cancellationToken);
        }

        if (todo.Count > 0)
            LogReviewed(logger, todo.Count);
    }

    /// <summary>
    /// A review's score (1–5) and confidence (1–4), the same on every machine: each talk has a quality drawn from its title
    /// (LPC accepted every talk, so mostly 3–5), each reviewer a deviation drawn from the pair.
    /// </summary>
    public static (int Score, int Confidence) DemoScore(string title, Guid reviewerId)
    {
        var talk = Stable(title);
        var pair = Stable($"{title}\n{reviewerId:N}");
        var quality = 3.0 + (talk % 1600) / 1000.0; // 3.0 … 4.6
        var deviation = (pair % 2001) / 1000.0 - 1.0; // −1 … +1
        var score = (int)Math.Clamp(Math.Round(quality + deviation, MidpointRounding.AwayFromZero), 1, 5);
        var confidence = 2 + (int)((pair / 2001) % 3); // 2 … 4
        return (score, confidence);
    }

    private static ulong Stable(string text) => BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);

    private async Task DecideAsync(Guid trackId, Guid chairId, Guid adminId, CancellationToken cancellationToken)
    {
        // LPC 2023 accepted every talk of the track.
        var talks = await ReadAsync(db => db.Submissions.AsNoTracking()
            .Where(s => s.TrackId == trackId && s.Kind == SubmissionKind.Talk)
            .Select(s => new
            {
                s.Id,
                s.Status,
                Released = s.DecisionReleasedUtc != null,
                ChairConflicted = db.Conflicts.Any(c => c.SubmissionId == s.Id && c.PersonId == chairId && c.Active),
            })
            .ToListAsync(cancellationToken));
        var undecided = talks.Where(t => t.Status == SubmissionStatus.UnderReview).ToList();
        foreach (var (decider, admin, items) in new[]
                 {
                     (chairId, false, undecided.Where(t => !t.ChairConflicted).ToList()),
                     (adminId, true, undecided.Where(t => t.ChairConflicted).ToList()),
                 })
        {
            if (items.Count > 0)
                await SendAsAsync(decider, admin, new DecideProposals(trackId, [.. items.Select(t => new DecisionItem(t.Id, "Accepted"))]), cancellationToken);
        }

        if (talks.Any(t => !t.Released))
        {
            // The chair releases what he may; the admin releases the talks the chair is conflicted on.
            var byChair = await SendAsAsync(chairId, admin: false, new ReleaseDecisions(trackId, null), cancellationToken);
            var byAdmin = await SendAsAsync(adminId, admin: true, new ReleaseDecisions(trackId, null), cancellationToken);
            LogReleased(logger, byChair.Released + byAdmin.Released, byChair.Letters + byAdmin.Letters);
        }
    }

    private async Task ConfirmAsync(Guid trackId, CancellationToken cancellationToken)
    {
        var waiting = await ReadAsync(db => db.SpeakerConfirmations.AsNoTracking()
            .Where(c => c.TrackId == trackId && c.Answer == ConfirmationAnswer.Waiting)
            .Select(c => new
            {
                c.SubmissionId,
                Speaker = db.SubmissionSpeakers.Where(s => s.SubmissionId == c.SubmissionId && s.PersonId != null)
                    .OrderBy(s => s.Order).Select(s => s.PersonId).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken));
        foreach (var talk in waiting.Where(w => w.Speaker is not null))
            await SendAsAsync(talk.Speaker!.Value, admin: false, new ConfirmTalk(null, talk.SubmissionId, [], []), cancellationToken);
        if (waiting.Count > 0)
            LogConfirmed(logger, waiting.Count(w => w.Speaker is not null));
    }

    private partial Task ScheduleAsync(Guid trackId, Guid chairId, CancellationToken cancellationToken);

    private async Task<T> SendAsAsync<T>(Guid personId, bool admin, ICommand<T> command, CancellationToken cancellationToken)
    {
        using var acting = admin ? ActingUser.As(personId, Roles.Admin) : ActingUser.As(personId);
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, cancellationToken);
    }

    private async Task<T> SendAsSystemAsync<T>(IRequest<T> request, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, cancellationToken);
    }

    private async Task<T> ReadAsync<T>(Func<ApplicationDbContext, Task<T>> read)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>());
    }

    /// <summary>Waits (up to two minutes) for work a job server may have picked up at the same time.</summary>
    private async Task WaitForAsync(Func<ApplicationDbContext, Task<bool>> done, string what, CancellationToken cancellationToken)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromMinutes(2); waited += TimeSpan.FromMilliseconds(200))
        {
            if (await ReadAsync(done))
                return;
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        throw new InvalidOperationException($"The demo seed waited two minutes for {what} to finish.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: the committee is assigned ({Assignments} reviews, {Members} members notified)")]
    private static partial void LogAssigned(ILogger logger, int assignments, int members);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: {Count} reviews submitted (generated from a fixed seed)")]
    private static partial void LogReviewed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: {Count} decisions released, {Letters} letters queued")]
    private static partial void LogReleased(ILogger logger, int count, int letters);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: {Count} talks confirmed by a speaker")]
    private static partial void LogConfirmed(ILogger logger, int count);
}
