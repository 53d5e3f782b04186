using ReviewPortal.Application.Common.Security;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.UnitTests.Security;

/// <summary>The policy's explanations for the reading side: who a blind track hides speakers from, and why reviews are hidden.</summary>
public sealed class ReviewReadingPolicyTests
{
    private static ProposalFacts Facts(CommitteeRole? seat = null, bool assigned = false, bool conflicted = false, bool creator = false,
        OthersReviewsVisibility setting = OthersReviewsVisibility.AfterOwnReview, bool ownSubmitted = false, bool released = false,
        SubmissionStatus status = SubmissionStatus.UnderReview) =>
        new(true, false, creator, creator, seat, assigned, conflicted, status, true, BlindMode.SpeakersHidden, ownSubmitted, setting, released);

    [Theory]
    [InlineData(ProposalRole.Member, true)]
    [InlineData(ProposalRole.AssignedMember, true)]
    [InlineData(ProposalRole.ConflictedMember, true)]
    [InlineData(ProposalRole.Chair, false)]
    [InlineData(ProposalRole.ConflictedChair, false)]
    [InlineData(ProposalRole.Admin, false)]
    [InlineData(ProposalRole.Speaker, false)]
    public void A_blind_track_hides_the_speakers_from_reviewers_only(ProposalRole role, bool hidden)
    {
        Assert.Equal(hidden, ProposalPolicy.HidesSpeakers(role, BlindMode.SpeakersHidden));
        Assert.False(ProposalPolicy.HidesSpeakers(role, BlindMode.None));
    }

    [Fact]
    public void Each_reader_is_told_why_the_reviews_are_hidden_and_nobody_who_reads_them()
    {
        string? Why(ProposalFacts f) => ProposalPolicy.ReviewsHiddenReason(ProposalPolicy.For(f), f.OthersReviews);
        Assert.Equal("Submit your review to see the others'.", Why(Facts(CommitteeRole.Reviewer, assigned: true)));
        Assert.Null(Why(Facts(CommitteeRole.Reviewer, assigned: true, ownSubmitted: true)));
        Assert.Equal("This track does not show members the other reviews.", Why(Facts(CommitteeRole.Reviewer, assigned: true, setting: OthersReviewsVisibility.Never)));
        Assert.NotNull(Why(Facts(CommitteeRole.Reviewer)));
        Assert.Equal("You have a conflict of interest with this proposal.", Why(Facts(CommitteeRole.Reviewer, conflicted: true, setting: OthersReviewsVisibility.Always)));
        Assert.Null(Why(Facts(CommitteeRole.Chair, setting: OthersReviewsVisibility.Never)));
        Assert.Equal("The committee's comments are shown once the decision is released.", Why(Facts(creator: true)));
        Assert.Null(Why(Facts(creator: true, released: true, status: SubmissionStatus.Accepted)));
        Assert.Null(Why(Facts()));
    }
}
