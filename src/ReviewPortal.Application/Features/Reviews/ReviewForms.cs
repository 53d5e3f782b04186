using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Reviews;

namespace ReviewPortal.Application.Features.Reviews;

/// <summary>What a review of one proposal is written against: its title, its track (scale, labels, deadline, zone) and the track's criteria in order.</summary>
public sealed record ReviewForm(Guid ProposalId, string Title, Track Track, IReadOnlyList<ScoreCriterion> Criteria);

public static class ReviewForms
{
    /// <summary>Reads the form's parts in one statement, nothing tracked; 404 if the proposal does not exist.</summary>
    public static async Task<ReviewForm> ReadAsync(IApplicationDbContext db, Guid proposalId, CancellationToken cancellationToken)
    {
        var row = await db.Submissions.AsNoTracking().AsSingleQuery()
            .Where(s => s.Id == proposalId)
            .Select(s => new
            {
                s.Title,
                s.Track,
                s.Track.Conference,
                Criteria = db.ScoreCriteria.Where(c => c.TrackId == s.TrackId).OrderBy(c => c.Order).ThenBy(c => c.Name).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw NotFoundException.For("Proposal", proposalId);
        row.Track.Conference = row.Conference;
        return new ReviewForm(proposalId, row.Title, row.Track, row.Criteria);
    }

    public static MyReview ToMyReview(Review review, ReviewForm form, DateTimeOffset nowUtc, bool mayWrite = true)
    {
        var track = form.Track;
        var criteria = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var criterion in form.Criteria)
            criteria[criterion.Name] = review.Criteria.FirstOrDefault(v => v.CriterionId == criterion.Id)?.Value;
        return new MyReview(review.Id, review.SubmissionId, track.Id, form.Title, MyReview.StateOf(review.State), review.Score,
            review.Confidence, criteria, review.CommentsForSpeakers, review.CommentsForCommittee, track.ReviewDeadlineUtc,
            track.Conference.Format(track.ReviewDeadlineUtc), mayWrite && review.IsEditable(nowUtc, track.ReviewDeadlineUtc),
            review.ReopenedUtc is not null, review.Version, review.UpdatedUtc, review.SubmittedUtc);
    }
}
