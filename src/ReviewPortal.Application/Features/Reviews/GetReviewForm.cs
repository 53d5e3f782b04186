using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Reviews;

/// <summary>
/// What the review form shows: the track's scale with its labels, the confidence labels, the criteria, the deadline
/// and the time left, and the caller's review if they have one. For whoever may write the review (the policy's
/// <c>WriteReview</c>), or reads their own after the proposal left review (read-only); otherwise as <see cref="ReviewAccess"/>.
/// </summary>
public sealed record GetReviewForm(Guid ProposalId) : IQuery<ReviewFormView>;

public sealed record ScoreOption(int Value, string Label);

public sealed record ReviewFormView(
    Guid ProposalId,
    string Title,
    Guid TrackId,
    string Track,
    IReadOnlyList<ScoreOption> Scores,
    IReadOnlyList<ScoreOption> Confidences,
    IReadOnlyList<CriterionView> Criteria,
    DateTimeOffset Deadline,
    string DeadlineText,
    /// <summary>"3 days 4 hours left", or null once the deadline has passed.</summary>
    string? TimeLeft,
    bool DeadlinePassed,
    /// <summary>The caller may save: before the deadline, or their review was reopened.</summary>
    bool Editable,
    MyReview? Review);

public sealed class GetReviewFormValidator : AbstractValidator<GetReviewForm>
{
    public GetReviewFormValidator() => RuleFor(x => x.ProposalId).NotEmpty().WithMessage("Choose a proposal.");
}

public sealed class GetReviewFormHandler(IApplicationDbContext db, ProposalAccess access, ReviewAccess reviews, TimeProvider clock)
    : IQueryHandler<GetReviewForm, ReviewFormView>
{
    public async ValueTask<ReviewFormView> Handle(GetReviewForm query, CancellationToken cancellationToken)
    {
        var me = access.UserId;
        var facts = await access.GetFactsAsync(query.ProposalId, cancellationToken);
        var view = ProposalPolicy.For(facts);
        var review = view.Exists && !view.IsConflicted
            ? await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.SubmissionId == query.ProposalId && r.PersonId == me, cancellationToken)
            : null;
        if (!view.WriteReview && review is null)
            await reviews.EnsureCanWriteAsync(query.ProposalId, cancellationToken); // throws the reason

        var form = await ReviewForms.ReadAsync(db, query.ProposalId, cancellationToken);
        var track = form.Track;
        var now = clock.GetUtcNow();
        var mine = review is null ? null : ReviewForms.ToMyReview(review, form, now, view.WriteReview);
        var passed = now >= track.ReviewDeadlineUtc;
        return new ReviewFormView(form.ProposalId, form.Title, track.Id, track.Name,
            Enumerable.Range(track.ScoreMin, track.ScoreMax - track.ScoreMin + 1).Select(s => new ScoreOption(s, track.ScoreLabel(s))).ToList(),
            Track.ConfidenceLabels.Select((label, i) => new ScoreOption(i + 1, $"{i + 1} – {label}")).ToList(),
            form.Criteria.Select(CriterionView.From).ToList(),
            track.ReviewDeadlineUtc, track.Conference.Format(track.ReviewDeadlineUtc),
            passed ? null : TimeLeft.Of(track.ReviewDeadlineUtc - now), passed,
            view.WriteReview && (mine?.Editable ?? !passed), mine);
    }
}

/// <summary>The time left to a deadline in words a reviewer reads at a glance.</summary>
public static class TimeLeft
{
    public static string Of(TimeSpan left)
    {
        if (left <= TimeSpan.Zero)
            return "the deadline has passed";
        if (left.TotalDays >= 2)
            return $"{(int)left.TotalDays} days {left.Hours} h left";
        if (left.TotalHours >= 1)
            return $"{(int)left.TotalHours} h {left.Minutes} min left";
        return $"{Math.Max(1, (int)Math.Ceiling(left.TotalMinutes))} min left";
    }
}
