using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Validation;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Committee;

namespace ReviewPortal.Application.Features.Conflicts;

/// <summary>A chair adds a conflict between a committee member and a proposal, with a reason (audited); it counts as confirmed.</summary>
public sealed record AddConflict(Guid ProposalId, Guid PersonId, string? Reason) : ICommand<Guid>;

public sealed class AddConflictValidator : AbstractValidator<AddConflict>
{
    public AddConflictValidator()
    {
        RuleFor(x => x.ProposalId).NotEmpty().WithMessage("Choose a proposal.");
        RuleFor(x => x.PersonId).NotEmpty().WithMessage("Choose a committee member.");
        RuleFor(x => x.Reason).Cascade(CascadeMode.Stop)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Give a reason: it is kept in the audit log.")
            .MaximumLength(DeclareConflict.MaxReasonLength).WithName("The reason");
    }
}

public sealed class AddConflictHandler(IApplicationDbContext db, ProposalAccess access, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<AddConflict, Guid>
{
    public async ValueTask<Guid> Handle(AddConflict command, CancellationToken cancellationToken)
    {
        await ConflictRights.EnsureManagerAsync(access, command.ProposalId, null, cancellationToken);
        var proposal = await db.Submissions.AsNoTracking().Where(s => s.Id == command.ProposalId)
            .Select(s => new { s.Id, s.TrackId, s.Title }).SingleAsync(cancellationToken);
        var member = await db.CommitteeMembers.AsNoTracking()
            .Where(m => m.TrackId == proposal.TrackId && m.PersonId == command.PersonId)
            .Select(m => new { m.PersonId, m.Person.DisplayName }).SingleOrDefaultAsync(cancellationToken)
            ?? throw Refusal.Of(nameof(AddConflict.PersonId), "This person is not on the track's committee.");

        var reason = command.Reason!.Trim();
        var now = clock.GetUtcNow();
        var row = await db.Conflicts.SingleOrDefaultAsync(
            c => c.SubmissionId == proposal.Id && c.PersonId == member.PersonId && c.Kind == ConflictKind.Declared, cancellationToken);
        if (row is null)
        {
            row = new Conflict
            {
                TrackId = proposal.TrackId, SubmissionId = proposal.Id, PersonId = member.PersonId, Kind = ConflictKind.Declared,
                Source = ConflictSource.Chair, Reason = $"Added by the chair: {reason}", CreatedUtc = now,
            };
            db.Conflicts.Add(row);
        }
        row.Active = true;
        row.ConfirmedByChair = true;
        row.ChairReason = reason;
        row.DecidedById = access.UserId;
        row.UpdatedUtc = now;
        audit.Record("conflict.added", ConflictAudit.Entity, proposal.Id,
            new { ConflictId = row.Id, Proposal = proposal.Title, member.PersonId, Name = member.DisplayName, Reason = reason }, proposal.TrackId);
        return row.Id;
    }
}
