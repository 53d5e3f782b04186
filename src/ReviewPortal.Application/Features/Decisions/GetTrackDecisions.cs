using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;

namespace ReviewPortal.Application.Features.Decisions;

/// <summary>
/// The decision of every proposal of a track the caller may decide (chair or admin; the policy's <c>DecisionDraft</c>,
/// so not those they are conflicted on), by proposal id, with the capacity: what the ranking page's decision column
/// and its forms show. Two statements besides the access checks.
/// </summary>
public sealed record GetTrackDecisions(Guid TrackId) : IQuery<TrackDecisions>;

public sealed record TrackDecisions(IReadOnlyDictionary<Guid, ProposalDecisionState> Proposals, ProgrammeCapacityInfo Capacity);

public sealed class GetTrackDecisionsValidator : AbstractValidator<GetTrackDecisions>
{
    public GetTrackDecisionsValidator() => RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
}

public sealed class GetTrackDecisionsHandler(IApplicationDbContext db, TrackAccess access, ProposalAccess proposals)
    : IQueryHandler<GetTrackDecisions, TrackDecisions>
{
    public async ValueTask<TrackDecisions> Handle(GetTrackDecisions query, CancellationToken cancellationToken)
    {
        var track = await access.ReadTrackForChairAsync(query.TrackId, cancellationToken);
        var views = await proposals.GetViewsForTrackAsync(track.Id, cancellationToken);
        var rows = await db.Submissions.AsNoTracking().Where(s => s.TrackId == track.Id)
            .Select(s => new { s.Id, s.Status, s.WaitlistRank, Released = s.DecisionReleasedUtc != null, s.DecidedUtc, s.Version })
            .ToListAsync(cancellationToken);
        var states = rows
            .Where(r => views.TryGetValue(r.Id, out var view) && view.DecisionDraft)
            .ToDictionary(r => r.Id, r => new ProposalDecisionState(r.Id, ProposalDecisionState.DecisionOf(r.Status), r.WaitlistRank, r.Released, r.DecidedUtc, r.Version));
        return new TrackDecisions(states, await ProgrammeCapacity.ReadAsync(db, track.Id, track.ProgrammeCapacity, cancellationToken));
    }
}
