using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Common;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Bidding;

/// <summary>
/// A committee member bids on a proposal under review (the policy's <see cref="ProposalView.PlaceBid"/>). A
/// <see cref="BidValue.Conflict"/> bid declares a conflict of interest (Kind and Source Declared), which hides the
/// proposal from the member at once. Moving away from Conflict withdraws that declaration, but only the member's own,
/// unconfirmed one: a detected conflict, a speaker's declaration or one the chair confirmed stays, and the bid is
/// refused (409) saying so; the chair lifts those.
/// </summary>
public sealed record PlaceBid(Guid ProposalId, BidValue? Bid) : ICommand<BidPlaced>;

public sealed record BidPlaced(Guid ProposalId, BidValue Bid, bool Conflicted, IReadOnlyDictionary<BidValue, int> MyCounts);

public sealed class PlaceBidValidator : AbstractValidator<PlaceBid>
{
    public PlaceBidValidator()
    {
        RuleFor(x => x.ProposalId).NotEmpty();
        RuleFor(x => x.Bid).NotNull().WithMessage("Choose a bid: Eager, Willing, Neutral, NotWilling or Conflict.")
            .IsInEnum().WithMessage("The bid must be Eager, Willing, Neutral, NotWilling or Conflict.");
    }
}

public sealed class PlaceBidHandler(
    IApplicationDbContext db, ProposalAccess access, ICurrentUser currentUser, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<PlaceBid, BidPlaced>
{
    public async ValueTask<BidPlaced> Handle(PlaceBid command, CancellationToken cancellationToken)
    {
        var me = currentUser.Id ?? throw new UnauthenticatedException();
        var view = await access.GetViewAsync(command.ProposalId, cancellationToken);
        var value = command.Bid!.Value;
        var proposal = await db.Submissions.AsNoTracking().Where(s => s.Id == command.ProposalId)
            .Select(s => new { s.Id, s.TrackId, s.Title, s.Status, ReviewPhase = s.Track.ReviewPhaseStartedUtc != null })
            .SingleAsync(cancellationToken);
        var conflicted = view.Role is ProposalRole.ConflictedMember or ProposalRole.ConflictedChair;
        var conflicts = conflicted
            ? await db.Conflicts.Where(c => c.SubmissionId == proposal.Id && c.PersonId == me && c.Active).ToListAsync(cancellationToken)
            : [];
        if (!view.PlaceBid && !(conflicted && view.DeclareConflictAsMember && proposal.Status == SubmissionStatus.UnderReview))
            throw Refused(view, proposal.Status, proposal.ReviewPhase);

        var now = clock.GetUtcNow();
        var ownDeclaration = conflicts.Where(c => c.Kind == ConflictKind.Declared && c.Source == ConflictSource.Declared && c.DecidedById == me && !c.ConfirmedByChair).ToList();
        if (value != BidValue.Conflict && conflicts.Count > 0)
        {
            var others = conflicts.Except(ownDeclaration).ToList();
            if (others.Count > 0)
                throw new InvalidStateException(
                    $"You have a conflict of interest on this proposal ({string.Join("; ", others.Select(c => c.Reason))}); only the chair can lift it.");
            foreach (var declared in ownDeclaration)
            {
                declared.Active = false;
                declared.UpdatedUtc = now;
            }

            audit.Record("conflict.withdrawn", "Proposal", proposal.Id, new { By = me, Bid = value.ToString() }, proposal.TrackId);
        }

        if (value == BidValue.Conflict)
            await DeclareAsync(me, proposal.Id, proposal.TrackId, now, cancellationToken);

        var bid = await db.Bids.SingleOrDefaultAsync(b => b.SubmissionId == proposal.Id && b.PersonId == me, cancellationToken);
        if (bid is null)
            db.Bids.Add(bid = new Bid { TrackId = proposal.TrackId, SubmissionId = proposal.Id, PersonId = me });
        bid.Value = value;
        bid.UpdatedUtc = now;
        await db.SaveChangesAsync(cancellationToken);

        var counts = await MyBidCounts.ReadAsync(db, proposal.TrackId, me, cancellationToken);
        return new BidPlaced(proposal.Id, value, value == BidValue.Conflict || (conflicts.Count > ownDeclaration.Count), counts);
    }

    private async Task DeclareAsync(Guid me, Guid proposalId, Guid trackId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var name = await db.People.Where(p => p.Id == me).Select(p => p.DisplayName).SingleAsync(cancellationToken);
        var conflict = await db.Conflicts.SingleOrDefaultAsync(c => c.SubmissionId == proposalId && c.PersonId == me && c.Kind == ConflictKind.Declared, cancellationToken);
        if (conflict is null)
            db.Conflicts.Add(conflict = new Conflict
            {
                TrackId = trackId, SubmissionId = proposalId, PersonId = me, Kind = ConflictKind.Declared, CreatedUtc = now,
            });
        else if (conflict.Active)
            return; // declared already (by the member, a speaker or the chair): nothing changes
        conflict.Source = ConflictSource.Declared;
        conflict.Reason = $"declared by {name} when bidding";
        conflict.DecidedById = me;
        conflict.ConfirmedByChair = false;
        conflict.ChairReason = null;
        conflict.Active = true;
        conflict.UpdatedUtc = now;
        audit.Record("conflict.declared", "Proposal", proposalId, new { By = name, When = "bidding" }, trackId);
    }

    private static Exception Refused(ProposalView view, SubmissionStatus status, bool reviewPhase)
    {
        if (view.Role is ProposalRole.Speaker or ProposalRole.CoSpeaker)
            return new ForbiddenAccessException("You are a speaker of this proposal: speakers do not bid on their own proposals.");
        if (view.Role is ProposalRole.ConflictedMember or ProposalRole.ConflictedChair)
            return new ForbiddenAccessException("You have a conflict of interest on this proposal, so you cannot bid on it.");
        if (!view.IsCommitteeSide)
            return new ForbiddenAccessException("Only members of the track's committee can bid.");
        if (!reviewPhase)
            return new InvalidStateException("Bidding has not started: the chair opens it by starting the review phase.");
        // The state as the policy shows it: an unreleased decision reads as under review, and bidding on it has simply closed.
        var shown = view.StatusShown(status);
        return new InvalidStateException(shown == SubmissionStatus.UnderReview
            ? "Bidding on this proposal has closed."
            : $"Bidding is open only on proposals under review; this one is {Submission.Describe(shown)}.");
    }
}

/// <summary>How many proposals of a track the member gave each bid (every value present, zeros included).</summary>
public static class MyBidCounts
{
    public static async Task<IReadOnlyDictionary<BidValue, int>> ReadAsync(IApplicationDbContext db, Guid trackId, Guid me, CancellationToken cancellationToken)
    {
        var rows = await db.Bids.AsNoTracking().Where(b => b.TrackId == trackId && b.PersonId == me)
            .GroupBy(b => b.Value).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return Enum.GetValues<BidValue>().ToDictionary(v => v, v => rows.FirstOrDefault(r => r.Key == v)?.Count ?? 0);
    }
}
