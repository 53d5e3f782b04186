using Microsoft.Extensions.Time.Testing;
using ReviewPortal.Domain.Common;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.UnitTests.Support;

namespace ReviewPortal.UnitTests.Submissions;

public sealed class SubmissionLifecycleTests
{
    private static readonly DateTimeOffset ReviewPhaseUtc = new(2023, 9, 10, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset DecisionDayUtc = new(2023, 9, 25, 14, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider clock = new(LpcTrack.DuringCfpUtc);

    private DateTimeOffset Now => clock.GetUtcNow();

    // ----- Submit -----

    [Fact]
    public void A_new_proposal_starts_as_a_draft()
    {
        var proposal = LpcTrack.NewDraft();

        Assert.Equal(SubmissionStatus.Draft, proposal.Status);
        Assert.Null(proposal.SubmittedUtc);
    }

    [Fact]
    public void Submitting_a_draft_while_the_cfp_is_open_makes_it_submitted_and_records_when()
    {
        var proposal = LpcTrack.NewDraft();

        proposal.Submit(Now);

        Assert.Equal(SubmissionStatus.Submitted, proposal.Status);
        Assert.Equal(LpcTrack.DuringCfpUtc, proposal.SubmittedUtc);
        Assert.Equal(LpcTrack.DuringCfpUtc, proposal.UpdatedUtc);
    }

    [Fact]
    public void Submitting_one_second_before_the_cfp_closes_succeeds()
    {
        var proposal = LpcTrack.NewDraft();
        clock.SetUtcNow(LpcTrack.CfpClosesUtc.AddSeconds(-1));

        proposal.Submit(Now);

        Assert.Equal(SubmissionStatus.Submitted, proposal.Status);
    }

    [Fact]
    public void Submitting_at_the_moment_the_cfp_closes_is_refused()
    {
        var proposal = LpcTrack.NewDraft();
        clock.SetUtcNow(LpcTrack.CfpClosesUtc);

        var error = Assert.Throws<DeadlinePassedException>(() => proposal.Submit(Now));

        Assert.Equal(LpcTrack.CfpClosesUtc, error.DeadlineUtc);
        Assert.Equal(SubmissionStatus.Draft, proposal.Status);
    }

    [Fact]
    public void Submitting_after_the_cfp_closed_says_when_it_closed_in_the_conference_time_zone()
    {
        var proposal = LpcTrack.NewDraft();
        clock.SetUtcNow(LpcTrack.CfpClosesUtc.AddHours(5));

        var error = Assert.Throws<DeadlinePassedException>(() => proposal.Submit(Now));

        Assert.Contains("America/New_York", error.Message, StringComparison.Ordinal);
        // 03:59 UTC on 2 Sep is 23:59 on Friday 1 Sep in New York (summer time).
        Assert.Contains("Fri 1 Sep 2023, 23:59 UTC-04:00", error.Message, StringComparison.Ordinal);
        Assert.Contains("closed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("03:59", error.Message, StringComparison.Ordinal);
        Assert.Equal(SubmissionStatus.Draft, proposal.Status);
        Assert.Null(proposal.SubmittedUtc);
    }

    [Fact]
    public void Submitting_before_the_cfp_opens_is_refused_saying_when_it_opens()
    {
        var proposal = LpcTrack.NewDraft();
        var clockBeforeOpening = new FakeTimeProvider(LpcTrack.CfpOpensUtc.AddMinutes(-1));

        var error = Assert.Throws<DeadlinePassedException>(() => proposal.Submit(clockBeforeOpening.GetUtcNow()));

        Assert.Contains("opens on Mon 1 May 2023, 09:00 UTC-04:00 (America/New_York)", error.Message, StringComparison.Ordinal);
        Assert.Equal(SubmissionStatus.Draft, proposal.Status);
    }

    [Fact]
    public void A_proposal_cannot_be_submitted_twice()
    {
        var proposal = LpcTrack.NewDraft();
        proposal.Submit(Now);
        var firstSubmission = proposal.SubmittedUtc;
        clock.Advance(TimeSpan.FromDays(1));

        var error = Assert.Throws<InvalidStateException>(() => proposal.Submit(Now));

        Assert.Contains("submitted", error.Message, StringComparison.Ordinal);
        Assert.Equal(firstSubmission, proposal.SubmittedUtc);
    }

    [Fact]
    public void A_withdrawn_proposal_cannot_be_submitted_again()
    {
        var proposal = LpcTrack.NewDraft();
        proposal.Withdraw(Now);

        Assert.Throws<InvalidStateException>(() => proposal.Submit(Now));
        Assert.Equal(SubmissionStatus.Withdrawn, proposal.Status);
    }

    // ----- Withdraw -----

    [Fact]
    public void A_draft_can_be_withdrawn()
    {
        var proposal = LpcTrack.NewDraft();

        proposal.Withdraw(Now);

        Assert.Equal(SubmissionStatus.Withdrawn, proposal.Status);
        Assert.Equal(LpcTrack.DuringCfpUtc, proposal.WithdrawnUtc);
    }

    [Fact]
    public void A_submitted_proposal_can_be_withdrawn()
    {
        var proposal = Submitted();
        clock.Advance(TimeSpan.FromDays(2));

        proposal.Withdraw(Now);

        Assert.Equal(SubmissionStatus.Withdrawn, proposal.Status);
        Assert.Equal(LpcTrack.DuringCfpUtc.AddDays(2), proposal.WithdrawnUtc);
    }

    [Fact]
    public void A_proposal_under_review_can_be_withdrawn()
    {
        var proposal = UnderReview();

        Assert.True(proposal.CanWithdraw);
        proposal.Withdraw(Now);

        Assert.Equal(SubmissionStatus.Withdrawn, proposal.Status);
    }

    [Theory]
    [InlineData(SubmissionStatus.Accepted)]
    [InlineData(SubmissionStatus.Rejected)]
    [InlineData(SubmissionStatus.Waitlisted)]
    public void A_proposal_with_a_decision_not_yet_released_can_still_be_withdrawn(SubmissionStatus decision)
    {
        var proposal = Decided(decision, released: false);

        Assert.True(proposal.CanWithdraw);
        proposal.Withdraw(Now);

        Assert.Equal(SubmissionStatus.Withdrawn, proposal.Status);
    }

    [Theory]
    [InlineData(SubmissionStatus.Accepted)]
    [InlineData(SubmissionStatus.Rejected)]
    [InlineData(SubmissionStatus.Waitlisted)]
    public void A_proposal_whose_decision_was_released_cannot_be_withdrawn(SubmissionStatus decision)
    {
        var proposal = Decided(decision, released: true);

        Assert.False(proposal.CanWithdraw);
        var error = Assert.Throws<InvalidStateException>(() => proposal.Withdraw(Now));

        Assert.Contains("released", error.Message, StringComparison.Ordinal);
        Assert.Equal(decision, proposal.Status);
        Assert.Null(proposal.WithdrawnUtc);
    }

    [Fact]
    public void A_confirmed_talk_cannot_be_withdrawn()
    {
        var proposal = Confirmed();

        Assert.Throws<InvalidStateException>(() => proposal.Withdraw(Now));
        Assert.Equal(SubmissionStatus.Confirmed, proposal.Status);
    }

    [Fact]
    public void A_withdrawn_proposal_cannot_be_withdrawn_again()
    {
        var proposal = Submitted();
        proposal.Withdraw(Now);
        var withdrawnAt = proposal.WithdrawnUtc;
        clock.Advance(TimeSpan.FromHours(1));

        var error = Assert.Throws<InvalidStateException>(() => proposal.Withdraw(Now));

        Assert.Contains("withdrawn", error.Message, StringComparison.Ordinal);
        Assert.Equal(withdrawnAt, proposal.WithdrawnUtc);
    }

    // ----- What speakers see -----

    [Theory]
    [InlineData(SubmissionStatus.Accepted)]
    [InlineData(SubmissionStatus.Rejected)]
    [InlineData(SubmissionStatus.Waitlisted)]
    public void Speakers_see_an_unreleased_decision_as_still_under_review(SubmissionStatus decision)
    {
        var proposal = Decided(decision, released: false);

        Assert.Equal(decision, proposal.Status);
        Assert.Equal(SubmissionStatus.UnderReview, proposal.StatusForSpeakers);
        Assert.False(proposal.IsDecisionReleased);
    }

    [Theory]
    [InlineData(SubmissionStatus.Accepted)]
    [InlineData(SubmissionStatus.Rejected)]
    [InlineData(SubmissionStatus.Waitlisted)]
    public void Speakers_see_the_decision_once_it_is_released(SubmissionStatus decision)
    {
        var proposal = Decided(decision, released: true);

        Assert.Equal(decision, proposal.StatusForSpeakers);
        Assert.Equal(DecisionDayUtc, proposal.DecisionReleasedUtc);
    }

    [Fact]
    public void A_refusal_shown_to_a_speaker_does_not_leak_an_unreleased_decision()
    {
        var proposal = Decided(SubmissionStatus.Rejected, released: false);

        var submitError = Assert.Throws<InvalidStateException>(() => proposal.Submit(Now));
        var editError = Assert.Throws<InvalidStateException>(() => proposal.EnsureEditable(Now));

        Assert.Contains("under review", submitError.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rejected", submitError.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("under review", editError.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rejected", editError.Message, StringComparison.OrdinalIgnoreCase);
    }

    // ----- Review and decisions -----

    [Fact]
    public void Only_a_submitted_proposal_goes_to_review()
    {
        var draft = LpcTrack.NewDraft();
        var withdrawn = Submitted();
        withdrawn.Withdraw(Now);

        Assert.Throws<InvalidStateException>(() => draft.StartReview(Now));
        Assert.Throws<InvalidStateException>(() => withdrawn.StartReview(Now));
        Assert.Equal(SubmissionStatus.Draft, draft.Status);
        Assert.Equal(SubmissionStatus.Withdrawn, withdrawn.Status);
    }

    [Theory]
    [InlineData(SubmissionStatus.Accepted)]
    [InlineData(SubmissionStatus.Rejected)]
    [InlineData(SubmissionStatus.Waitlisted)]
    public void A_proposal_under_review_can_be_decided(SubmissionStatus decision)
    {
        var proposal = UnderReview();

        proposal.Decide(decision, null, Now);

        Assert.Equal(decision, proposal.Status);
        Assert.True(proposal.IsDecided);
        Assert.Null(proposal.DecisionReleasedUtc);
    }

    [Fact]
    public void A_proposal_not_yet_under_review_cannot_be_decided()
    {
        var draft = LpcTrack.NewDraft();
        var submitted = Submitted();

        Assert.Throws<InvalidStateException>(() => draft.Decide(SubmissionStatus.Accepted, null, Now));
        Assert.Throws<InvalidStateException>(() => submitted.Decide(SubmissionStatus.Accepted, null, Now));
        Assert.Equal(SubmissionStatus.Draft, draft.Status);
        Assert.Equal(SubmissionStatus.Submitted, submitted.Status);
    }

    [Fact]
    public void A_withdrawn_proposal_cannot_be_accepted()
    {
        var proposal = UnderReview();
        proposal.Withdraw(Now);

        var error = Assert.Throws<InvalidStateException>(() => proposal.Decide(SubmissionStatus.Accepted, null, Now));

        Assert.Contains("withdrawn", error.Message, StringComparison.Ordinal);
        Assert.Equal(SubmissionStatus.Withdrawn, proposal.Status);
    }

    [Theory]
    [InlineData(SubmissionStatus.Draft)]
    [InlineData(SubmissionStatus.Submitted)]
    [InlineData(SubmissionStatus.Withdrawn)]
    [InlineData(SubmissionStatus.UnderReview)]
    [InlineData(SubmissionStatus.Confirmed)]
    [InlineData(SubmissionStatus.Declined)]
    [InlineData(SubmissionStatus.Scheduled)]
    public void Only_accepted_rejected_or_waitlisted_is_a_decision(SubmissionStatus notADecision)
    {
        var proposal = UnderReview();

        Assert.Throws<ArgumentOutOfRangeException>(() => proposal.Decide(notADecision, null, Now));
        Assert.Equal(SubmissionStatus.UnderReview, proposal.Status);
    }

    [Fact]
    public void The_committee_can_change_its_decision_before_releasing_it()
    {
        var proposal = Decided(SubmissionStatus.Accepted, released: false);

        proposal.Decide(SubmissionStatus.Rejected, null, Now);

        Assert.Equal(SubmissionStatus.Rejected, proposal.Status);
        Assert.False(proposal.IsDecisionReleased);
    }

    [Fact]
    public void A_released_acceptance_cannot_be_turned_into_a_rejection()
    {
        var proposal = Decided(SubmissionStatus.Accepted, released: true);

        Assert.Throws<InvalidStateException>(() => proposal.Decide(SubmissionStatus.Rejected, null, Now));
        Assert.Equal(SubmissionStatus.Accepted, proposal.Status);
    }

    [Fact]
    public void A_released_rejection_cannot_be_turned_into_an_acceptance()
    {
        var proposal = Decided(SubmissionStatus.Rejected, released: true);

        Assert.Throws<InvalidStateException>(() => proposal.Decide(SubmissionStatus.Accepted, null, Now));
        Assert.Equal(SubmissionStatus.Rejected, proposal.Status);
    }

    [Fact]
    public void A_released_waitlisted_proposal_cannot_be_rejected_afterwards()
    {
        var proposal = Decided(SubmissionStatus.Waitlisted, released: true);

        Assert.Throws<InvalidStateException>(() => proposal.Decide(SubmissionStatus.Rejected, null, Now));
        Assert.Equal(SubmissionStatus.Waitlisted, proposal.Status);
    }

    [Fact]
    public void A_released_waitlisted_proposal_can_be_promoted_and_the_speaker_sees_the_acceptance_at_once()
    {
        var proposal = Decided(SubmissionStatus.Waitlisted, released: true);
        clock.Advance(TimeSpan.FromDays(7));

        proposal.Decide(SubmissionStatus.Accepted, null, Now);

        Assert.Equal(SubmissionStatus.Accepted, proposal.Status);
        Assert.Equal(SubmissionStatus.Accepted, proposal.StatusForSpeakers);
        Assert.Equal(DecisionDayUtc.AddDays(7), proposal.DecisionReleasedUtc);

        proposal.Confirm(Now);
        Assert.Equal(SubmissionStatus.Confirmed, proposal.Status);
    }

    [Fact]
    public void An_unreleased_waitlisted_proposal_promoted_to_accepted_stays_hidden_until_release()
    {
        var proposal = Decided(SubmissionStatus.Waitlisted, released: false);

        proposal.Decide(SubmissionStatus.Accepted, null, Now);

        Assert.Equal(SubmissionStatus.Accepted, proposal.Status);
        Assert.Equal(SubmissionStatus.UnderReview, proposal.StatusForSpeakers);
    }

    [Fact]
    public void Releasing_without_a_decision_is_refused()
    {
        var proposal = UnderReview();

        Assert.Throws<InvalidStateException>(() => proposal.ReleaseDecision(Now));
        Assert.Null(proposal.DecisionReleasedUtc);
    }

    [Fact]
    public void Releasing_a_decision_again_keeps_the_first_release_time()
    {
        var proposal = Decided(SubmissionStatus.Accepted, released: true);
        clock.Advance(TimeSpan.FromDays(1));

        proposal.ReleaseDecision(Now);

        Assert.Equal(DecisionDayUtc, proposal.DecisionReleasedUtc);
    }

    // ----- Speaker's answer -----

    [Fact]
    public void A_speaker_can_confirm_a_released_acceptance()
    {
        var proposal = Decided(SubmissionStatus.Accepted, released: true);

        proposal.Confirm(Now);

        Assert.Equal(SubmissionStatus.Confirmed, proposal.Status);
        Assert.Equal(SubmissionStatus.Confirmed, proposal.StatusForSpeakers);
    }

    [Fact]
    public void A_speaker_can_decline_a_released_acceptance()
    {
        var proposal = Decided(SubmissionStatus.Accepted, released: true);

        proposal.Decline(Now);

        Assert.Equal(SubmissionStatus.Declined, proposal.Status);
    }

    [Fact]
    public void An_acceptance_not_yet_released_cannot_be_confirmed_or_declined()
    {
        var proposal = Decided(SubmissionStatus.Accepted, released: false);

        Assert.Throws<InvalidStateException>(() => proposal.Confirm(Now));
        Assert.Throws<InvalidStateException>(() => proposal.Decline(Now));
        Assert.Equal(SubmissionStatus.Accepted, proposal.Status);
    }

    [Theory]
    [InlineData(SubmissionStatus.Rejected)]
    [InlineData(SubmissionStatus.Waitlisted)]
    public void Only_an_accepted_proposal_can_be_confirmed_or_declined(SubmissionStatus decision)
    {
        var proposal = Decided(decision, released: true);

        Assert.Throws<InvalidStateException>(() => proposal.Confirm(Now));
        Assert.Throws<InvalidStateException>(() => proposal.Decline(Now));
        Assert.Equal(decision, proposal.Status);
    }

    [Fact]
    public void A_proposal_under_review_cannot_be_confirmed()
    {
        var proposal = UnderReview();

        Assert.Throws<InvalidStateException>(() => proposal.Confirm(Now));
        Assert.Equal(SubmissionStatus.UnderReview, proposal.Status);
    }

    [Fact]
    public void A_confirmed_speaker_who_can_no_longer_come_can_still_decline()
    {
        var proposal = Confirmed();

        proposal.Decline(Now);

        Assert.Equal(SubmissionStatus.Declined, proposal.Status);
        Assert.Throws<InvalidStateException>(() => proposal.Confirm(Now));
    }

    // ----- Scheduling -----

    [Fact]
    public void A_confirmed_talk_can_be_scheduled()
    {
        var proposal = Confirmed();

        proposal.MarkScheduled(Now);

        Assert.Equal(SubmissionStatus.Scheduled, proposal.Status);
    }

    [Fact]
    public void An_accepted_talk_the_speaker_has_not_confirmed_cannot_be_scheduled()
    {
        var proposal = Decided(SubmissionStatus.Accepted, released: true);

        var error = Assert.Throws<InvalidStateException>(() => proposal.MarkScheduled(Now));

        Assert.Contains("confirmed", error.Message, StringComparison.Ordinal);
        Assert.Equal(SubmissionStatus.Accepted, proposal.Status);
    }

    [Fact]
    public void A_declined_talk_cannot_be_scheduled()
    {
        var proposal = Decided(SubmissionStatus.Accepted, released: true);
        proposal.Decline(Now);

        Assert.Throws<InvalidStateException>(() => proposal.MarkScheduled(Now));
        Assert.Equal(SubmissionStatus.Declined, proposal.Status);
    }

    [Fact]
    public void A_scheduled_talk_cannot_be_scheduled_twice()
    {
        var proposal = Confirmed();
        proposal.MarkScheduled(Now);

        Assert.Throws<InvalidStateException>(() => proposal.MarkScheduled(Now));
    }

    // ----- Editing -----

    [Fact]
    public void A_draft_is_editable_while_the_cfp_is_open()
    {
        var proposal = LpcTrack.NewDraft();

        Assert.True(proposal.CanEdit(Now));
        proposal.EnsureEditable(Now);
    }

    [Fact]
    public void A_submitted_proposal_is_editable_until_the_cfp_closes()
    {
        var proposal = Submitted();
        clock.SetUtcNow(LpcTrack.CfpClosesUtc.AddSeconds(-1));

        Assert.True(proposal.CanEdit(Now));
        proposal.EnsureEditable(Now);
    }

    [Fact]
    public void A_submitted_proposal_is_no_longer_editable_once_the_cfp_closed()
    {
        var proposal = Submitted();
        clock.SetUtcNow(LpcTrack.CfpClosesUtc);

        Assert.False(proposal.CanEdit(Now));
        var error = Assert.Throws<DeadlinePassedException>(() => proposal.EnsureEditable(Now));
        Assert.Contains("America/New_York", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proposal_under_review_is_not_editable_even_while_the_cfp_is_open()
    {
        var proposal = Submitted();
        proposal.StartReview(Now);

        Assert.False(proposal.CanEdit(Now));
        var error = Assert.Throws<InvalidStateException>(() => proposal.EnsureEditable(Now));
        Assert.Contains("under review", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_withdrawn_proposal_is_not_editable()
    {
        var proposal = Submitted();
        proposal.Withdraw(Now);

        Assert.False(proposal.CanEdit(Now));
        var error = Assert.Throws<InvalidStateException>(() => proposal.EnsureEditable(Now));
        Assert.Contains("withdrawn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_confirmed_talk_is_not_editable()
    {
        var proposal = Confirmed();

        Assert.False(proposal.CanEdit(Now));
        Assert.Throws<InvalidStateException>(() => proposal.EnsureEditable(Now));
    }

    // ----- Helpers: walk a proposal through the workflow on the clock -----

    private Submission Submitted()
    {
        var proposal = LpcTrack.NewDraft();
        proposal.Submit(Now);
        return proposal;
    }

    private Submission UnderReview()
    {
        var proposal = Submitted();
        clock.SetUtcNow(ReviewPhaseUtc);
        proposal.StartReview(Now);
        return proposal;
    }

    private Submission Decided(SubmissionStatus decision, bool released)
    {
        var proposal = UnderReview();
        clock.SetUtcNow(DecisionDayUtc);
        proposal.Decide(decision, null, Now);
        if (released)
            proposal.ReleaseDecision(Now);
        return proposal;
    }

    private Submission Confirmed()
    {
        var proposal = Decided(SubmissionStatus.Accepted, released: true);
        clock.Advance(TimeSpan.FromDays(3));
        proposal.Confirm(Now);
        return proposal;
    }
}
