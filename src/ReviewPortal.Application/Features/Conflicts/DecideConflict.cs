using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Committee;

namespace ReviewPortal.Application.Features.Conflicts;

public enum ConflictDecision
{
    /// <summary>The conflict stands (and stays even when detection no longer finds it).</summary>
    Confirm = 0,
    /// <summary>The conflict does not stand: inactive, and detection does not bring it back.</summary>
    Lift = 1,
}

/// <summary>
/// A chair confirms or lifts a conflict, with a reason (audited). Who may is the policy's <c>ManageConflicts</c> on the
/// conflict's proposal: a chair conflicted on that proposal may not; another chair or an admin may.
/// </summary>
public sealed record DecideConflict(Guid ConflictId, ConflictDecision Decision, string? Reason) : ICommand;

public sealed class DecideConflictValidator : AbstractValidator<DecideConflict>
{
    public DecideConflictValidator()
    {
        RuleFor(x => x.ConflictId).NotEmpty().WithMessage("Choose a conflict.");
        RuleFor(x => x.Decision).IsInEnum().WithMessage("Decide 'Confirm' or 'Lift'.");
        RuleFor(x => x.Reason).Cascade(CascadeMode.Stop)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Give a reason: it is kept in the audit log.")
            .MaximumLength(DeclareConflict.MaxReasonLength).WithName("The reason");
    }
}

public sealed class DecideConflictHandler(IApplicationDbContext db, ProposalAccess access, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<DecideConflict>
{
    public async ValueTask<Unit> Handle(DecideConflict command, CancellationToken cancellationToken)
    {
        var conflict = await db.Conflicts.SingleOrDefaultAsync(c => c.Id == command.ConflictId, cancellationToken)
            ?? throw NotFoundException.For("Conflict", command.ConflictId);
        await ConflictRights.EnsureManagerAsync(access, conflict.SubmissionId, command.ConflictId, cancellationToken);

        var before = new { conflict.Active, conflict.ConfirmedByChair, conflict.ChairReason };
        conflict.Active = command.Decision == ConflictDecision.Confirm;
        conflict.ConfirmedByChair = command.Decision == ConflictDecision.Confirm;
        conflict.ChairReason = command.Reason!.Trim();
        conflict.DecidedById = access.UserId;
        conflict.UpdatedUtc = clock.GetUtcNow();
        audit.Record(command.Decision == ConflictDecision.Confirm ? "conflict.confirmed" : "conflict.lifted", ConflictAudit.Entity,
            conflict.SubmissionId,
            new { ConflictId = conflict.Id, conflict.PersonId, Kind = conflict.Kind.ToString(), conflict.Reason, ChairReason = conflict.ChairReason, Before = before },
            conflict.TrackId);
        return Unit.Value;
    }
}

/// <summary>The one check of the conflict commands, on the policy.</summary>
internal static class ConflictRights
{
    /// <summary>404 when the caller may not know the proposal (or the conflict); 403 when they see it but may not manage its conflicts.</summary>
    public static async Task EnsureManagerAsync(ProposalAccess access, Guid proposalId, Guid? conflictId, CancellationToken cancellationToken)
    {
        var view = ProposalPolicy(await access.GetFactsAsync(proposalId, cancellationToken));
        if (!view.Exists)
            throw conflictId is { } id ? NotFoundException.For("Conflict", id) : NotFoundException.For("Proposal", proposalId);
        if (!view.ManageConflicts)
            throw new ForbiddenAccessException(view.IsConflicted
                ? "You have a conflict of interest with this proposal: another chair or an admin manages its conflicts."
                : "Only the track's chair can manage conflicts of interest.");
    }

    private static Common.Security.ProposalView ProposalPolicy(Common.Security.ProposalFacts facts) => Common.Security.ProposalPolicy.For(facts);
}
