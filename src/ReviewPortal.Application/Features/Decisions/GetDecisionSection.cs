using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Decisions;

/// <summary>
/// The decision section of a proposal's page, as the policy lets the reader see it: deciders (the policy's
/// <c>DecisionDraft</c>) see the draft or released decision and may change it; whoever the policy's <c>Decision</c>
/// allows sees a released decision; anyone else (and everyone before release but the deciders) gets null: no section,
/// nothing that tells a decision exists. 404 as the proposal page.
/// </summary>
public sealed record GetDecisionSection(Guid ProposalId) : IQuery<DecisionSection?>;

/// <param name="CanDecide">The reader may change it here (a draft, or a released waitlist place).</param>
/// <param name="DecidedAt">When the decision was last set, in the conference's zone.</param>
public sealed record DecisionSection(ProposalDecisionState State, string StatusText, bool CanDecide, string? DecidedAt, string? ReleasedAt)
{
    /// <summary>The section for a reader whose policy view is <paramref name="view"/>; the submission with its track and conference.</summary>
    public static DecisionSection? For(Submission s, ProposalView view)
    {
        var conference = s.Track.Conference;
        var decided = ProposalDecisionState.DecisionOf(s.Status) != ProposalDecisionState.Undecided;
        if (view.DecisionDraft)
            return new DecisionSection(ProposalDecisionState.Of(s), Submission.Describe(s.Status),
                view.Decide && s.Status is not SubmissionStatus.Submitted && (!s.IsDecisionReleased || s.Status == SubmissionStatus.Waitlisted),
                s.DecidedUtc is { } at ? conference.Format(at) : null, s.DecisionReleasedUtc is { } r ? conference.Format(r) : null);
        // The committee's other members only once released, and without the version (they cannot change it). Speakers
        // read their outcome in words, with what to do next, in their own section (SpeakerOutcome), not here.
        if (view.Decision && !view.EditAsSpeaker && s.IsDecisionReleased && decided)
            return new DecisionSection(ProposalDecisionState.Of(s) with { Version = 0 }, Submission.Describe(s.Status), false, null,
                conference.Format(s.DecisionReleasedUtc!.Value));
        return null;
    }
}

public sealed class GetDecisionSectionValidator : AbstractValidator<GetDecisionSection>
{
    public GetDecisionSectionValidator() => RuleFor(x => x.ProposalId).NotEmpty().WithMessage("Choose a proposal.");
}

public sealed class GetDecisionSectionHandler(ProposalAccess access) : IQueryHandler<GetDecisionSection, DecisionSection?>
{
    public async ValueTask<DecisionSection?> Handle(GetDecisionSection query, CancellationToken cancellationToken)
    {
        var (s, view) = await access.GetForReaderAsync(query.ProposalId, cancellationToken);
        return DecisionSection.For(s, view);
    }
}
