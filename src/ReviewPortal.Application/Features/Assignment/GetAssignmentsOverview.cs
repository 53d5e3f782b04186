using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.Planning.Assignment;

namespace ReviewPortal.Application.Features.Assignment;

/// <summary>
/// The chair's assignments page (Pages/Chair/Assignments): review phase, recent runs, proposals × assigned members and
/// loads. A proposal the chair is conflicted on shows only its title (the policy), and manual changes on it are not offered.
/// </summary>
public sealed record GetAssignmentsOverview(Guid TrackId) : IQuery<AssignmentsOverview>;

public sealed record OverviewMember(Guid PersonId, string Name, int Load, int? MaxLoad);

public sealed record OverviewAssignee(Guid PersonId, string Name, AssignmentSource Source);

public sealed record OverviewProposal(Guid ProposalId, string Title, bool Manageable, IReadOnlyList<OverviewAssignee> Assigned, IReadOnlyList<Guid> Assignable);

public sealed record OverviewRun(Guid Id, AssignmentRunStatus Status, AssignmentRunMode Mode, int ReviewersPerProposal, DateTimeOffset CreatedUtc, DateTimeOffset? AppliedUtc, DateTimeOffset? DiscardedUtc);

public sealed record AssignmentsOverview(
    Guid TrackId, string TrackName, string ConferenceName, string TimeZoneId, DateTimeOffset? ReviewPhaseStartedUtc, string CfpState,
    int ReviewersPerProposal, int BalancedMaxLoad, int SubmittedProposals,
    IReadOnlyList<OverviewMember> Members, IReadOnlyList<OverviewProposal> Proposals, IReadOnlyList<OverviewRun> Runs);

public sealed class GetAssignmentsOverviewValidator : AbstractValidator<GetAssignmentsOverview>
{
    public GetAssignmentsOverviewValidator() => RuleFor(x => x.TrackId).NotEmpty();
}

public sealed class GetAssignmentsOverviewHandler(IApplicationDbContext db, TrackAccess tracks, ProposalAccess proposals, TimeProvider clock)
    : IQueryHandler<GetAssignmentsOverview, AssignmentsOverview>
{
    public async ValueTask<AssignmentsOverview> Handle(GetAssignmentsOverview query, CancellationToken cancellationToken)
    {
        var track = await tracks.ReadTrackForChairAsync(query.TrackId, cancellationToken);
        var views = await proposals.GetViewsForTrackAsync(track.Id, cancellationToken);
        var inputs = await AssignmentInputs.ReadAsync(db, track.Id, withBids: false, cancellationToken);
        var submitted = await db.Submissions.CountAsync(s => s.TrackId == track.Id && s.Status == SubmissionStatus.Submitted, cancellationToken);
        var runs = await db.AssignmentRuns.AsNoTracking().Where(r => r.TrackId == track.Id).OrderByDescending(r => r.CreatedUtc).Take(10)
            .Select(r => new OverviewRun(r.Id, r.Status, r.Mode, r.ReviewersPerProposal, r.CreatedUtc, r.AppliedUtc, r.DiscardedUtc))
            .ToListAsync(cancellationToken);
        var names = inputs.Members.ToDictionary(m => m.PersonId, m => m.Name);
        var rows = new List<OverviewProposal>();
        foreach (var p in inputs.Proposals)
        {
            if (!views.TryGetValue(p.Id, out var view))
                continue;
            if (!view.Assignments)
            {
                rows.Add(new OverviewProposal(p.Id, p.Title, false, [], []));
                continue;
            }

            var assigned = inputs.Assignments.Where(a => a.ProposalId == p.Id)
                .Select(a => new OverviewAssignee(a.PersonId, names.GetValueOrDefault(a.PersonId, "(no longer on the committee)"), a.Source))
                .OrderBy(a => a.Name, StringComparer.CurrentCulture).ToList();
            var assignable = inputs.Members.Where(m => inputs.Allowed(p, m) && assigned.All(a => a.PersonId != m.PersonId)).Select(m => m.PersonId).ToList();
            rows.Add(new OverviewProposal(p.Id, p.Title, view.ManageAssignments, assigned, assignable));
        }

        var members = inputs.Members.Select(m => new OverviewMember(m.PersonId, m.Name, inputs.Assignments.Count(a => a.PersonId == m.PersonId), m.MaxLoad)).ToList();
        var balanced = LoadBounds.Balanced(inputs.Proposals.Count, track.ReviewersPerSubmission, Math.Max(members.Count, 1)).Max;
        return new AssignmentsOverview(track.Id, track.Name, track.Conference.Name, track.Conference.TimeZoneId, track.ReviewPhaseStartedUtc,
            track.DescribeCfp(clock.GetUtcNow()), track.ReviewersPerSubmission, balanced, submitted, members, rows, runs);
    }
}
