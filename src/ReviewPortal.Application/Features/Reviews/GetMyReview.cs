using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;

namespace ReviewPortal.Application.Features.Reviews;

/// <summary>
/// The caller's own review of a proposal; 404 while they have none (and when the proposal is hidden from them, or they
/// are conflicted on it). <c>Editable</c> says whether they may still change it.
/// </summary>
public sealed record GetMyReview(Guid ProposalId) : IQuery<MyReview>;

public sealed class GetMyReviewValidator : AbstractValidator<GetMyReview>
{
    public GetMyReviewValidator() => RuleFor(x => x.ProposalId).NotEmpty().WithMessage("Choose a proposal.");
}

public sealed class GetMyReviewHandler(IApplicationDbContext db, ProposalAccess access, TimeProvider clock)
    : IQueryHandler<GetMyReview, MyReview>
{
    public async ValueTask<MyReview> Handle(GetMyReview query, CancellationToken cancellationToken)
    {
        var me = access.UserId;
        var view = await access.GetViewAsync(query.ProposalId, cancellationToken);
        // A conflict hides everything but the title, one's own old review included.
        if (view.IsConflicted)
            throw NotFoundException.For("Review of proposal", query.ProposalId);
        var review = await db.Reviews.AsNoTracking()
            .SingleOrDefaultAsync(r => r.SubmissionId == query.ProposalId && r.PersonId == me, cancellationToken)
            ?? throw new NotFoundException("You have not started a review of this proposal.");
        var form = await ReviewForms.ReadAsync(db, query.ProposalId, cancellationToken);
        return ReviewForms.ToMyReview(review, form, clock.GetUtcNow(), view.WriteReview);
    }
}
