using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Committee;

namespace ReviewPortal.Application.Features.Conflicts;

/// <summary>
/// The chair's list of a track's conflicts of interest (active and lifted), for the API and the matrix. A conflicted
/// chair does not see the rows of proposals they are conflicted on (the policy: another chair or an admin manages them).
/// </summary>
public sealed record ListTrackConflicts(Guid TrackId) : IQuery<IReadOnlyList<ConflictRow>>;

/// <param name="ProposalId">The proposal (contract field name).</param>
/// <param name="PersonId">The committee member.</param>
public sealed record ConflictRow(
    Guid Id, Guid ProposalId, Guid PersonId, ConflictKind Kind, string Reason, ConflictSource Source, bool Active,
    bool ConfirmedByChair, string? ChairReason, string ProposalTitle, string PersonName);

public sealed class ListTrackConflictsValidator : AbstractValidator<ListTrackConflicts>
{
    public ListTrackConflictsValidator() => RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
}

public sealed class ListTrackConflictsHandler(IApplicationDbContext db, TrackAccess tracks, ProposalAccess proposals)
    : IQueryHandler<ListTrackConflicts, IReadOnlyList<ConflictRow>>
{
    public async ValueTask<IReadOnlyList<ConflictRow>> Handle(ListTrackConflicts query, CancellationToken cancellationToken)
    {
        var track = await tracks.ReadTrackForChairAsync(query.TrackId, cancellationToken);
        var views = await proposals.GetViewsForTrackAsync(track.Id, cancellationToken);
        return await LoadAsync(db, track.Id, views, cancellationToken);
    }

    /// <summary>The track's conflicts with titles and names, only of proposals whose conflicts the caller may see.</summary>
    internal static async Task<List<ConflictRow>> LoadAsync(IApplicationDbContext db, Guid trackId,
        IReadOnlyDictionary<Guid, Common.Security.ProposalView> views, CancellationToken cancellationToken)
    {
        var rows = await db.Conflicts.AsNoTracking()
            .Where(c => c.TrackId == trackId)
            .Join(db.Submissions, c => c.SubmissionId, s => s.Id, (c, s) => new { c, s.Title })
            .Join(db.People, x => x.c.PersonId, p => p.Id, (x, p) => new ConflictRow(
                x.c.Id, x.c.SubmissionId, x.c.PersonId, x.c.Kind, x.c.Reason, x.c.Source, x.c.Active, x.c.ConfirmedByChair, x.c.ChairReason,
                x.Title, p.DisplayName))
            .ToListAsync(cancellationToken);
        return rows
            .Where(r => views.TryGetValue(r.ProposalId, out var view) && view.Conflicts)
            .OrderBy(r => r.ProposalTitle, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.PersonName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(r => r.Kind)
            .ToList();
    }
}
