using ReviewPortal.Application.Common.Security;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.UnitTests.Security;

/// <summary>The one rule for the state a reader is shown (ProposalView.StatusShown; docs/deciding.md, "Who sees what, when").</summary>
public sealed class StatusShownTests
{
    private static ProposalView ViewOf(CommitteeRole? seat, bool creator, bool conflicted, SubmissionStatus status, bool released) =>
        ProposalPolicy.For(new ProposalFacts(true, false, creator, creator, seat, false, conflicted, status, true, BlindMode.None,
            false, OthersReviewsVisibility.AfterOwnReview, released));

    public static TheoryData<string, CommitteeRole?, bool, bool, SubmissionStatus, SubmissionStatus> Cases() => new()
    {
        // who, seat, speaker, conflicted, draft → shown, released → shown
        { "chair", CommitteeRole.Chair, false, false, SubmissionStatus.Accepted, SubmissionStatus.Accepted },
        { "speaker", null, true, false, SubmissionStatus.UnderReview, SubmissionStatus.Accepted },
        { "member", CommitteeRole.Reviewer, false, false, SubmissionStatus.UnderReview, SubmissionStatus.Accepted },
        { "conflicted member", CommitteeRole.Reviewer, false, true, SubmissionStatus.UnderReview, SubmissionStatus.UnderReview },
        { "conflicted chair", CommitteeRole.Chair, false, true, SubmissionStatus.UnderReview, SubmissionStatus.UnderReview },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_decision_is_shown_to_deciders_at_once_to_speakers_and_members_once_released_and_never_through_a_conflict(
        string who, CommitteeRole? seat, bool speaker, bool conflicted, SubmissionStatus draft, SubmissionStatus released)
    {
        Assert.True(ViewOf(seat, speaker, conflicted, SubmissionStatus.Accepted, released: false).StatusShown(SubmissionStatus.Accepted) == draft, who);
        Assert.True(ViewOf(seat, speaker, conflicted, SubmissionStatus.Accepted, released: true).StatusShown(SubmissionStatus.Accepted) == released, who);
    }

    [Theory]
    [InlineData(SubmissionStatus.Submitted)]
    [InlineData(SubmissionStatus.UnderReview)]
    [InlineData(SubmissionStatus.Withdrawn)]
    public void States_before_a_decision_are_shown_as_they_are(SubmissionStatus status) =>
        Assert.Equal(status, ViewOf(CommitteeRole.Reviewer, false, true, status, released: false).StatusShown(status));

    [Theory]
    [InlineData(SubmissionStatus.Confirmed)]
    [InlineData(SubmissionStatus.Declined)]
    [InlineData(SubmissionStatus.Scheduled)]
    public void What_followed_an_acceptance_is_hidden_like_the_acceptance(SubmissionStatus status) =>
        Assert.Equal(SubmissionStatus.UnderReview, ViewOf(CommitteeRole.Reviewer, false, true, status, released: true).StatusShown(status));
}
