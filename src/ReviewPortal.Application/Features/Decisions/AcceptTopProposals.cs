using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Application.Features.Ranking;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Decisions;

/// <summary>
/// "Accept the top N" (docs/deciding.md): walks the track in the ranking's order (the calibrated score, as the ranking
/// page's rank column; <see cref="GetTrackRanking"/>), leaves alone every proposal whose decision is released (and
/// withdrawn ones), accepts the next <paramref name="Count"/> undecided or draft-decided proposals, waitlists the
/// <paramref name="WaitlistCount"/> after them in that order (at the end of the waitlist), and, only with
/// <paramref name="RejectRest"/>, rejects every other decidable proposal (those without reviews included). Proposals
/// without reviews have no rank and are never accepted or waitlisted by this. Proposals the caller is conflicted on are
/// not in their ranking and are not touched. Drafts, like any decision, until released.
/// </summary>
public sealed record AcceptTopProposals(Guid TrackId, int Count, int? WaitlistCount = null, bool RejectRest = false) : ICommand<TopProposalsDecided>;

/// <param name="Accepted">Proposals this changed to accepted; <paramref name="Waitlisted"/> and <paramref name="Rejected"/> likewise.</param>
/// <param name="Capacity">The programme's capacity and how many hold a place after this.</param>
public sealed record TopProposalsDecided(int Accepted, int Waitlisted, int Rejected, ProgrammeCapacityInfo Capacity);

public sealed class AcceptTopProposalsValidator : AbstractValidator<AcceptTopProposals>
{
    public const int MaxCount = 10_000;

    public AcceptTopProposalsValidator()
    {
        RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
        RuleFor(x => x.Count).InclusiveBetween(0, MaxCount).WithMessage($"How many to accept: 0 to {MaxCount}.");
        RuleFor(x => x.WaitlistCount).InclusiveBetween(0, MaxCount).WithMessage($"How many to waitlist: 0 to {MaxCount}.");
    }
}

public sealed class AcceptTopProposalsHandler(IApplicationDbContext db, ISender sender, ProposalDecisions decisions)
    : ICommandHandler<AcceptTopProposals, TopProposalsDecided>
{
    public async ValueTask<TopProposalsDecided> Handle(AcceptTopProposals command, CancellationToken cancellationToken)
    {
        // The ranking checks that the caller chairs the track (403/404) and leaves out what they are conflicted on.
        var ranking = await sender.Send(new GetTrackRanking(command.TrackId, Sort: "rank", Dir: "asc"), cancellationToken);
        await decisions.LockTrackAsync(ranking.TrackId, cancellationToken);
        var ids = ranking.Rows.Select(r => r.ProposalId).ToList();
        var submissions = await db.Submissions.Where(s => s.TrackId == ranking.TrackId && ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var waitlist = await decisions.WaitlistAsync(ranking.TrackId, cancellationToken);

        var (accepted, waitlisted, rejected, taken) = (0, 0, 0, 0);
        foreach (var row in ranking.Rows)
        {
            // Rows come by rank; those without reviews (no rank) come last in any order.
            if (!submissions.TryGetValue(row.ProposalId, out var s) || s.IsDecisionReleased
                || s.Status is not (SubmissionStatus.UnderReview or SubmissionStatus.Accepted or SubmissionStatus.Rejected or SubmissionStatus.Waitlisted))
                continue;
            var place = taken++;
            if (row.Rank is not null && place < command.Count)
                accepted += decisions.Apply(s, DecisionChoice.Accepted, null, waitlist) ? 1 : 0;
            else if (row.Rank is not null && place < command.Count + (command.WaitlistCount ?? 0))
                waitlisted += decisions.Apply(s, DecisionChoice.Waitlisted, null, waitlist) ? 1 : 0;
            else if (command.RejectRest)
                rejected += decisions.Apply(s, DecisionChoice.Rejected, null, waitlist) ? 1 : 0;
        }

        await db.SaveChangesAsync(cancellationToken);
        var capacity = await db.Tracks.Where(t => t.Id == ranking.TrackId).Select(t => t.ProgrammeCapacity).SingleAsync(cancellationToken);
        return new TopProposalsDecided(accepted, waitlisted, rejected,
            await ProgrammeCapacity.ReadAsync(db, ranking.TrackId, capacity, cancellationToken));
    }
}
