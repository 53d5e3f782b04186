using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Bidding;

/// <summary>
/// A member's bidding list of a track: the proposals under review as the visibility policy shows them to the caller
/// (a conflicted row has only its title and no bid), the caller's own bids (never another member's) and counts.
/// Only for members of the track's committee: anyone else gets 404.
/// </summary>
public sealed record GetBiddingList(Guid TrackId) : IQuery<BiddingList>;

public sealed record BiddingRow(Guid ProposalId, string Title, IReadOnlyList<string>? Speakers, IReadOnlyList<string> Topics,
    bool CanBid, bool Conflicted, BidValue? MyBid);

public sealed record BiddingList(Guid TrackId, string TrackName, string ConferenceName, bool BiddingOpen,
    IReadOnlyList<BiddingRow> Rows, IReadOnlyDictionary<BidValue, int> MyCounts);

public sealed class GetBiddingListValidator : AbstractValidator<GetBiddingList>
{
    public GetBiddingListValidator() => RuleFor(x => x.TrackId).NotEmpty();
}

public sealed class GetBiddingListHandler(IApplicationDbContext db, ProposalAccess access, ICurrentUser currentUser)
    : IQueryHandler<GetBiddingList, BiddingList>
{
    public async ValueTask<BiddingList> Handle(GetBiddingList query, CancellationToken cancellationToken)
    {
        var me = currentUser.Id ?? throw new UnauthenticatedException();
        var track = await db.Tracks.AsNoTracking().Where(t => t.Id == query.TrackId)
            .Select(t => new { t.Id, t.Name, Conference = t.Conference.Name, Open = t.ReviewPhaseStartedUtc != null,
                Member = db.CommitteeMembers.Any(m => m.TrackId == t.Id && m.PersonId == me) })
            .SingleOrDefaultAsync(cancellationToken);
        if (track is null || !track.Member)
            throw NotFoundException.For("Track", query.TrackId);

        var views = await access.GetViewsForTrackAsync(track.Id, cancellationToken);
        var rows = await db.Submissions.AsNoTracking().AsSingleQuery()
            // A decision the chair has not released yet must not take the proposal off members' lists: they see it as under review.
            .Where(s => s.TrackId == track.Id && s.Kind == SubmissionKind.Talk && (s.Status == SubmissionStatus.UnderReview
                || (s.DecisionReleasedUtc == null && (s.Status == SubmissionStatus.Accepted || s.Status == SubmissionStatus.Rejected || s.Status == SubmissionStatus.Waitlisted))))
            .OrderBy(s => s.Title).ThenBy(s => s.Id)
            .Select(s => new
            {
                s.Id, s.Title, s.Topics, s.Status,
                Speakers = s.Speakers.OrderBy(sp => sp.Order).Select(sp => sp.Name).ToList(),
                MyBid = db.Bids.Where(b => b.SubmissionId == s.Id && b.PersonId == me).Select(b => (BidValue?)b.Value).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var list = new List<BiddingRow>(rows.Count);
        foreach (var row in rows)
        {
            if (!views.TryGetValue(row.Id, out var view) || view.StatusShown(row.Status) != SubmissionStatus.UnderReview)
                continue;
            var conflicted = view.Role is ProposalRole.ConflictedMember or ProposalRole.ConflictedChair;
            list.Add(conflicted
                ? new BiddingRow(row.Id, row.Title, null, [], false, true, null)
                : new BiddingRow(row.Id, row.Title, view.Speakers ? row.Speakers : null, row.Topics, view.PlaceBid, false, view.OwnBid ? row.MyBid : null));
        }

        return new BiddingList(track.Id, track.Name, track.Conference, track.Open, list, await MyBidCounts.ReadAsync(db, track.Id, me, cancellationToken));
    }
}
