using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Common;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Decisions;

/// <summary>What a chair can set on one proposal: a decision, or <see cref="Undecided"/> to take a draft decision back.</summary>
public enum DecisionChoice
{
    Accepted,
    Rejected,
    Waitlisted,
    /// <summary>Back to under review (a draft decision only: a released one is final).</summary>
    Undecided,
}

/// <summary>The decision words the API and the forms take (case does not matter), and the one message for anything else.</summary>
public static class DecisionChoices
{
    public static IReadOnlyList<string> Names { get; } = Enum.GetNames<DecisionChoice>();

    public const string Refused = "The decision is Accepted, Rejected, Waitlisted or Undecided (takes a draft decision back).";

    public const int MaxWaitlistRank = 100_000;

    /// <summary>Matched against the names only: Enum.TryParse would also take "1" or "Accepted, Rejected".</summary>
    public static DecisionChoice? Parse(string? text)
    {
        var name = Names.FirstOrDefault(n => string.Equals(n, text?.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is null ? null : Enum.Parse<DecisionChoice>(name);
    }

    public static SubmissionStatus StatusOf(DecisionChoice choice) => choice switch
    {
        DecisionChoice.Accepted => SubmissionStatus.Accepted,
        DecisionChoice.Rejected => SubmissionStatus.Rejected,
        DecisionChoice.Waitlisted => SubmissionStatus.Waitlisted,
        _ => SubmissionStatus.UnderReview,
    };
}

/// <summary>
/// One proposal's decision as its deciders see it (the answer of <c>PUT /api/v1/proposals/{id}/decision</c>):
/// <paramref name="Decision"/> is Undecided, Accepted, Rejected or Waitlisted (or what followed an acceptance:
/// Confirmed, Declined, Scheduled); <paramref name="Version"/> is what the next change sends back (409 when stale).
/// </summary>
public sealed record ProposalDecisionState(Guid ProposalId, string Decision, int? WaitlistRank, bool Released, DateTimeOffset? DecidedUtc, uint Version)
{
    public const string Undecided = nameof(DecisionChoice.Undecided);

    public static ProposalDecisionState Of(Submission s) =>
        new(s.Id, DecisionOf(s.Status), s.WaitlistRank, s.IsDecisionReleased, s.DecidedUtc, s.Version);

    public static string DecisionOf(SubmissionStatus status) => status is SubmissionStatus.Accepted or SubmissionStatus.Rejected
        or SubmissionStatus.Waitlisted or SubmissionStatus.Confirmed or SubmissionStatus.Declined or SubmissionStatus.Scheduled
        ? status.ToString()
        : Undecided;
}

/// <summary>
/// Applies decisions to tracked proposals of one track, for the deciding commands (one, many, the top N): the entity's
/// rules, the track's waitlist kept unique and dense (1, 2, 3 … in the order the chair gave), and an audit entry per
/// change (who, what, from → to). Deciders on a track are serialised (<see cref="LockTrackAsync"/>), so two chairs
/// waitlisting at once never get the same place.
/// </summary>
public sealed class ProposalDecisions(IApplicationDbContext db, AuditTrail audit, TimeProvider clock)
{
    public const string AuditAction = "decision.changed";

    /// <summary>Held until the transaction ends; taken before the track's proposals are read.</summary>
    public async Task LockTrackAsync(Guid trackId, CancellationToken cancellationToken)
    {
        var key = BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData([.. "decide:"u8, .. trackId.ToByteArray()]), 0);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
    }

    /// <summary>The track's waitlist, tracked, in its order (released places included: they are offered first come first).</summary>
    public async Task<List<Submission>> WaitlistAsync(Guid trackId, CancellationToken cancellationToken) =>
        await db.Submissions.WaitlistOf(trackId).ToListAsync(cancellationToken);

    /// <summary>Gives the talks of <paramref name="waitlist"/> (in order) the places 1 … n, moving only those whose place changes.</summary>
    public static void Renumber(IReadOnlyList<Submission> waitlist)
    {
        for (var i = 0; i < waitlist.Count; i++)
        {
            if (waitlist[i].WaitlistRank != i + 1)
                waitlist[i].MoveOnWaitlist(i + 1);
        }
    }

    /// <summary>
    /// Sets one decision. Setting the decision a proposal already has (and, for the waitlist, no other place) changes
    /// nothing and is not audited. A released decision is final here: only its place on the waitlist may move (offering a
    /// waitlisted talk a freed slot is the promotion's, which also writes the offer and the letter).
    /// </summary>
    /// <returns>Whether anything changed.</returns>
    /// <exception cref="InvalidStateException">The entity's rules refuse it (withdrawn, not yet under review, released).</exception>
    public bool Apply(Submission submission, DecisionChoice choice, int? waitlistRank, List<Submission> waitlist)
    {
        var now = clock.GetUtcNow();
        var from = (Decision: ProposalDecisionState.DecisionOf(submission.Status), submission.WaitlistRank);
        var wanted = DecisionChoices.StatusOf(choice);
        var same = choice == DecisionChoice.Undecided
            ? submission.Status == SubmissionStatus.UnderReview
            : submission.Status == wanted && (choice != DecisionChoice.Waitlisted || waitlistRank is null || waitlistRank == submission.WaitlistRank);
        if (same)
            return false;

        if (submission.Status == SubmissionStatus.Withdrawn)
            throw new InvalidStateException("A withdrawn proposal cannot be decided.");
        var reorderOnly = choice == DecisionChoice.Waitlisted && submission.Status == SubmissionStatus.Waitlisted;
        if (submission.IsDecisionReleased && !reorderOnly)
            throw new InvalidStateException(
                $"The decision ({Submission.Describe(submission.Status)}) has been released to the speakers; it can no longer be changed here.");

        if (choice == DecisionChoice.Undecided)
            submission.ClearDecision(now);
        else if (!reorderOnly)
            submission.Decide(wanted, null, now);

        waitlist.Remove(submission);
        if (submission.Status == SubmissionStatus.Waitlisted)
        {
            // A place beyond the end is the end: places stay 1 … n without gaps.
            var index = waitlistRank is { } rank ? Math.Clamp(rank - 1, 0, waitlist.Count) : waitlist.Count;
            waitlist.Insert(index, submission);
        }

        Renumber(waitlist);

        audit.Record(AuditAction, "Submission", submission.Id, new
        {
            submission.Title,
            From = from.Decision,
            FromWaitlistRank = from.WaitlistRank,
            To = ProposalDecisionState.DecisionOf(submission.Status),
            ToWaitlistRank = submission.WaitlistRank,
        }, submission.TrackId);
        return true;
    }
}

/// <summary>The one order of a track's waitlist: by place, talks without one last (by when decided), every reader alike.</summary>
public static class WaitlistOrder
{
    public static IQueryable<Submission> WaitlistOf(this IQueryable<Submission> submissions, Guid trackId) =>
        submissions
            .Where(s => s.TrackId == trackId && s.Status == SubmissionStatus.Waitlisted)
            .OrderBy(s => s.WaitlistRank == null).ThenBy(s => s.WaitlistRank).ThenBy(s => s.DecidedUtc).ThenBy(s => s.Id);
}
