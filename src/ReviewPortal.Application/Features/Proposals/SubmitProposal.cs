using FluentValidation;
using Mediator;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Proposals;

/// <summary>A speaker submits a draft while the CfP is open. Submitting again is a no-op (no second mail).</summary>
public sealed record SubmitProposal(Guid Id) : ICommand<SubmissionStatus>;

public sealed class SubmitProposalValidator : AbstractValidator<SubmitProposal>
{
    public SubmitProposalValidator() => RuleFor(x => x.Id).NotEmpty().WithMessage("Choose a proposal.");
}

public sealed class SubmitProposalHandler(ProposalAccess access, ProposalMails mails, Conflicts.ConflictDetection conflicts, TimeProvider clock)
    : ICommandHandler<SubmitProposal, SubmissionStatus>
{
    public async ValueTask<SubmissionStatus> Handle(SubmitProposal command, CancellationToken cancellationToken)
    {
        var submission = await access.GetForSpeakerAsync(command.Id, cancellationToken);
        if (submission.Status == SubmissionStatus.Submitted)
            return submission.Status;

        submission.Submit(clock.GetUtcNow());
        await mails.SubmittedAsync(submission, cancellationToken);
        // The committee now sees it: its speakers' conflicts with the committee are detected at once.
        await conflicts.RefreshProposalAsync(submission.Id, cancellationToken);
        return submission.Status;
    }
}
