using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Validation;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Common;

namespace ReviewPortal.Application.Features.Decisions;

/// <summary>One line of a decision made on many proposals at once.</summary>
public sealed record DecisionItem(Guid ProposalId, string? Decision, int? WaitlistRank = null);

/// <summary>
/// A chair decides many proposals of one track at once, all or nothing: one item that cannot be decided (not a proposal
/// of this track, conflicted, withdrawn, released) refuses the whole request with 400 naming the item, and nothing
/// changes. Items are applied in the order given, so waitlist places refer to the list as the earlier items left it.
/// Only the track's chair or an admin (else 403; no such track 404).
/// </summary>
public sealed record DecideProposals(Guid TrackId, IReadOnlyList<DecisionItem> Decisions) : ICommand<DecisionsMade>;

/// <param name="Decided">How many proposals changed (an item that sets the decision a proposal already has changes nothing).</param>
/// <param name="Proposals">Every item's proposal as it stands now, in the request's order.</param>
public sealed record DecisionsMade(int Decided, IReadOnlyList<ProposalDecisionState> Proposals);

public sealed class DecideProposalsValidator : AbstractValidator<DecideProposals>
{
    public const int MaxItems = 1_000;

    public DecideProposalsValidator()
    {
        RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
        RuleFor(x => x.Decisions).Must(d => d.Count is > 0 and <= MaxItems)
            .WithMessage($"Give 1 to {MaxItems} decisions at a time.");
        RuleForEach(x => x.Decisions).ChildRules(item =>
        {
            item.RuleFor(i => i.ProposalId).NotEmpty().WithMessage("Choose a proposal.");
            item.RuleFor(i => i.Decision).Must(d => DecisionChoices.Parse(d) is not null).WithMessage(DecisionChoices.Refused);
            item.RuleFor(i => i.WaitlistRank).Must((i, rank) => rank is null || DecisionChoices.Parse(i.Decision) == DecisionChoice.Waitlisted)
                .WithMessage("A place on the waitlist is given only with the decision Waitlisted.")
                .InclusiveBetween(1, DecisionChoices.MaxWaitlistRank).WithMessage("A place on the waitlist is 1 or more (1 is offered a slot first).");
        });
        RuleFor(x => x).Custom((command, context) =>
        {
            var seen = new HashSet<Guid>();
            for (var i = 0; i < command.Decisions.Count; i++)
            {
                if (command.Decisions[i] is { } item && item.ProposalId != Guid.Empty && !seen.Add(item.ProposalId))
                    context.AddFailure(new ValidationFailure($"Decisions[{i}].ProposalId", "This proposal is in the list twice; decide each once."));
            }
        });
    }
}

public sealed class DecideProposalsHandler(IApplicationDbContext db, TrackAccess tracks, ProposalAccess access, ProposalDecisions decisions)
    : ICommandHandler<DecideProposals, DecisionsMade>
{
    public async ValueTask<DecisionsMade> Handle(DecideProposals command, CancellationToken cancellationToken)
    {
        var track = await tracks.ReadTrackForChairAsync(command.TrackId, cancellationToken);
        await decisions.LockTrackAsync(track.Id, cancellationToken);
        var views = await access.GetViewsForTrackAsync(track.Id, cancellationToken);
        var ids = command.Decisions.Select(d => d.ProposalId).ToList();
        var submissions = await db.Submissions.Where(s => s.TrackId == track.Id && ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var waitlist = await decisions.WaitlistAsync(track.Id, cancellationToken);

        var failures = new List<ValidationFailure>();
        var decided = 0;
        for (var i = 0; i < command.Decisions.Count; i++)
        {
            var item = command.Decisions[i];
            // Another track's proposal, an unknown id and one the caller may not know of read alike: nothing is told about it.
            if (!submissions.TryGetValue(item.ProposalId, out var submission) || !views.TryGetValue(item.ProposalId, out var view))
            {
                failures.Add(new ValidationFailure($"Decisions[{i}].ProposalId", $"{item.ProposalId} is not a proposal of this track."));
                continue;
            }

            if (view.IsConflicted)
            {
                failures.Add(new ValidationFailure($"Decisions[{i}].ProposalId", $"\"{submission.Title}\": {DecisionRights.ConflictedChair}"));
                continue;
            }

            try
            {
                if (decisions.Apply(submission, DecisionChoices.Parse(item.Decision)!.Value, item.WaitlistRank, waitlist))
                    decided++;
            }
            catch (InvalidStateException refused)
            {
                failures.Add(new ValidationFailure($"Decisions[{i}].Decision", $"\"{submission.Title}\": {refused.Message}"));
            }
        }

        // All or nothing: the transaction rolls the applied items back with the refusal.
        if (failures.Count > 0)
            throw Refusal.Of(failures);
        await db.SaveChangesAsync(cancellationToken);
        return new DecisionsMade(decided, command.Decisions.Select(d => ProposalDecisionState.Of(submissions[d.ProposalId])).ToList());
    }
}
