using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;

namespace ReviewPortal.Application.Features.Conflicts;

/// <summary>
/// What the caller may declare on a proposal: a committee member their own conflict; a speaker conflicts with the
/// track's committee members (listed by name, with those already declared marked).
/// </summary>
public sealed record GetConflictDeclaration(Guid ProposalId) : IQuery<ConflictDeclaration>;

public sealed record ConflictDeclaration(Guid ProposalId, string Title, bool AsMember, bool AsSpeaker, IReadOnlyList<DeclarableMember> Committee);

public sealed record DeclarableMember(Guid PersonId, string Name, bool Declared);

public sealed class GetConflictDeclarationValidator : AbstractValidator<GetConflictDeclaration>
{
    public GetConflictDeclarationValidator() => RuleFor(x => x.ProposalId).NotEmpty().WithMessage("Choose a proposal.");
}

public sealed class GetConflictDeclarationHandler(IApplicationDbContext db, ProposalAccess access) : IQueryHandler<GetConflictDeclaration, ConflictDeclaration>
{
    public async ValueTask<ConflictDeclaration> Handle(GetConflictDeclaration query, CancellationToken cancellationToken)
    {
        var view = await access.GetViewAsync(query.ProposalId, cancellationToken);
        if (!view.DeclareConflictAsMember && !view.DeclareConflictAsSpeaker)
            throw new ForbiddenAccessException("Only the committee and the proposal's speakers declare conflicts of interest on it.");
        var proposal = await db.Submissions.AsNoTracking().Where(s => s.Id == query.ProposalId)
            .Select(s => new { s.Id, s.TrackId, s.Title }).SingleAsync(cancellationToken);
        IReadOnlyList<DeclarableMember> committee = [];
        if (view.DeclareConflictAsSpeaker)
        {
            // The speaker learns only names and whether they named someone already, not the committee's own or detected conflicts.
            committee = await db.CommitteeMembers.AsNoTracking().Where(m => m.TrackId == proposal.TrackId)
                .OrderBy(m => m.Person.DisplayName)
                .Select(m => new DeclarableMember(m.PersonId, m.Person.DisplayName,
                    db.Conflicts.Any(c => c.SubmissionId == proposal.Id && c.PersonId == m.PersonId && c.Kind == Domain.Committee.ConflictKind.Declared
                        && c.Source == Domain.Committee.ConflictSource.Declared && c.Reason.StartsWith("Declared by the speaker"))))
                .ToListAsync(cancellationToken);
        }
        return new ConflictDeclaration(proposal.Id, proposal.Title, view.DeclareConflictAsMember, view.DeclareConflictAsSpeaker, committee);
    }
}
