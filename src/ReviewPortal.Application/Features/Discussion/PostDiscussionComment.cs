using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Reviews;

namespace ReviewPortal.Application.Features.Discussion;

/// <summary>
/// A committee member, chair or admin adds a comment (Markdown) to a proposal's committee-only discussion (the policy's
/// <see cref="ProposalView.Discussion"/>). In the same transaction it writes one <see cref="DiscussionNotice"/> per
/// recipient: the proposal's other assigned members and the track's chairs, minus the author and anyone with an active
/// conflict on it. Nobody is mailed now: <see cref="SendDiscussionDigests"/> gathers the notices into one mail per
/// person at most once an hour.
/// </summary>
public sealed record PostDiscussionComment(Guid ProposalId, string? Body) : ICommand<DiscussionCommentItem>;

public sealed class PostDiscussionCommentValidator : AbstractValidator<PostDiscussionComment>
{
    public PostDiscussionCommentValidator()
    {
        RuleFor(x => x.ProposalId).NotEmpty();
        RuleFor(x => x.Body).Must(b => !string.IsNullOrWhiteSpace(b)).WithMessage("Write a comment first.")
            .MaximumLength(DiscussionComment.MaxBodyLength)
            .WithMessage($"A comment can be at most {DiscussionComment.MaxBodyLength:N0} characters long; split it in two.")
            .WithName("Comment");
    }
}

public sealed class PostDiscussionCommentHandler(IApplicationDbContext db, ProposalAccess access, TimeProvider clock)
    : ICommandHandler<PostDiscussionComment, DiscussionCommentItem>
{
    public async ValueTask<DiscussionCommentItem> Handle(PostDiscussionComment command, CancellationToken cancellationToken)
    {
        var me = access.UserId;
        var view = await access.GetViewAsync(command.ProposalId, cancellationToken);
        DiscussionRules.EnsureMayDiscuss(view, command.ProposalId);

        var proposal = await db.Submissions.AsNoTracking().Where(s => s.Id == command.ProposalId)
            .Select(s => new { s.Id, s.TrackId }).SingleAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var comment = new DiscussionComment
        {
            TrackId = proposal.TrackId,
            SubmissionId = proposal.Id,
            AuthorId = me,
            Body = command.Body!.TrimEnd(),
            CreatedUtc = now,
        };
        db.DiscussionComments.Add(comment);

        // Who is told: the other assigned members with a seat and the chairs, never the author nor anyone conflicted.
        // The digest checks again at send time (a conflict declared in between drops the notice).
        var recipients = await db.CommitteeMembers.AsNoTracking()
            .Where(m => m.TrackId == proposal.TrackId && m.PersonId != me
                && (m.Role == CommitteeRole.Chair || db.ReviewAssignments.Any(a => a.SubmissionId == proposal.Id && a.PersonId == m.PersonId))
                && !db.Conflicts.Any(c => c.SubmissionId == proposal.Id && c.PersonId == m.PersonId && c.Active))
            .Select(m => m.PersonId).Distinct().ToListAsync(cancellationToken);
        foreach (var recipient in recipients)
            db.DiscussionNotices.Add(new DiscussionNotice
            {
                TrackId = proposal.TrackId, CommentId = comment.Id, RecipientId = recipient, CreatedUtc = now,
            });

        var author = await db.People.AsNoTracking().Where(p => p.Id == me).Select(p => p.DisplayName).SingleAsync(cancellationToken);
        return new DiscussionCommentItem(comment.Id, new DiscussionAuthor(me, author), comment.Body, comment.CreatedUtc);
    }
}

/// <summary>Who may read and post: the policy's Discussion part. A conflicted reader learns nothing (404, as for a hidden proposal).</summary>
internal static class DiscussionRules
{
    public static void EnsureMayDiscuss(ProposalView view, Guid proposalId)
    {
        if (view.IsConflicted && !view.EditAsSpeaker)
            throw NotFoundException.For("Proposal", proposalId);
        if (!view.Discussion)
            throw new ForbiddenAccessException(view.EditAsSpeaker
                ? "The discussion of a proposal is for the committee only; its speakers do not see it."
                : "Only the track's committee can see the discussion of a proposal.");
    }
}
