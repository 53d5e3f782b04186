using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Committee;

namespace ReviewPortal.Application.Features.Bidding;

/// <summary>All members' bids of a track, for its chair (the policy's <c>AllBids</c>): bids on proposals the chair is conflicted on are left out.</summary>
public sealed record ListTrackBids(Guid TrackId) : IQuery<IReadOnlyList<TrackBid>>;

public sealed record TrackBid(Guid ProposalId, Guid PersonId, BidValue Bid);

public sealed class ListTrackBidsValidator : AbstractValidator<ListTrackBids>
{
    public ListTrackBidsValidator() => RuleFor(x => x.TrackId).NotEmpty();
}

public sealed class ListTrackBidsHandler(IApplicationDbContext db, TrackAccess tracks, ProposalAccess proposals)
    : IQueryHandler<ListTrackBids, IReadOnlyList<TrackBid>>
{
    public async ValueTask<IReadOnlyList<TrackBid>> Handle(ListTrackBids query, CancellationToken cancellationToken)
    {
        await tracks.ReadTrackForChairAsync(query.TrackId, cancellationToken);
        var views = await proposals.GetViewsForTrackAsync(query.TrackId, cancellationToken);
        var bids = await db.Bids.AsNoTracking().Where(b => b.TrackId == query.TrackId)
            .OrderBy(b => b.SubmissionId).ThenBy(b => b.PersonId)
            .Select(b => new TrackBid(b.SubmissionId, b.PersonId, b.Value))
            .ToListAsync(cancellationToken);
        return bids.Where(b => views.TryGetValue(b.ProposalId, out var v) && v.AllBids).ToList();
    }
}
