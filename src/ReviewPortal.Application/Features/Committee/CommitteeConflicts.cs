using ReviewPortal.Domain.Committee;

namespace ReviewPortal.Application.Features.Committee;

/// <summary>A conflict an invitee would have, shown to the chair before the invitation is sent.</summary>
public sealed record InvitationConflict(Guid ProposalId, string Title, ConflictKind Kind, string Reason);

/// <summary>
/// The committee feature's door to conflict detection (the Conflicts feature's <c>ConflictDetection</c>): a preview for a
/// person not yet on the committee, and a refresh after the committee or a profile changed.
/// </summary>
#pragma warning disable CA1822 // instance methods: they call the scoped ConflictDetection once h-policy is merged
public sealed class CommitteeConflicts
{
    public Task<IReadOnlyList<InvitationConflict>> PreviewAsync(Guid trackId, string name, string email,
        IReadOnlyList<AffiliationPeriod> affiliations, IReadOnlyList<string> emailDomains, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<InvitationConflict>>([]);

    public Task RefreshAsync(Guid trackId, CancellationToken cancellationToken) => Task.CompletedTask;
}
