using ReviewPortal.Application.Common.Security;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.UnitTests.Security;

/// <summary>
/// The visibility policy as a matrix: every role against every part and action, written as the same table as
/// docs/visibility.md (● allowed, · not), then the state and phase rules that change it.
/// </summary>
public sealed class ProposalPolicyMatrixTests
{
    /// <summary>The columns, in table order.</summary>
    private static readonly string[] Columns =
    [
        "Exists", "Title", "Abstract", "Speakers", "Notes", "Status", "OwnBid", "AllBids", "Assignments", "Conflicts", "Reviews",
        "SpeakerComments", "Discussion", "DecisionDraft", "EditAsSpeaker", "DeclareConflictAsSpeaker", "PlaceBid", "DeclareConflictAsMember",
        "BeAssigned", "WriteReview", "ReopenReview", "ManageConflicts", "ManageAssignments", "Decide",
        "Decision", "AnswerAsSpeaker", "ManageConfirmation",
    ];

    /// <summary>A submitted proposal under review (review phase started, no blind review). Same table as docs/visibility.md.</summary>
    private const string UnderReview = """
        role               | Ex Ti Ab Sp No St OB AB As Co Re SC Di DD ES DS PB DM BA WR RR MC MA De Dc AS MF
        anonymous          | ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·
        outsider           | ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·
        speaker            | ●  ●  ●  ●  ●  ●  ·  ·  ·  ·  ·  ·  ·  ·  ●  ●  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·
        co-speaker         | ●  ●  ●  ●  ●  ●  ·  ·  ·  ·  ·  ·  ·  ·  ●  ●  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·
        member             | ●  ●  ●  ●  ●  ●  ●  ·  ·  ·  ·  ·  ●  ·  ·  ·  ●  ●  ●  ·  ·  ·  ·  ·  ·  ·  ·
        assigned member    | ●  ●  ●  ●  ●  ●  ●  ·  ●  ·  ·  ·  ●  ·  ·  ·  ●  ●  ●  ●  ·  ·  ·  ·  ·  ·  ·
        conflicted member  | ●  ●  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ●  ·  ·  ·  ·  ·  ·  ·  ·  ·
        chair              | ●  ●  ●  ●  ●  ●  ●  ●  ●  ●  ●  ·  ●  ●  ·  ·  ●  ●  ●  ·  ●  ●  ●  ●  ●  ·  ·
        conflicted chair   | ●  ●  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ●  ·  ·  ·  ·  ·  ·  ·  ·  ·
        admin              | ●  ●  ●  ●  ●  ●  ·  ●  ●  ●  ●  ·  ●  ●  ·  ·  ·  ·  ·  ·  ●  ●  ●  ●  ●  ·  ·
        """;

    /// <summary>An accepted proposal whose decision the chair has released (review phase over for it). Same table as docs/visibility.md.</summary>
    private const string AcceptedAndReleased = """
        role               | Ex Ti Ab Sp No St OB AB As Co Re SC Di DD ES DS PB DM BA WR RR MC MA De Dc AS MF
        anonymous          | ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·
        outsider           | ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·
        speaker            | ●  ●  ●  ●  ●  ●  ·  ·  ·  ·  ·  ●  ·  ·  ●  ●  ·  ·  ·  ·  ·  ·  ·  ·  ●  ●  ·
        co-speaker         | ●  ●  ●  ●  ●  ●  ·  ·  ·  ·  ·  ●  ·  ·  ●  ●  ·  ·  ·  ·  ·  ·  ·  ·  ●  ●  ·
        member             | ●  ●  ●  ●  ●  ●  ·  ·  ·  ·  ·  ·  ●  ·  ·  ·  ·  ●  ·  ·  ·  ·  ·  ·  ●  ·  ·
        assigned member    | ●  ●  ●  ●  ●  ●  ·  ·  ●  ·  ·  ·  ●  ·  ·  ·  ·  ●  ·  ·  ·  ·  ·  ·  ●  ·  ·
        conflicted member  | ●  ●  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ●  ·  ·  ·  ·  ·  ·  ·  ·  ·
        chair              | ●  ●  ●  ●  ●  ●  ·  ●  ●  ●  ●  ·  ●  ●  ·  ·  ·  ●  ·  ·  ●  ●  ●  ●  ●  ·  ●
        conflicted chair   | ●  ●  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ●  ·  ·  ·  ·  ·  ·  ·  ·  ·
        admin              | ●  ●  ●  ●  ●  ●  ·  ●  ●  ●  ●  ·  ●  ●  ·  ·  ·  ·  ·  ·  ●  ●  ●  ●  ●  ·  ●
        """;

    private static ProposalFacts FactsOf(string role, SubmissionStatus status = SubmissionStatus.UnderReview, bool reviewPhase = true,
        BlindMode blind = BlindMode.None)
    {
        var f = new ProposalFacts(true, false, false, false, null, false, false, status, reviewPhase, blind,
            OwnReviewSubmitted: false, OthersReviews: OthersReviewsVisibility.AfterOwnReview, DecisionReleased: false);
        return role switch
        {
            "anonymous" => f with { SignedIn = false },
            "outsider" => f,
            "speaker" => f with { IsCreator = true, IsNamedSpeaker = true },
            "co-speaker" => f with { IsNamedSpeaker = true },
            "member" => f with { Seat = CommitteeRole.Reviewer },
            "assigned member" => f with { Seat = CommitteeRole.Reviewer, IsAssigned = true },
            "conflicted member" => f with { Seat = CommitteeRole.Reviewer, IsConflicted = true },
            "chair" => f with { Seat = CommitteeRole.Chair },
            "conflicted chair" => f with { Seat = CommitteeRole.Chair, IsConflicted = true },
            "admin" => f with { IsAdmin = true },
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
        };
    }

    private static readonly Dictionary<string, ProposalRole> Roles = new()
    {
        ["anonymous"] = ProposalRole.Anonymous, ["outsider"] = ProposalRole.Outsider, ["speaker"] = ProposalRole.Speaker,
        ["co-speaker"] = ProposalRole.CoSpeaker, ["member"] = ProposalRole.Member, ["assigned member"] = ProposalRole.AssignedMember,
        ["conflicted member"] = ProposalRole.ConflictedMember, ["chair"] = ProposalRole.Chair,
        ["conflicted chair"] = ProposalRole.ConflictedChair, ["admin"] = ProposalRole.Admin,
    };

    public static TheoryData<string> RoleNames() => new(Roles.Keys);

    private static IEnumerable<(string Role, bool[] Cells)> Rows(string table) =>
        table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).Select(line =>
        {
            var parts = line.Split('|', StringSplitOptions.TrimEntries);
            var cells = parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => c == "●").ToArray();
            Assert.Equal(Columns.Length, cells.Length);
            return (parts[0], cells);
        });

    private static bool[] Cells(ProposalView view) =>
        Columns.Select(c => (bool)typeof(ProposalView).GetProperty(c)!.GetValue(view)!).ToArray();

    private static void AssertRow(string role, bool[] expected, ProposalView view)
    {
        var actual = Cells(view);
        var wrong = Columns.Where((_, i) => expected[i] != actual[i]).Select((c, _) => c).ToList();
        Assert.True(wrong.Count == 0, $"{role}: {string.Join(", ", wrong.Select(c => $"{c} should be {expected[Array.IndexOf(Columns, c)]}"))}");
    }

    [Theory]
    [MemberData(nameof(RoleNames))]
    public void Under_review_each_role_sees_and_does_what_the_table_says(string role)
    {
        var (_, cells) = Rows(UnderReview).Single(r => r.Role == role);
        var view = ProposalPolicy.For(FactsOf(role));
        Assert.Equal(Roles[role], view.Role);
        AssertRow(role, cells, view);
    }

    [Theory]
    [MemberData(nameof(RoleNames))]
    public void Once_an_acceptance_is_released_each_role_sees_and_does_what_the_table_says(string role)
    {
        var (_, cells) = Rows(AcceptedAndReleased).Single(r => r.Role == role);
        var view = ProposalPolicy.For(FactsOf(role, SubmissionStatus.Accepted) with { DecisionReleased = true });
        AssertRow(role, cells, view);
    }

    [Theory]
    [InlineData("speaker")]
    [InlineData("member")]
    [InlineData("assigned member")]
    [InlineData("conflicted member")]
    [InlineData("conflicted chair")]
    public void A_draft_decision_is_the_chairs_alone(string role)
    {
        var view = ProposalPolicy.For(FactsOf(role, SubmissionStatus.Rejected));
        Assert.False(view.Decision || view.DecisionDraft || view.AnswerAsSpeaker, role);
    }

    [Theory]
    [InlineData(SubmissionStatus.Accepted, true)]
    [InlineData(SubmissionStatus.Confirmed, true)]
    [InlineData(SubmissionStatus.Scheduled, true)]
    [InlineData(SubmissionStatus.Declined, false)]
    [InlineData(SubmissionStatus.Rejected, false)]
    [InlineData(SubmissionStatus.Waitlisted, false)]
    public void Speakers_answer_an_accepted_talk_and_can_still_give_up_a_confirmed_or_scheduled_one(SubmissionStatus status, bool answers)
    {
        Assert.Equal(answers, ProposalPolicy.For(FactsOf("co-speaker", status) with { DecisionReleased = true }).AnswerAsSpeaker);
        Assert.False(ProposalPolicy.For(FactsOf("chair", status) with { DecisionReleased = true }).AnswerAsSpeaker);
    }

    [Fact]
    public void The_table_names_every_role_and_every_part_and_action_of_the_view()
    {
        Assert.Equal(Enum.GetValues<ProposalRole>().Order(), Rows(UnderReview).Select(r => Roles[r.Role]).Order());
        var boolParts = typeof(ProposalView).GetProperties().Where(p => p.PropertyType == typeof(bool) && p.GetSetMethod() is not null)
            .Select(p => p.Name).Order();
        Assert.Equal(boolParts, Columns.Order());
    }

    [Theory]
    [InlineData("member")]
    [InlineData("assigned member")]
    [InlineData("conflicted member")]
    [InlineData("chair")]
    [InlineData("conflicted chair")]
    [InlineData("admin")]
    [InlineData("outsider")]
    public void A_draft_is_its_speakers_alone(string role) => Assert.False(ProposalPolicy.For(FactsOf(role, SubmissionStatus.Draft)).Exists);

    [Fact]
    public void A_speaker_edits_a_draft_but_declares_conflicts_only_once_it_is_submitted()
    {
        var view = ProposalPolicy.For(FactsOf("co-speaker", SubmissionStatus.Draft));
        Assert.True(view.Exists && view.Abstract && view.Notes && view.EditAsSpeaker);
        Assert.False(view.DeclareConflictAsSpeaker);
    }

    [Theory]
    [InlineData("member", false)]
    [InlineData("assigned member", false)]
    [InlineData("conflicted member", false)]
    [InlineData("chair", true)]
    [InlineData("conflicted chair", true)]
    [InlineData("admin", true)]
    [InlineData("speaker", true)]
    public void A_withdrawn_proposal_is_gone_for_members_and_cannot_be_decided(string role, bool exists)
    {
        var view = ProposalPolicy.For(FactsOf(role, SubmissionStatus.Withdrawn));
        Assert.Equal(exists, view.Exists);
        Assert.False(view.Decide);
        Assert.False(view.PlaceBid || view.BeAssigned);
    }

    [Fact]
    public void Before_the_review_phase_members_see_nothing_and_chairs_see_the_submissions_but_nobody_bids()
    {
        foreach (var role in new[] { "member", "assigned member", "conflicted member" })
            Assert.False(ProposalPolicy.For(FactsOf(role, SubmissionStatus.Submitted, reviewPhase: false)).Exists, role);
        var chair = ProposalPolicy.For(FactsOf("chair", SubmissionStatus.Submitted, reviewPhase: false));
        Assert.True(chair.Abstract && chair.Notes && chair.ManageConflicts && chair.DeclareConflictAsMember);
        Assert.False(chair.PlaceBid || chair.BeAssigned || chair.OwnBid);
        var conflicted = ProposalPolicy.For(FactsOf("conflicted chair", SubmissionStatus.Submitted, reviewPhase: false));
        Assert.True(conflicted.Title);
        Assert.False(conflicted.Abstract || conflicted.ManageConflicts);
    }

    [Fact]
    public void In_blind_review_members_do_not_see_the_speakers_but_chairs_and_the_speakers_do()
    {
        Assert.False(ProposalPolicy.For(FactsOf("member", blind: BlindMode.SpeakersHidden)).Speakers);
        Assert.False(ProposalPolicy.For(FactsOf("assigned member", blind: BlindMode.SpeakersHidden)).Speakers);
        Assert.True(ProposalPolicy.For(FactsOf("member", blind: BlindMode.SpeakersHidden)).Abstract);
        Assert.True(ProposalPolicy.For(FactsOf("chair", blind: BlindMode.SpeakersHidden)).Speakers);
        Assert.True(ProposalPolicy.For(FactsOf("speaker", blind: BlindMode.SpeakersHidden)).Speakers);
    }

    [Fact]
    public void A_committee_member_who_is_a_speaker_sees_their_proposal_as_a_speaker_and_never_reviews_it()
    {
        var view = ProposalPolicy.For(FactsOf("conflicted chair") with { IsCreator = true, IsNamedSpeaker = true });
        Assert.True(view.Abstract && view.Notes && view.EditAsSpeaker);
        Assert.False(view.ManageConflicts || view.AllBids || view.DecisionDraft || view.PlaceBid || view.BeAssigned || view.DeclareConflictAsMember);
        var unconflicted = ProposalPolicy.For(FactsOf("chair") with { IsNamedSpeaker = true });
        Assert.Equal(ProposalRole.CoSpeaker, unconflicted.Role);
        Assert.False(unconflicted.ManageConflicts || unconflicted.PlaceBid || unconflicted.BeAssigned);
    }

    [Fact]
    public void An_admin_with_a_reviewer_seat_bids_and_can_be_assigned_and_a_conflicted_one_sees_only_the_title()
    {
        var seated = ProposalPolicy.For(FactsOf("admin") with { Seat = CommitteeRole.Reviewer });
        Assert.True(seated.PlaceBid && seated.BeAssigned && seated.ManageConflicts);
        var conflicted = ProposalPolicy.For(FactsOf("admin") with { Seat = CommitteeRole.Reviewer, IsConflicted = true });
        Assert.Equal(ProposalRole.ConflictedMember, conflicted.Role);
        Assert.False(conflicted.Abstract || conflicted.ManageConflicts);
    }

    [Fact]
    public void Bids_and_assignment_are_only_while_the_proposal_is_under_review()
    {
        var submitted = ProposalPolicy.For(FactsOf("member", SubmissionStatus.Submitted));
        Assert.True(submitted.Abstract);
        Assert.False(submitted.PlaceBid || submitted.BeAssigned);
    }

    [Theory]
    [InlineData(OthersReviewsVisibility.AfterOwnReview, false, false)]
    [InlineData(OthersReviewsVisibility.AfterOwnReview, true, true)]
    [InlineData(OthersReviewsVisibility.Always, false, true)]
    [InlineData(OthersReviewsVisibility.Never, true, false)]
    public void An_assigned_member_sees_the_other_reviews_as_the_track_setting_says(OthersReviewsVisibility setting, bool ownSubmitted, bool sees)
    {
        var view = ProposalPolicy.For(FactsOf("assigned member") with { OthersReviews = setting, OwnReviewSubmitted = ownSubmitted });
        Assert.Equal(sees, view.Reviews);
        Assert.True(view.WriteReview);
    }

    [Fact]
    public void An_unassigned_member_sees_reviews_only_when_the_track_shows_them_always_and_writes_none()
    {
        Assert.False(ProposalPolicy.For(FactsOf("member")).Reviews);
        var always = ProposalPolicy.For(FactsOf("member") with { OthersReviews = OthersReviewsVisibility.Always });
        Assert.True(always.Reviews);
        Assert.False(always.WriteReview);
    }

    [Theory]
    [InlineData("conflicted member")]
    [InlineData("conflicted chair")]
    public void A_conflicted_member_never_sees_reviews_whatever_the_setting(string role)
    {
        var view = ProposalPolicy.For(FactsOf(role) with
        {
            IsAssigned = true, OwnReviewSubmitted = true, OthersReviews = OthersReviewsVisibility.Always,
        });
        Assert.False(view.Reviews || view.WriteReview || view.ReopenReview || view.Discussion);
    }

    [Fact]
    public void The_chair_sees_every_review_even_when_the_track_hides_them_from_members_and_reviews_when_assigned()
    {
        var view = ProposalPolicy.For(FactsOf("chair") with { OthersReviews = OthersReviewsVisibility.Never });
        Assert.True(view.Reviews && view.ReopenReview);
        Assert.False(view.WriteReview);
        Assert.True(ProposalPolicy.For(FactsOf("chair") with { IsAssigned = true }).WriteReview);
    }

    [Theory]
    [InlineData("speaker")]
    [InlineData("co-speaker")]
    public void Speakers_read_the_comments_for_them_only_after_the_decision_is_released_and_never_the_reviews(string role)
    {
        Assert.False(ProposalPolicy.For(FactsOf(role, SubmissionStatus.Accepted)).SpeakerComments);
        var released = ProposalPolicy.For(FactsOf(role, SubmissionStatus.Accepted) with { DecisionReleased = true });
        Assert.True(released.SpeakerComments);
        Assert.False(released.Reviews);
    }

    [Fact]
    public void Reviews_can_be_written_while_decisions_are_drafts_and_not_after_their_release()
    {
        Assert.True(ProposalPolicy.For(FactsOf("assigned member", SubmissionStatus.Accepted)).WriteReview);
        Assert.False(ProposalPolicy.For(FactsOf("assigned member", SubmissionStatus.Accepted) with { DecisionReleased = true }).WriteReview);
        Assert.False(ProposalPolicy.For(FactsOf("assigned member", SubmissionStatus.Withdrawn)).WriteReview);
    }
}
