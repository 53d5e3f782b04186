using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Validation;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Committee;

namespace ReviewPortal.Application.Features.Conflicts;

/// <summary>
/// Declares a conflict of interest on a proposal. A committee member declares their own (<paramref name="PersonIds"/>
/// empty, reason optional); a speaker of the proposal names committee members (reason required: the chair reads it).
/// What the caller may declare is the policy's <c>DeclareConflictAsMember</c> / <c>DeclareConflictAsSpeaker</c>.
/// </summary>
public sealed record DeclareConflict(Guid ProposalId, IReadOnlyList<Guid>? PersonIds, string? Reason) : ICommand<int>
{
    public const int MaxReasonLength = 500;
    public const int MaxPeople = 50;
}

public sealed class DeclareConflictValidator : AbstractValidator<DeclareConflict>
{
    public DeclareConflictValidator()
    {
        RuleFor(x => x.ProposalId).NotEmpty().WithMessage("Choose a proposal.");
        RuleFor(x => x.Reason).MaximumLength(DeclareConflict.MaxReasonLength).WithName("The reason");
        RuleFor(x => x.PersonIds).Must(ids => ids is null || ids.Count <= DeclareConflict.MaxPeople)
            .WithMessage($"Name at most {DeclareConflict.MaxPeople} committee members at once.");
        RuleForEach(x => x.PersonIds).NotEmpty().WithMessage("Choose a committee member.");
    }
}

public sealed class DeclareConflictHandler(IApplicationDbContext db, ProposalAccess access, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<DeclareConflict, int>
{
    public async ValueTask<int> Handle(DeclareConflict command, CancellationToken cancellationToken)
    {
        var me = access.UserId;
        var view = await access.GetViewAsync(command.ProposalId, cancellationToken);
        var proposal = await db.Submissions.AsNoTracking().Where(s => s.Id == command.ProposalId)
            .Select(s => new { s.Id, s.TrackId, s.Title }).SingleAsync(cancellationToken);
        var myName = await db.People.Where(p => p.Id == me).Select(p => p.DisplayName).SingleAsync(cancellationToken);
        var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
        var named = command.PersonIds?.Distinct().ToList() ?? [];

        List<Guid> people;
        string text;
        if (named.Count == 0 || (named.Count == 1 && named[0] == me && !view.DeclareConflictAsSpeaker))
        {
            if (!view.DeclareConflictAsMember)
                throw view.DeclareConflictAsSpeaker
                    ? Refusal.Of(nameof(DeclareConflict.PersonIds), "Choose the committee members you have a conflict with.")
                    : new ForbiddenAccessException("Only a member of the track's committee can declare a conflict on this proposal.");
            people = [me];
            text = reason is null ? $"Declared by {myName}" : $"Declared by {myName}: {reason}";
        }
        else
        {
            if (!view.DeclareConflictAsSpeaker)
                throw new ForbiddenAccessException("Only a speaker of the proposal can name committee members they have a conflict with.");
            if (reason is null)
                throw Refusal.Of(nameof(DeclareConflict.Reason), "Say why, for the chair: the reason is required.");
            var seated = await db.CommitteeMembers.Where(m => m.TrackId == proposal.TrackId && named.Contains(m.PersonId))
                .Select(m => m.PersonId).ToListAsync(cancellationToken);
            var unknown = named.Except(seated).ToList();
            if (unknown.Count > 0)
                throw Refusal.Of(nameof(DeclareConflict.PersonIds),
                    $"{unknown.Count} of the people named {(unknown.Count == 1 ? "is" : "are")} not on this track's committee.");
            people = named;
            text = $"Declared by the speaker {myName}: {reason}";
        }

        var now = clock.GetUtcNow();
        var existing = await db.Conflicts
            .Where(c => c.SubmissionId == proposal.Id && c.Kind == ConflictKind.Declared && people.Contains(c.PersonId))
            .ToDictionaryAsync(c => c.PersonId, cancellationToken);
        foreach (var personId in people)
        {
            if (existing.TryGetValue(personId, out var row))
            {
                // A chair's lift stays lifted; a new declaration only updates what the chair reads.
                row.Reason = text;
                row.UpdatedUtc = now;
            }
            else
            {
                db.Conflicts.Add(new Conflict
                {
                    TrackId = proposal.TrackId, SubmissionId = proposal.Id, PersonId = personId, Kind = ConflictKind.Declared,
                    Source = ConflictSource.Declared, Reason = text, Active = true, DecidedById = me, CreatedUtc = now, UpdatedUtc = now,
                });
            }
            audit.Record("conflict.declared", ConflictAudit.Entity, proposal.Id,
                new { Proposal = proposal.Title, PersonId = personId, By = view.DeclareConflictAsSpeaker ? "speaker" : "member", Reason = reason },
                proposal.TrackId);
        }
        return people.Count;
    }
}

/// <summary>Audit names for conflict entries (entity: the proposal, in the track's log).</summary>
public static class ConflictAudit
{
    public const string Entity = "Proposal";
}
