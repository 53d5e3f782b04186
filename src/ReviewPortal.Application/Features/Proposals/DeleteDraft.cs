using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Common;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Proposals;

/// <summary>
/// A speaker deletes a draft. Only drafts: once submitted, the committee has seen it, so it can only be withdrawn (409).
/// Only its speakers; anyone else gets 404 like every other proposal id they may not know.
/// </summary>
public sealed record DeleteDraft(Guid Id) : ICommand;

public sealed class DeleteDraftValidator : AbstractValidator<DeleteDraft>
{
    public DeleteDraftValidator() => RuleFor(x => x.Id).NotEmpty();
}

public sealed class DeleteDraftHandler(IApplicationDbContext db, ProposalAccess access) : ICommandHandler<DeleteDraft>
{
    public async ValueTask<Unit> Handle(DeleteDraft command, CancellationToken cancellationToken)
    {
        var submission = await access.GetForSpeakerAsync(command.Id, cancellationToken);
        if (submission.Status != SubmissionStatus.Draft)
            throw new InvalidStateException(
                $"Only a draft can be deleted; this proposal is {Submission.Describe(submission.StatusForSpeakers)}. You can withdraw it instead.");
        db.Submissions.Remove(submission);
        return Unit.Value;
    }
}
