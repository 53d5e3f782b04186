using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Committee;

namespace ReviewPortal.Application.Features.Conflicts;

/// <summary>
/// The chair's conflict matrix of a track: proposals (those with a conflict, or all) × committee members, each cell the
/// kinds with their reasons. Filters: kind, active/lifted, member, title. Rows of proposals the chair is conflicted on are
/// left out (the policy); the list beside the matrix is the same data for phones.
/// </summary>
public sealed record GetConflictMatrix(Guid TrackId, ConflictKind? Kind = null, string? Show = null, Guid? PersonId = null, string? Search = null, bool AllProposals = false)
    : IQuery<ConflictMatrix>
{
    public const int MaxProposals = 500;
}

public sealed record ConflictMatrix(
    Guid TrackId, string TrackName, IReadOnlyList<MatrixMember> Members, IReadOnlyList<MatrixProposal> Proposals,
    IReadOnlyList<ConflictRow> Conflicts, int HiddenForConflict, bool Truncated);

public sealed record MatrixMember(Guid PersonId, string Name);

public sealed record MatrixProposal(Guid Id, string Title);

public sealed class GetConflictMatrixValidator : AbstractValidator<GetConflictMatrix>
{
    public GetConflictMatrixValidator()
    {
        RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Show).Must(s => string.IsNullOrWhiteSpace(s) || s.Trim().ToLowerInvariant() is "active" or "lifted" or "all")
            .WithMessage("Show 'active', 'lifted' or 'all'.");
        RuleFor(x => x.Search).MaximumLength(200).WithName("The search");
    }
}

public sealed class GetConflictMatrixHandler(IApplicationDbContext db, TrackAccess tracks, ProposalAccess proposals)
    : IQueryHandler<GetConflictMatrix, ConflictMatrix>
{
    public async ValueTask<ConflictMatrix> Handle(GetConflictMatrix query, CancellationToken cancellationToken)
    {
        var track = await tracks.ReadTrackForChairAsync(query.TrackId, cancellationToken);
        var views = await proposals.GetViewsForTrackAsync(track.Id, cancellationToken);
        var all = await ListTrackConflictsHandler.LoadAsync(db, track.Id, views, cancellationToken);
        var show = string.IsNullOrWhiteSpace(query.Show) ? "active" : query.Show.Trim().ToLowerInvariant();
        var search = query.Search?.Trim();
        bool TitleMatches(string title) => string.IsNullOrEmpty(search) || title.Contains(search, StringComparison.CurrentCultureIgnoreCase);

        var rows = all.Where(r => (query.Kind is null || r.Kind == query.Kind)
                && (show == "all" || (show == "active") == r.Active)
                && (query.PersonId is null || r.PersonId == query.PersonId)
                && TitleMatches(r.ProposalTitle))
            .ToList();

        var members = await db.CommitteeMembers.AsNoTracking().Where(m => m.TrackId == track.Id)
            .Select(m => new MatrixMember(m.PersonId, m.Person.DisplayName)).ToListAsync(cancellationToken);
        members = members.Where(m => query.PersonId is null || m.PersonId == query.PersonId)
            .OrderBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase).ToList();

        List<MatrixProposal> shown;
        if (query.AllProposals)
        {
            var titles = await db.Submissions.AsNoTracking().Where(s => s.TrackId == track.Id)
                .Select(s => new MatrixProposal(s.Id, s.Title)).ToListAsync(cancellationToken);
            shown = titles.Where(p => views.TryGetValue(p.Id, out var v) && v.Conflicts && TitleMatches(p.Title)).ToList();
        }
        else
        {
            shown = rows.DistinctBy(r => r.ProposalId).Select(r => new MatrixProposal(r.ProposalId, r.ProposalTitle)).ToList();
        }
        shown = shown.OrderBy(p => p.Title, StringComparer.CurrentCultureIgnoreCase).ToList();
        var truncated = shown.Count > GetConflictMatrix.MaxProposals;
        if (truncated)
        {
            shown = shown.Take(GetConflictMatrix.MaxProposals).ToList();
            var ids = shown.Select(p => p.Id).ToHashSet();
            rows = rows.Where(r => ids.Contains(r.ProposalId)).ToList();
        }
        var hidden = views.Values.Count(v => v.IsConflicted);
        return new ConflictMatrix(track.Id, track.Name, members, shown, rows, hidden, truncated);
    }
}
