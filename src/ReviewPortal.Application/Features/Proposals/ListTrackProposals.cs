using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Proposals;

/// <summary>The chair's view of a track's proposals: filter by state and topic, search title or speaker, counts per state.</summary>
public sealed record ListTrackProposals(Guid TrackId, SubmissionStatus? Status = null, string? Topic = null, string? Search = null)
    : IQuery<TrackProposals>;

public sealed record TrackProposals(
    Guid TrackId, string TrackName, string ConferenceName, IReadOnlyList<string> Topics,
    IReadOnlyDictionary<SubmissionStatus, int> CountsByStatus, int Total, IReadOnlyList<TrackProposalRow> Proposals);

public sealed record TrackProposalRow(
    Guid Id, string Title, SubmissionStatus Status, string Speakers, IReadOnlyList<string> Topics, string? SubmittedAt, int DurationMinutes);

public sealed class ListTrackProposalsValidator : AbstractValidator<ListTrackProposals>
{
    public ListTrackProposalsValidator()
    {
        RuleFor(x => x.TrackId).NotEmpty();
        RuleFor(x => x.Search).MaximumLength(200);
        RuleFor(x => x.Topic).MaximumLength(100);
        RuleFor(x => x.Status).NotEqual(SubmissionStatus.Draft).WithMessage("Drafts belong to their speakers until submitted.");
    }
}

public sealed class ListTrackProposalsHandler(IApplicationDbContext db, TrackAccess access)
    : IQueryHandler<ListTrackProposals, TrackProposals>
{
    public async ValueTask<TrackProposals> Handle(ListTrackProposals query, CancellationToken cancellationToken)
    {
        var track = await access.ReadTrackForChairAsync(query.TrackId, cancellationToken);
        // Organisers' items (the opening) are not proposals to review: they stay out of the list and its counts.
        var visible = db.Submissions.AsNoTracking()
            .Where(s => s.TrackId == track.Id && s.Status != SubmissionStatus.Draft && s.Kind == SubmissionKind.Talk);

        var counts = await visible.GroupBy(s => s.Status)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        var filtered = visible;
        if (query.Status is { } status)
            filtered = filtered.Where(s => s.Status == status);
        if (!string.IsNullOrWhiteSpace(query.Topic))
            filtered = filtered.Where(s => s.Topics.Contains(query.Topic));
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = "%" + query.Search.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            filtered = filtered.Where(s => EF.Functions.Like(s.Title.ToLower(), pattern, "\\")
                || s.Speakers.Any(sp => EF.Functions.Like(sp.Name.ToLower(), pattern, "\\")));
        }

        var rows = await filtered.AsSingleQuery()
            .OrderBy(s => s.SubmittedUtc).ThenBy(s => s.Title)
            .Select(s => new
            {
                s.Id, s.Title, s.Status, s.Topics, s.SubmittedUtc, s.DurationMinutes,
                Speakers = s.Speakers.OrderBy(sp => sp.Order).Select(sp => sp.Name).ToList(),
            })
            .ToListAsync(cancellationToken);

        return new TrackProposals(track.Id, track.Name, track.Conference.Name, track.Topics, counts, counts.Values.Sum(),
            rows.Select(r => new TrackProposalRow(r.Id, r.Title, r.Status, string.Join(", ", r.Speakers), r.Topics,
                r.SubmittedUtc is { } at ? track.Conference.Format(at) : null, r.DurationMinutes)).ToList());
    }
}
