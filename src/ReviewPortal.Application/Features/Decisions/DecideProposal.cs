using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Common;

namespace ReviewPortal.Application.Features.Decisions;

/// <summary>
/// A chair decides one proposal (docs/deciding.md): Accepted, Rejected, Waitlisted (at <paramref name="WaitlistRank"/>,
/// or at the end of the track's waitlist), or Undecided to take a draft decision back. Decisions are drafts until
/// released. Who may is the policy's <c>Decide</c>: a conflicted chair gets 403 (another chair or an admin decides),
/// anyone else who is not a decider 404. With <paramref name="Version"/> (the proposal's version as the caller read it)
/// a decision made by someone else in between is refused with 409 and nothing changes.
/// </summary>
public sealed record DecideProposal(Guid ProposalId, string? Decision, int? WaitlistRank = null, uint? Version = null)
    : ICommand<ProposalDecisionState>;

public sealed class DecideProposalValidator : AbstractValidator<DecideProposal>
{
    public DecideProposalValidator()
    {
        RuleFor(x => x.ProposalId).NotEmpty().WithMessage("Choose a proposal.");
        RuleFor(x => x.Decision).Must(d => DecisionChoices.Parse(d) is not null).WithMessage(DecisionChoices.Refused);
        RuleFor(x => x.WaitlistRank).Must((x, rank) => rank is null || DecisionChoices.Parse(x.Decision) == DecisionChoice.Waitlisted)
            .WithMessage("A place on the waitlist is given only with the decision Waitlisted.")
            .InclusiveBetween(1, DecisionChoices.MaxWaitlistRank).WithMessage("A place on the waitlist is 1 or more (1 is offered a slot first).");
    }
}

public sealed class DecideProposalHandler(IApplicationDbContext db, ProposalAccess access, ProposalDecisions decisions)
    : ICommandHandler<DecideProposal, ProposalDecisionState>
{
    public const string DecidedElsewhere =
        "This proposal's decision was changed by someone else since you opened it; reload to see it — your decision was not saved.";

    public async ValueTask<ProposalDecisionState> Handle(DecideProposal command, CancellationToken cancellationToken)
    {
        var view = ProposalPolicy.For(await access.GetFactsAsync(command.ProposalId, cancellationToken));
        DecisionRights.EnsureDecider(view, command.ProposalId);

        var trackId = await db.Submissions.Where(s => s.Id == command.ProposalId).Select(s => s.TrackId).SingleAsync(cancellationToken);
        await decisions.LockTrackAsync(trackId, cancellationToken);
        var submission = await db.Submissions.SingleAsync(s => s.Id == command.ProposalId, cancellationToken);
        if (command.Version is { } version)
        {
            if (submission.Version != version)
                throw new ConcurrencyConflictException(DecidedElsewhere);
            // The UPDATE matches only the version the chair decided from, should another change come in between.
            db.Entry(submission).Property(s => s.Version).OriginalValue = version;
        }

        var waitlist = await decisions.WaitlistAsync(trackId, cancellationToken);
        decisions.Apply(submission, DecisionChoices.Parse(command.Decision)!.Value, command.WaitlistRank, waitlist);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(DecidedElsewhere);
        }

        return ProposalDecisionState.Of(submission);
    }
}

/// <summary>The deciding commands' one check, on the policy.</summary>
internal static class DecisionRights
{
    public const string ConflictedChair =
        "You have a conflict of interest with this proposal: another chair or an admin decides it.";

    /// <summary>404 for whoever may not decide (members, speakers, outsiders); 403 for a conflicted chair, who knows the proposal exists.</summary>
    public static void EnsureDecider(ProposalView view, Guid proposalId)
    {
        if (view.Role == ProposalRole.ConflictedChair && view.Exists)
            throw new ForbiddenAccessException(ConflictedChair);
        if (!view.DecisionDraft)
            throw NotFoundException.For("Proposal", proposalId);
        if (!view.Decide)
            throw new InvalidStateException("A withdrawn proposal cannot be decided.");
    }
}
