using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Common.Text;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Reviews;

namespace ReviewPortal.Application.Features.Reviews;

/// <summary>
/// The reviews of one proposal that the caller may read, as the visibility policy says (docs/visibility.md):
/// the committee who may see them get every submitted review and their own (any state); a reviewer who may not yet
/// see the others gets only their own and the reason; its speakers, once the decision is released, get the comments
/// for the speakers alone (no scores, no names, no ids). Anyone the proposal is hidden from gets 404.
/// </summary>
public sealed record ListProposalReviews(Guid ProposalId) : IQuery<ProposalReviews>;

/// <summary>What the caller may read of a proposal's reviews.</summary>
/// <param name="Reviews">The reviews as the committee reads them (empty for speakers).</param>
/// <param name="SpeakerComments">The comments for the speakers, when the caller reads as a speaker (else empty).</param>
/// <param name="ForSpeakers">The caller reads as the proposal's speaker: <see cref="SpeakerComments"/> is their answer.</param>
/// <param name="HiddenReason">Why (some of) the reviews are hidden from the caller, in words for them; null when nothing is.</param>
/// <param name="CanReopen">The caller may reopen reviews on this proposal and the review deadline has passed (before it, every reviewer can still edit).</param>
public sealed record ProposalReviews(
    IReadOnlyList<ReviewCard> Reviews,
    IReadOnlyList<SpeakerComment> SpeakerComments,
    bool ForSpeakers,
    string? HiddenReason,
    bool CanReopen)
{
    public static readonly ProposalReviews None = new([], [], false, null, false);

    /// <summary>The answer of <c>GET /api/v1/proposals/{id}/reviews</c>: the committee's items, or the speakers' comments.</summary>
    public IReadOnlyList<object> Items => ForSpeakers ? SpeakerComments : Reviews.Select(r => (object)r.Review).ToList();
}

/// <summary>One review as the API contract names it.</summary>
/// <param name="Criteria">Criterion name → value, for the criteria the reviewer answered.</param>
/// <param name="Total">The score the review counts with (<see cref="ReviewTotal"/>); null while it has no score.</param>
/// <param name="Mine">The caller wrote it.</param>
public sealed record ProposalReview(
    Guid ReviewId,
    ReviewerRef Reviewer,
    /// <summary>"draft" or "submitted", as in the caller's own review (<see cref="MyReview"/>).</summary>
    string State,
    int? Score,
    string? ScoreLabel,
    int? Confidence,
    IReadOnlyDictionary<string, int> Criteria,
    double? Total,
    string CommentsForSpeakers,
    string CommentsForCommittee,
    DateTimeOffset? SubmittedUtc,
    bool Mine);

public sealed record ReviewerRef(Guid Id, string Name);

/// <summary>A comment of the committee for the speakers: the text alone.</summary>
public sealed record SpeakerComment(string CommentsForSpeakers)
{
    /// <summary>The comment as safe HTML, for the page (not part of the API).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Html => MarkdownRenderer.ToSafeHtml(CommentsForSpeakers);
}

/// <summary>A review with what the proposal page shows besides the contract's fields.</summary>
/// <param name="Submitted">When it was submitted, in the conference's zone.</param>
/// <param name="Reopened">A chair has reopened it after the deadline and its reviewer has not submitted it again.</param>
public sealed record ReviewCard(
    ProposalReview Review,
    bool Reopened,
    string? ConfidenceLabel,
    string? Submitted,
    string CommentsForSpeakersHtml,
    string CommentsForCommitteeHtml);

public sealed class ListProposalReviewsValidator : AbstractValidator<ListProposalReviews>
{
    public ListProposalReviewsValidator() => RuleFor(x => x.ProposalId).NotEmpty().WithMessage("Choose a proposal.");
}

public sealed class ListProposalReviewsHandler(IApplicationDbContext db, ProposalAccess access, ICurrentUser currentUser, TimeProvider clock)
    : IQueryHandler<ListProposalReviews, ProposalReviews>
{
    public async ValueTask<ProposalReviews> Handle(ListProposalReviews query, CancellationToken cancellationToken)
    {
        var view = await access.GetViewAsync(query.ProposalId, cancellationToken);
        return await ProposalReviewsReader.ReadAsync(db, query.ProposalId, view, currentUser.Id ?? Guid.Empty, clock.GetUtcNow(), cancellationToken);
    }
}

/// <summary>
/// Reads a proposal's reviews for a caller whose policy view is known (this query, and the proposal page through
/// <see cref="GetProposal"/>): one statement, and none at all when the view shows no review.
/// The view decides; this only selects what it allows.
/// </summary>
public static class ProposalReviewsReader
{
    public static async Task<ProposalReviews> ReadAsync(IApplicationDbContext db, Guid proposalId, ProposalView view, Guid me,
        DateTimeOffset nowUtc, CancellationToken cancellationToken)
    {
        // The caller's own review is theirs to read whenever they read the proposal on the committee's side.
        var own = view.Reviews || view.WriteReview || view.IsCommitteeSide;
        var others = view.Reviews;
        var forSpeakers = view.SpeakerComments && !own;
        if (!own && !forSpeakers)
            return ProposalReviews.None with
            {
                ForSpeakers = view.EditAsSpeaker,
                // Not on the committee's side (a speaker, a conflicted member): the track's setting plays no part in the reason.
                HiddenReason = ProposalPolicy.ReviewsHiddenReason(view, OthersReviewsVisibility.AfterOwnReview),
            };

        var row = await db.Submissions.AsNoTracking().AsSingleQuery()
            .Where(s => s.Id == proposalId)
            .Select(s => new
            {
                s.Track,
                s.Track.Conference,
                Criteria = db.ScoreCriteria.Where(c => c.TrackId == s.TrackId).OrderBy(c => c.Order).ThenBy(c => c.Name).ToList(),
                Reviews = db.Reviews
                    .Where(r => r.SubmissionId == s.Id && (forSpeakers || others ? r.State == ReviewState.Submitted || r.PersonId == me : r.PersonId == me))
                    .Join(db.People, r => r.PersonId, p => p.Id, (r, p) => new { Review = r, p.DisplayName })
                    .ToList(),
            })
            .SingleAsync(cancellationToken);

        if (forSpeakers)
        {
            // Submitted reviews only, and nothing that says who wrote them or how they scored.
            var comments = row.Reviews
                .Where(r => r.Review.State == ReviewState.Submitted && !string.IsNullOrWhiteSpace(r.Review.CommentsForSpeakers))
                .OrderBy(r => r.Review.SubmittedUtc).ThenBy(r => r.Review.Id)
                .Select(r => new SpeakerComment(r.Review.CommentsForSpeakers))
                .ToList();
            return new ProposalReviews([], comments, true, null, false);
        }

        var cards = row.Reviews
            .Where(r => r.Review.PersonId == me || (others && r.Review.State == ReviewState.Submitted))
            .OrderByDescending(r => r.Review.PersonId == me)
            .ThenBy(r => r.Review.SubmittedUtc ?? DateTimeOffset.MaxValue).ThenBy(r => r.DisplayName, StringComparer.Ordinal)
            .Select(r => Card(r.Review, r.DisplayName, r.Review.PersonId == me, row.Track, row.Criteria, row.Conference))
            .ToList();
        return new ProposalReviews(cards, [], false, ProposalPolicy.ReviewsHiddenReason(view, row.Track.OthersReviews),
            view.ReopenReview && nowUtc >= row.Track.ReviewDeadlineUtc);
    }

    private static ReviewCard Card(Review r, string reviewer, bool mine, Track track, IReadOnlyList<ScoreCriterion> criteria, Conference conference)
    {
        var names = criteria.ToDictionary(c => c.Id, c => c.Name);
        var values = r.Criteria.Where(v => names.ContainsKey(v.CriterionId)).ToDictionary(v => names[v.CriterionId], v => v.Value);
        var review = new ProposalReview(
            r.Id,
            new ReviewerRef(r.PersonId, reviewer),
            MyReview.StateOf(r.State),
            r.Score,
            r.Score is { } score ? track.ScoreLabel(score) : null,
            r.Confidence,
            values,
            r.Score is { } s ? Math.Round(ReviewTotal.Of(s, r.Criteria, criteria, track.ScoreMin, track.ScoreMax), 3) : null,
            r.CommentsForSpeakers,
            r.CommentsForCommittee,
            r.SubmittedUtc,
            mine);
        var confidence = r.Confidence is >= 1 and <= 4 ? $"{r.Confidence} – {Track.ConfidenceLabels[r.Confidence.Value - 1]}" : null;
        return new ReviewCard(review, r.ReopenedUtc is not null, confidence, r.SubmittedUtc is { } at ? conference.Format(at) : null,
            MarkdownRenderer.ToSafeHtml(r.CommentsForSpeakers), MarkdownRenderer.ToSafeHtml(r.CommentsForCommittee));
    }
}
