using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Common;

namespace ReviewPortal.Application.Features.Reviews;

/// <summary>
/// A chair (the policy's <c>ReopenReview</c>) lets a reviewer change their review after the review deadline, until they
/// submit it again. Audited; the reviewer is mailed in the same transaction. Reopening an open review changes nothing;
/// before the deadline there is nothing to reopen (409). Whoever may not see the proposal's reviews gets 404.
/// </summary>
public sealed record ReopenReview(Guid ReviewId) : ICommand<ReopenedReview>;

public sealed record ReopenedReview(Guid ReviewId, Guid ProposalId, Guid ReviewerId, DateTimeOffset ReopenedUtc);

public sealed class ReopenReviewValidator : AbstractValidator<ReopenReview>
{
    public ReopenReviewValidator() => RuleFor(x => x.ReviewId).NotEmpty().WithMessage("Choose a review.");
}

public sealed class ReopenReviewHandler(IApplicationDbContext db, ProposalAccess access, AuditTrail audit, IEmailOutbox outbox,
    ILinkBuilder links, TimeProvider clock)
    : ICommandHandler<ReopenReview, ReopenedReview>
{
    public async ValueTask<ReopenedReview> Handle(ReopenReview command, CancellationToken cancellationToken)
    {
        var me = access.UserId;
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.Id == command.ReviewId, cancellationToken)
            ?? throw NotFoundException.For("Review", command.ReviewId);
        var view = ProposalPolicy.For(await access.GetFactsAsync(review.SubmissionId, cancellationToken));
        if (!view.ReopenReview)
            throw view.Reviews
                ? new ForbiddenAccessException("Only the track's chair can reopen a review.")
                : NotFoundException.For("Review", command.ReviewId);

        var form = await ReviewForms.ReadAsync(db, review.SubmissionId, cancellationToken);
        var track = form.Track;
        var now = clock.GetUtcNow();
        if (review.ReopenedUtc is { } already)
            return new ReopenedReview(review.Id, review.SubmissionId, review.PersonId, already);
        if (now < track.ReviewDeadlineUtc)
            throw new InvalidStateException(
                $"This review is open to its reviewer until the deadline, {track.Conference.Format(track.ReviewDeadlineUtc)}; it needs reopening only after that.");

        review.Reopen(me, now);
        var people = await db.People.AsNoTracking().Where(p => p.Id == me || p.Id == review.PersonId)
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var reviewer = people[review.PersonId];
        var chair = people.GetValueOrDefault(me)?.DisplayName ?? "The chair";
        audit.Record("review.reopened", "Review", review.Id,
            new { Proposal = form.Title, Reviewer = reviewer.DisplayName, State = MyReview.StateOf(review.State) }, track.Id);
        await outbox.EnqueueAsync("review.reopened", reviewer.Email, reviewer.DisplayName, new
        {
            Name = reviewer.DisplayName,
            form.Title,
            Track = track.Name,
            Conference = track.Conference.Name,
            Chair = chair,
            Deadline = track.Conference.Format(track.ReviewDeadlineUtc),
            Link = links.Page($"/Proposals/{review.SubmissionId}/Review"),
        }, cancellationToken);
        return new ReopenedReview(review.Id, review.SubmissionId, review.PersonId, now);
    }
}
