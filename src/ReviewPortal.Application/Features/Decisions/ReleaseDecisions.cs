using System.Data.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Validation;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Decisions;

/// <summary>
/// The chair releases decisions to the speakers: <paramref name="ProposalIds"/> null releases every decided, unreleased
/// proposal of the track that the caller may decide (the policy's <c>Decide</c>; the ones they are conflicted on are
/// skipped and reported, another chair or an admin releases those); a list releases exactly those, each of the track
/// and decided, or nothing is released (400 naming the first that is not). Each speaker with an address gets one letter
/// per proposal and outcome, as an outbox row in this transaction; a speaker already written to is not written to
/// again (<see cref="DecisionLetters"/>), so pressing release twice, at the same time, or a retried request sends each
/// mail once. One audit entry per proposal released.
/// </summary>
public sealed record ReleaseDecisions(Guid TrackId, IReadOnlyList<Guid?>? ProposalIds) : ICommand<ReleaseResult>;

/// <param name="Released">Proposals whose decision this call released.</param>
/// <param name="Letters">Mails queued by this call.</param>
public sealed record ReleaseResult(int Released, int Letters, IReadOnlyList<SkippedRelease> Skipped);

public sealed record SkippedRelease(Guid ProposalId, string Title, string Reason);

public sealed class ReleaseDecisionsValidator : AbstractValidator<ReleaseDecisions>
{
    public const int MaxProposals = 5_000;

    public ReleaseDecisionsValidator()
    {
        RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
        RuleFor(x => x.ProposalIds).Must(ids => ids is null || ids.Count > 0)
            .WithMessage("Choose at least one proposal to release, or send null to release every decided proposal.");
        RuleFor(x => x.ProposalIds).Must(ids => ids is null || ids.Count <= MaxProposals)
            .WithMessage($"At most {MaxProposals} proposals at once.");
        RuleForEach(x => x.ProposalIds).Must(id => id is { } given && given != Guid.Empty).WithMessage("A proposal id must not be empty.");
    }
}

public sealed class ReleaseDecisionsHandler(IApplicationDbContext db, TrackAccess tracks, ProposalAccess access, DecisionLetters letters,
    AuditTrail audit)
    : ICommandHandler<ReleaseDecisions, ReleaseResult>
{
    public const string ConflictedReason = "You have a conflict of interest with this proposal; another chair or an admin releases it.";
    public const string AlreadyReleasedReason = "Already released; its speakers have their letters.";

    public async ValueTask<ReleaseResult> Handle(ReleaseDecisions command, CancellationToken cancellationToken)
    {
        await tracks.ReadTrackForChairAsync(command.TrackId, cancellationToken);
        var views = await access.GetViewsForTrackAsync(command.TrackId, cancellationToken);
        var ofTrack = db.Submissions.AsNoTracking().Where(s => s.TrackId == command.TrackId);
        var selection = command.ProposalIds?.Select(id => id!.Value).ToList();
        ofTrack = selection is { } ids
            ? ofTrack.Where(s => ids.Contains(s.Id))
            : ofTrack.Where(s => s.DecisionReleasedUtc == null
                && (s.Status == SubmissionStatus.Accepted || s.Status == SubmissionStatus.Rejected || s.Status == SubmissionStatus.Waitlisted));
        var candidates = await ofTrack.OrderBy(s => s.Id).Select(s => new { s.Id, s.Title, s.Status }).ToListAsync(cancellationToken);

        var skipped = new List<SkippedRelease>();
        var toRelease = new List<Guid>();
        if (selection is { } wanted)
        {
            // A selection is all or nothing: the first id that cannot be released is named and nothing is released.
            var byId = candidates.ToDictionary(c => c.Id);
            foreach (var (id, i) in wanted.Select((id, i) => (id, i)))
            {
                if (!byId.TryGetValue(id, out var c) || !views.TryGetValue(id, out var seen))
                    throw Refusal.Of($"ProposalIds[{i}]", $"The track has no proposal {id}.");
                if (!seen.Decide)
                    throw Refusal.Of($"ProposalIds[{i}]", $"\"{c.Title}\": {ConflictedReason}");
                if (c.Status is not (SubmissionStatus.Accepted or SubmissionStatus.Rejected or SubmissionStatus.Waitlisted))
                    throw Refusal.Of($"ProposalIds[{i}]", $"\"{c.Title}\" has no decision to release (it is {Submission.Describe(c.Status)}).");
            }

            toRelease.AddRange(wanted.Distinct());
        }
        else
        {
            foreach (var c in candidates)
            {
                if (views.TryGetValue(c.Id, out var seen) && seen.Decide)
                    toRelease.Add(c.Id);
                else
                    skipped.Add(new SkippedRelease(c.Id, c.Title, ConflictedReason));
            }
        }

        // Two releases of the same proposals at once take their rows in the same order: the second waits for the first
        // to commit, then reads its letters and writes none (the unique index on DecisionLetter is the last guard).
        toRelease.Sort();
        var released = 0;
        var written = 0;
        foreach (var id in toRelease)
        {
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Submissions" WHERE "Id" = {id} FOR UPDATE""", cancellationToken);
            var submission = await db.Submissions
                .Include(s => s.Track).ThenInclude(t => t.Conference)
                .Include(s => s.Speakers)
                .SingleAsync(s => s.Id == id, cancellationToken);
            var wasReleased = submission.IsDecisionReleased;
            var sent = await letters.ReleaseAsync(submission, promotedFromWaitlist: false, cancellationToken);
            written += sent;
            if (wasReleased)
            {
                if (command.ProposalIds is not null)
                    skipped.Add(new SkippedRelease(id, submission.Title, AlreadyReleasedReason));
                continue;
            }

            released++;
            audit.Record("decision.released", "Submission", id,
                new { Proposal = submission.Title, Decision = Submission.Describe(submission.Status), Letters = sent }, submission.TrackId);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is DbException { SqlState: "23505" })
        {
            // Only a release outside this command (a promotion) can race past the row lock; nothing of this one is kept.
            throw new ConcurrencyConflictException(
                "These decisions were being released elsewhere at the same moment; nothing was sent twice. Reload to see what was released.");
        }

        return new ReleaseResult(released, written, skipped);
    }
}
