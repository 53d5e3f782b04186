using Mediator;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Committee;

namespace ReviewPortal.Application.Features.Committee;

/// <summary>
/// Before sending an invitation, the chair sees the conflicts of interest the invitee would have with the track's
/// proposals (same organisation under any alias, e-mail domain, past affiliations, being a speaker), each with its reason.
/// Nothing is stored.
/// </summary>
public sealed record PreviewInvitationConflicts(
    Guid TrackId,
    string Email,
    string Name,
    string? Affiliation,
    IReadOnlyList<AffiliationInput>? PastAffiliations = null,
    IReadOnlyList<string>? EmailDomains = null) : IQuery<IReadOnlyList<InvitationConflict>>, IInvitee;

public sealed class PreviewInvitationConflictsValidator(TimeProvider clock) : InviteeValidator<PreviewInvitationConflicts>(clock);

public sealed class PreviewInvitationConflictsHandler(TrackAccess access, CommitteeConflicts conflicts)
    : IQueryHandler<PreviewInvitationConflicts, IReadOnlyList<InvitationConflict>>
{
    public async ValueTask<IReadOnlyList<InvitationConflict>> Handle(PreviewInvitationConflicts query, CancellationToken cancellationToken)
    {
        await access.ReadTrackForChairAsync(query.TrackId, cancellationToken);
        return await conflicts.PreviewAsync(query.TrackId, query.Name.Trim(), query.Email.Trim(),
            Affiliations(query.Affiliation, query.PastAffiliations), ProfileRules.NormaliseDomains(query.EmailDomains ?? []), cancellationToken);
    }

    /// <summary>The current affiliation (no end year) and the past ones, as the profile will hold them once accepted.</summary>
    public static List<AffiliationPeriod> Affiliations(string? current, IReadOnlyList<AffiliationInput>? past)
    {
        var list = new List<AffiliationPeriod>();
        if (!string.IsNullOrWhiteSpace(current))
            list.Add(new AffiliationPeriod { Organisation = current.Trim() });
        list.AddRange((past ?? []).Select(a => a.ToPeriod()));
        return list;
    }
}
