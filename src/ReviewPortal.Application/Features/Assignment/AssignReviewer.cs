using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Common;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.Planning.Assignment;

namespace ReviewPortal.Application.Features.Assignment;

/// <summary>
/// The chair assigns a member to a proposal by hand (Manual: automatic runs keep it). A conflicted member is refused
/// with the conflict's reason; a load above the member's maximum or the balanced maximum is allowed, with a warning.
/// An automatic assignment of the same pair becomes manual. The member is mailed.
/// </summary>
public sealed record AssignReviewer(Guid ProposalId, Guid PersonId) : ICommand<ManualAssignmentResult>;

/// <summary>Manual un-assignment: the pair is removed whatever its source; the member is mailed.</summary>
public sealed record UnassignReviewer(Guid ProposalId, Guid PersonId) : ICommand<ManualAssignmentResult>;

public sealed record ManualAssignmentResult(Guid ProposalId, Guid PersonId, bool Assigned, AssignmentSource? Source, int Load, IReadOnlyList<string> Warnings);

public sealed class AssignReviewerValidator : AbstractValidator<AssignReviewer>
{
    public AssignReviewerValidator()
    {
        RuleFor(x => x.ProposalId).NotEmpty();
        RuleFor(x => x.PersonId).NotEmpty();
    }
}

public sealed class UnassignReviewerValidator : AbstractValidator<UnassignReviewer>
{
    public UnassignReviewerValidator()
    {
        RuleFor(x => x.ProposalId).NotEmpty();
        RuleFor(x => x.PersonId).NotEmpty();
    }
}

/// <summary>What both manual commands check: the caller manages the proposal's assignments (policy), the person is an active member.</summary>
public sealed class ManualAssignment(IApplicationDbContext db, ProposalAccess proposals)
{
    public async Task<(Submission Proposal, CommitteeMember Member)> LoadAsync(Guid proposalId, Guid personId, CancellationToken cancellationToken)
    {
        var view = await proposals.GetViewAsync(proposalId, cancellationToken);
        if (!view.ManageAssignments)
            throw new ForbiddenAccessException(view.Role == ProposalRole.ConflictedChair
                ? "You have a conflict of interest on this proposal: another chair or an admin assigns its reviewers."
                : "Only the track's chair can assign reviewers.");
        var proposal = await db.Submissions.AsNoTracking().Include(s => s.Track).ThenInclude(t => t.Conference)
            .SingleAsync(s => s.Id == proposalId, cancellationToken);
        var member = await db.CommitteeMembers.AsNoTracking().Include(m => m.Person)
            .SingleOrDefaultAsync(m => m.TrackId == proposal.TrackId && m.PersonId == personId, cancellationToken)
            ?? throw NotFoundException.For("Committee member", personId);
        return (proposal, member);
    }

    public Task<int> LoadOfAsync(Guid trackId, Guid personId, CancellationToken cancellationToken) =>
        db.ReviewAssignments.CountAsync(a => a.TrackId == trackId && a.PersonId == personId, cancellationToken);
}

public sealed class AssignReviewerHandler(
    IApplicationDbContext db, ManualAssignment manual, ICurrentUser currentUser, AssignmentMails mails, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<AssignReviewer, ManualAssignmentResult>
{
    public async ValueTask<ManualAssignmentResult> Handle(AssignReviewer command, CancellationToken cancellationToken)
    {
        var (proposal, member) = await manual.LoadAsync(command.ProposalId, command.PersonId, cancellationToken);
        var name = member.Person.DisplayName;
        if (proposal.Status != SubmissionStatus.UnderReview || proposal.Kind != SubmissionKind.Talk)
            throw new InvalidStateException($"Reviewers are assigned to talks under review; \"{proposal.Title}\" is {Submission.Describe(proposal.Status)}.");
        var conflicts = await db.Conflicts.AsNoTracking()
            .Where(c => c.SubmissionId == proposal.Id && c.PersonId == member.PersonId && c.Active)
            .Select(c => c.Reason).ToListAsync(cancellationToken);
        if (conflicts.Count == 0 && await db.SubmissionSpeakers.AnyAsync(s => s.SubmissionId == proposal.Id && s.PersonId == member.PersonId, cancellationToken))
            conflicts.Add($"{name} is a speaker of this proposal");
        if (conflicts.Count > 0)
            throw new InvalidStateException(
                $"{name} has a conflict of interest on \"{proposal.Title}\" and cannot review it: {string.Join("; ", conflicts)}.");

        var existing = await db.ReviewAssignments.SingleOrDefaultAsync(a => a.SubmissionId == proposal.Id && a.PersonId == member.PersonId, cancellationToken);
        var load = await manual.LoadOfAsync(proposal.TrackId, member.PersonId, cancellationToken);
        if (existing is null)
        {
            db.ReviewAssignments.Add(new ReviewAssignment
            {
                TrackId = proposal.TrackId,
                SubmissionId = proposal.Id,
                PersonId = member.PersonId,
                Source = AssignmentSource.Manual,
                AssignedById = currentUser.Id,
                AssignedUtc = clock.GetUtcNow(),
            });
            load++;
            await mails.ChangedAsync("committee.assigned", proposal.Track, proposal.Title, name, member.Person.Email, load, cancellationToken);
            audit.Record("assignment.assigned", "Proposal", proposal.Id, new { Member = name, member.Person.Email }, proposal.TrackId);
        }
        else if (existing.Source == AssignmentSource.Automatic)
        {
            // Already assigned: the chair now holds it by hand, so the next run keeps it. Nothing new for the member.
            existing.Source = AssignmentSource.Manual;
            audit.Record("assignment.made-manual", "Proposal", proposal.Id, new { Member = name, member.Person.Email }, proposal.TrackId);
        }

        return new ManualAssignmentResult(proposal.Id, member.PersonId, true, AssignmentSource.Manual, load,
            await WarningsAsync(proposal.TrackId, member, name, load, cancellationToken));
    }

    private async Task<IReadOnlyList<string>> WarningsAsync(Guid trackId, CommitteeMember member, string name, int load, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        if (member.MaxLoad is { } max && load > max)
            warnings.Add($"{name} now has {load} proposals to review, above their maximum of {max}.");
        var track = await db.Tracks.AsNoTracking().SingleAsync(t => t.Id == trackId, cancellationToken);
        var proposals = await db.Submissions.CountAsync(s => s.TrackId == trackId && s.Status == SubmissionStatus.UnderReview && s.Kind == SubmissionKind.Talk, cancellationToken);
        var members = await db.CommitteeMembers.CountAsync(m => m.TrackId == trackId, cancellationToken);
        var balanced = LoadBounds.Balanced(proposals, track.ReviewersPerSubmission, Math.Max(members, 1)).Max;
        if (load > balanced)
            warnings.Add($"{name} now has {load} proposals to review, above the balanced load of {balanced} ({proposals} proposals × {track.ReviewersPerSubmission} reviewers over {members} members).");
        return warnings;
    }
}

public sealed class UnassignReviewerHandler(
    IApplicationDbContext db, ManualAssignment manual, AssignmentMails mails, AuditTrail audit)
    : ICommandHandler<UnassignReviewer, ManualAssignmentResult>
{
    public async ValueTask<ManualAssignmentResult> Handle(UnassignReviewer command, CancellationToken cancellationToken)
    {
        var (proposal, member) = await manual.LoadAsync(command.ProposalId, command.PersonId, cancellationToken);
        var existing = await db.ReviewAssignments.SingleOrDefaultAsync(a => a.SubmissionId == proposal.Id && a.PersonId == member.PersonId, cancellationToken)
            ?? throw new NotFoundException($"{member.Person.DisplayName} is not assigned to \"{proposal.Title}\".");
        db.ReviewAssignments.Remove(existing);
        var load = await manual.LoadOfAsync(proposal.TrackId, member.PersonId, cancellationToken) - 1;
        await mails.ChangedAsync("committee.unassigned", proposal.Track, proposal.Title, member.Person.DisplayName, member.Person.Email, load, cancellationToken);
        audit.Record("assignment.unassigned", "Proposal", proposal.Id,
            new { Member = member.Person.DisplayName, member.Person.Email, Source = existing.Source.ToString() }, proposal.TrackId);
        return new ManualAssignmentResult(proposal.Id, member.PersonId, false, null, load, []);
    }
}
