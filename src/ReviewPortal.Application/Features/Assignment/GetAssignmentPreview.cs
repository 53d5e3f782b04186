using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Committee;

namespace ReviewPortal.Application.Features.Assignment;

/// <summary>
/// The chair's preview of a run (Pages/Chair/AssignmentRun): the run as <see cref="GetAssignmentRun"/> shows it, with
/// names and titles, per-member loads, per-proposal affinity, and what changes against the live assignment
/// (added, removed, kept per proposal). Proposals the chair is conflicted on are left out, as in the API.
/// </summary>
public sealed record GetAssignmentPreview(Guid RunId) : IQuery<AssignmentPreview>;

public sealed record PreviewMember(Guid PersonId, string Name, int Load, int? MaxLoad);

public sealed record PreviewReviewer(Guid PersonId, string Name, double? Affinity, PreviewChange Change);

public enum PreviewChange { Kept, Added, Removed }

public sealed record PreviewProposal(Guid ProposalId, string Title, double MeanAffinity, IReadOnlyList<PreviewReviewer> Reviewers)
{
    public int Added => Reviewers.Count(r => r.Change == PreviewChange.Added);
    public int Removed => Reviewers.Count(r => r.Change == PreviewChange.Removed);
}

public sealed record AssignmentPreview(
    AssignmentRunView Run, string TrackName, string ConferenceName, string TimeZoneId,
    IReadOnlyList<PreviewMember> Members, IReadOnlyList<PreviewProposal> Proposals, bool HasLiveAssignments);

public sealed class GetAssignmentPreviewValidator : AbstractValidator<GetAssignmentPreview>
{
    public GetAssignmentPreviewValidator() => RuleFor(x => x.RunId).NotEmpty();
}

public sealed class GetAssignmentPreviewHandler(IApplicationDbContext db, AssignmentRunAccess runs, ProposalAccess proposals)
    : IQueryHandler<GetAssignmentPreview, AssignmentPreview>
{
    public async ValueTask<AssignmentPreview> Handle(GetAssignmentPreview query, CancellationToken cancellationToken)
    {
        var run = await runs.GetAsync(query.RunId, tracked: false, cancellationToken);
        var view = await GetAssignmentRunHandler.ViewAsync(run, proposals, cancellationToken);
        var track = await db.Tracks.AsNoTracking().Where(t => t.Id == run.TrackId)
            .Select(t => new { t.Name, Conference = t.Conference.Name, t.Conference.TimeZoneId }).SingleAsync(cancellationToken);
        var views = await proposals.GetViewsForTrackAsync(run.TrackId, cancellationToken);
        var live = (await db.ReviewAssignments.AsNoTracking().Where(a => a.TrackId == run.TrackId)
                .Select(a => new { a.SubmissionId, a.PersonId }).ToListAsync(cancellationToken))
            .Where(a => views.TryGetValue(a.SubmissionId, out var v) && v.Assignments).ToList();
        var members = await db.CommitteeMembers.AsNoTracking().IgnoreQueryFilters().Where(m => m.TrackId == run.TrackId)
            .Select(m => new { m.PersonId, m.Person.DisplayName, m.MaxLoad, m.RemovedUtc }).ToListAsync(cancellationToken);
        var names = members.GroupBy(m => m.PersonId).ToDictionary(g => g.Key, g => g.First().DisplayName);
        var proposalIds = view.Assignments.Select(a => a.ProposalId).Concat(live.Select(a => a.SubmissionId)).Distinct().ToList();
        var titles = await db.Submissions.AsNoTracking().Where(s => proposalIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Title }).ToDictionaryAsync(s => s.Id, s => s.Title, cancellationToken);

        var showDiff = view.Status == AssignmentRunStatus.Succeeded;
        var rows = proposalIds.Select(id =>
            {
                var proposed = view.Assignments.Where(a => a.ProposalId == id).ToList();
                var current = live.Where(a => a.SubmissionId == id).Select(a => a.PersonId).ToHashSet();
                var reviewers = proposed.Select(a => new PreviewReviewer(a.PersonId, names.GetValueOrDefault(a.PersonId, "?"), a.Affinity,
                        current.Contains(a.PersonId) ? PreviewChange.Kept : PreviewChange.Added))
                    .Concat(showDiff ? current.Where(p => proposed.All(a => a.PersonId != p))
                        .Select(p => new PreviewReviewer(p, names.GetValueOrDefault(p, "?"), null, PreviewChange.Removed)) : [])
                    .OrderBy(r => r.Change == PreviewChange.Removed).ThenBy(r => r.Name, StringComparer.CurrentCulture)
                    .ToList();
                return new PreviewProposal(id, titles.GetValueOrDefault(id, "?"), proposed.Count == 0 ? 0 : proposed.Average(a => a.Affinity), reviewers);
            })
            .Where(p => showDiff || p.Reviewers.Count > 0)
            .OrderBy(p => p.Title, StringComparer.CurrentCulture).ToList();
        var loads = view.Loads.ToDictionary(l => l.PersonId, l => l.Count);
        var memberRows = members.Where(m => m.RemovedUtc is null || loads.ContainsKey(m.PersonId))
            .Select(m => new PreviewMember(m.PersonId, m.DisplayName, loads.GetValueOrDefault(m.PersonId), m.MaxLoad))
            .DistinctBy(m => m.PersonId).OrderBy(m => m.Name, StringComparer.CurrentCulture).ToList();
        return new AssignmentPreview(view, track.Name, track.Conference, track.TimeZoneId, memberRows, showDiff ? rows : [], live.Count > 0);
    }
}
