using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;

namespace ReviewPortal.Application.Features.Reviews;

/// <summary>
/// "My reviews": every proposal the caller is assigned to and may review (the policy's <c>WriteReview</c>), across
/// tracks, with the state of their review and the track's deadline; ordered by deadline, track and title.
/// </summary>
public sealed record ListMyReviews : IQuery<IReadOnlyList<MyReviewItem>>;

public sealed record MyReviewItem(
    Guid ProposalId,
    string Title,
    /// <summary>"notStarted", "draft" or "submitted".</summary>
    string State,
    /// <summary>The track's review deadline (UTC).</summary>
    DateTimeOffset Deadline,
    Guid TrackId,
    string Track,
    /// <summary>The deadline in the conference's zone, in words.</summary>
    string DeadlineText,
    /// <summary>The review can still be written or changed (before the deadline, or reopened).</summary>
    bool Editable,
    /// <summary>"3 days 4 h left", or null once the deadline has passed.</summary>
    string? TimeLeft)
{
    public const string NotStarted = "notStarted";

    public bool IsFinished => State == MyReview.Submitted;
}

public sealed class ListMyReviewsHandler(IApplicationDbContext db, ProposalAccess access, TimeProvider clock)
    : IQueryHandler<ListMyReviews, IReadOnlyList<MyReviewItem>>
{
    public async ValueTask<IReadOnlyList<MyReviewItem>> Handle(ListMyReviews query, CancellationToken cancellationToken)
    {
        var me = access.UserId;
        var views = await access.GetViewsOfMyAssignmentsAsync(cancellationToken);
        var mine = views.Where(v => v.Value.WriteReview).Select(v => v.Key).ToList();
        if (mine.Count == 0)
            return [];

        var rows = await db.Submissions.AsNoTracking()
            .Where(s => mine.Contains(s.Id))
            .Select(s => new
            {
                s.Id,
                s.Title,
                s.TrackId,
                Track = s.Track.Name,
                s.Track.ReviewDeadlineUtc,
                s.Track.Conference,
                Review = db.Reviews.Where(r => r.SubmissionId == s.Id && r.PersonId == me)
                    .Select(r => new { r.State, r.ReopenedUtc }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return rows
            .Select(r => new MyReviewItem(r.Id, r.Title,
                r.Review is null ? MyReviewItem.NotStarted : MyReview.StateOf(r.Review.State),
                r.ReviewDeadlineUtc, r.TrackId, r.Track, r.Conference.Format(r.ReviewDeadlineUtc),
                now < r.ReviewDeadlineUtc || r.Review?.ReopenedUtc is not null,
                now < r.ReviewDeadlineUtc ? Reviews.TimeLeft.Of(r.ReviewDeadlineUtc - now) : null))
            .OrderBy(i => i.Deadline).ThenBy(i => i.Track, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(i => i.Title, StringComparer.CurrentCultureIgnoreCase).ThenBy(i => i.ProposalId)
            .ToList();
    }
}
