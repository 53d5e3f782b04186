using ReviewPortal.Application.Features.Conflicts;
using ReviewPortal.Domain.Committee;

namespace ReviewPortal.Application.Features.Committee;

/// <summary>A conflict an invitee would have, shown to the chair before the invitation is sent.</summary>
public sealed record InvitationConflict(Guid ProposalId, string Title, ConflictKind Kind, string Reason);

/// <summary>
/// The committee feature's door to conflict detection (<see cref="ConflictDetection"/>): a preview for a person not yet
/// on the committee, and a refresh after the committee or a profile changed.
/// </summary>
public sealed class CommitteeConflicts(ConflictDetection detection)
{
    public async Task<IReadOnlyList<InvitationConflict>> PreviewAsync(Guid trackId, string name, string email,
        IReadOnlyList<AffiliationPeriod> affiliations, IReadOnlyList<string> emailDomains, CancellationToken cancellationToken) =>
        (await detection.PreviewAsync(trackId, new ConflictCandidate(name, email, affiliations, emailDomains), cancellationToken))
        .Select(c => new InvitationConflict(c.ProposalId, c.Title, c.Kind, c.Reason))
        .ToList();

    public Task RefreshAsync(Guid trackId, CancellationToken cancellationToken) => detection.RefreshAsync(trackId, cancellationToken);
}
