using FluentValidation;
using Mediator;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Proposals;

/// <summary>A speaker withdraws a proposal; allowed until the committee's decision is released.</summary>
public sealed record WithdrawProposal(Guid Id) : ICommand<SubmissionStatus>;

public sealed class WithdrawProposalValidator : AbstractValidator<WithdrawProposal>
{
    public WithdrawProposalValidator() => RuleFor(x => x.Id).NotEmpty().WithMessage("Choose a proposal.");
}

public sealed class WithdrawProposalHandler(ProposalAccess access, ProposalMails mails, TimeProvider clock)
    : ICommandHandler<WithdrawProposal, SubmissionStatus>
{
    public async ValueTask<SubmissionStatus> Handle(WithdrawProposal command, CancellationToken cancellationToken)
    {
        var submission = await access.GetForSpeakerAsync(command.Id, cancellationToken);
        if (submission.Status == SubmissionStatus.Withdrawn)
            return submission.Status;

        submission.Withdraw(clock.GetUtcNow());
        await mails.WithdrawnAsync(submission, cancellationToken);
        return submission.Status;
    }
}
