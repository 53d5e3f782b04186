using FluentValidation;
using Mediator;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Committee;

namespace ReviewPortal.Application.Features.Assignment;

/// <summary>A run as the API shows it (a contract): status, progress, result. Pairs on proposals the caller may not see the assignments of (a conflicted chair) are left out.</summary>
public sealed record GetAssignmentRun(Guid RunId) : IQuery<AssignmentRunView>;

public sealed record ProposedPair(Guid ProposalId, Guid PersonId, double Affinity);

public sealed record MemberLoadView(Guid PersonId, int Count);

public sealed record AssignmentRunView(
    Guid Id,
    Guid TrackId,
    AssignmentRunStatus Status,
    AssignmentRunMode Mode,
    int ReviewersPerProposal,
    double Progress,
    string? Stage,
    double? Objective,
    double? Bound,
    double? WorstProposalAffinity,
    string? Explanation,
    long? SolveMilliseconds,
    DateTimeOffset CreatedUtc,
    DateTimeOffset? StartedUtc,
    DateTimeOffset? FinishedUtc,
    DateTimeOffset? AppliedUtc,
    DateTimeOffset? DiscardedUtc,
    /// <summary>Proposals whose pairs are left out because the caller is conflicted on them.</summary>
    int HiddenProposals,
    IReadOnlyList<ProposedPair> Assignments,
    IReadOnlyList<MemberLoadView> Loads,
    uint Version);

public sealed class GetAssignmentRunValidator : AbstractValidator<GetAssignmentRun>
{
    public GetAssignmentRunValidator() => RuleFor(x => x.RunId).NotEmpty();
}

public sealed class GetAssignmentRunHandler(AssignmentRunAccess runs, ProposalAccess proposals) : IQueryHandler<GetAssignmentRun, AssignmentRunView>
{
    public async ValueTask<AssignmentRunView> Handle(GetAssignmentRun query, CancellationToken cancellationToken)
    {
        var run = await runs.GetAsync(query.RunId, tracked: false, cancellationToken);
        return await ViewAsync(run, proposals, cancellationToken);
    }

    /// <summary>The run through the visibility policy: only pairs on proposals whose assignments the caller may see.</summary>
    public static async Task<AssignmentRunView> ViewAsync(AssignmentRun run, ProposalAccess proposals, CancellationToken cancellationToken)
    {
        var views = await proposals.GetViewsForTrackAsync(run.TrackId, cancellationToken);
        bool Visible(Guid proposalId) => views.TryGetValue(proposalId, out var v) && v.Assignments;
        var pairs = run.Assignments.Where(a => Visible(a.ProposalId)).Select(a => new ProposedPair(a.ProposalId, a.PersonId, a.Affinity)).ToList();
        var hidden = run.Assignments.Select(a => a.ProposalId).Distinct().Count(id => !Visible(id));
        return new AssignmentRunView(run.Id, run.TrackId, run.Status, run.Mode, run.ReviewersPerProposal, run.Progress, run.Stage,
            run.Objective, run.Bound, run.WorstProposalAffinity, run.Explanation, run.SolveMilliseconds, run.CreatedUtc, run.StartedUtc,
            run.FinishedUtc, run.AppliedUtc, run.DiscardedUtc, hidden, pairs,
            run.Loads.Select(l => new MemberLoadView(l.PersonId, l.Count)).ToList(), run.Version);
    }
}
