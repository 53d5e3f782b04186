using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Common.Security;

/// <summary>How the caller stands to one proposal, most specific first. Each is a row of the policy's table (docs/visibility.md).</summary>
public enum ProposalRole
{
    Anonymous,
    /// <summary>Signed in, no relation to the proposal (or a committee member of another track).</summary>
    Outsider,
    /// <summary>The speaker who created the proposal.</summary>
    Speaker,
    /// <summary>Another speaker named on it, with an account.</summary>
    CoSpeaker,
    /// <summary>On the track's committee, not assigned to this proposal.</summary>
    Member,
    AssignedMember,
    /// <summary>A committee member with an active conflict on this proposal: only its title.</summary>
    ConflictedMember,
    Chair,
    /// <summary>A chair with an active conflict: treated as a conflicted member; another chair or an admin manages the proposal.</summary>
    ConflictedChair,
    /// <summary>Site admin, not on the committee or not conflicted.</summary>
    Admin,
}

/// <summary>What the policy needs to know about a caller and a proposal; loaded in one statement by <c>ProposalAccess</c>.</summary>
public sealed record ProposalFacts(
    bool SignedIn,
    bool IsAdmin,
    bool IsCreator,
    bool IsNamedSpeaker,
    CommitteeRole? Seat,
    bool IsAssigned,
    bool IsConflicted,
    SubmissionStatus Status,
    bool ReviewPhaseStarted,
    BlindMode BlindMode,
    /// <summary>The caller has submitted their own review of this proposal.</summary>
    bool OwnReviewSubmitted,
    /// <summary>The track's rule for when members see the other reviews.</summary>
    OthersReviewsVisibility OthersReviews,
    /// <summary>The chair has released the proposal's decision to its speakers.</summary>
    bool DecisionReleased);

/// <summary>
/// Which parts of a proposal the caller may see and which actions they may take. Domain rules on states and
/// deadlines (can this draft still be edited?) stay on the entities; this says who, the entities say when.
/// </summary>
public sealed record ProposalView(
    ProposalRole Role,
    /// <summary>False: the caller gets 404, as if the proposal did not exist.</summary>
    bool Exists,
    bool Title,
    bool Abstract,
    bool Speakers,
    bool Notes,
    bool OwnBid,
    bool AllBids,
    bool Assignments,
    bool Conflicts,
    /// <summary>Other people's reviews: scores, both comments, reviewer names (the caller's own review is <see cref="WriteReview"/>'s).</summary>
    bool Reviews,
    /// <summary>The comments for the speakers (no scores, no reviewer names): its speakers, once the decision is released.</summary>
    bool SpeakerComments,
    bool Discussion,
    /// <summary>The chair's decision before release (and who decided, the waitlist rank): chairs and admins only.</summary>
    bool DecisionDraft,
    /// <summary>The released decision: its speakers, and the unconflicted committee once released.</summary>
    bool Decision,
    bool EditAsSpeaker,
    bool DeclareConflictAsSpeaker,
    bool PlaceBid,
    bool DeclareConflictAsMember,
    bool BeAssigned,
    /// <summary>Write (and read) one's own review: an assigned, unconflicted member while the proposal is being reviewed; the deadline is the entity's rule.</summary>
    bool WriteReview,
    /// <summary>Reopen a review after the deadline so its reviewer can change it.</summary>
    bool ReopenReview,
    bool ManageConflicts,
    bool ManageAssignments,
    bool Decide,
    /// <summary>Confirm or decline the talk as one of its speakers: an accepted talk whose decision is released (a confirmed one can still be declined); the deadline is the confirmation's rule.</summary>
    bool AnswerAsSpeaker,
    /// <summary>Extend a talk's confirmation deadline, release an overdue slot, promote from the waitlist.</summary>
    bool ManageConfirmation,
    /// <summary>The proposal's state (submitted, under review, withdrawn …); an unreleased decision only with <see cref="DecisionDraft"/>.</summary>
    bool Status)
{
    public static readonly ProposalView Hidden = new(ProposalRole.Anonymous, false, false, false, false, false, false, false,
        false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,
        false, false, false);

    /// <summary>The caller has an active conflict on the proposal and sees only its title (unless they are also its speaker).</summary>
    public bool IsConflicted => Role is ProposalRole.ConflictedMember or ProposalRole.ConflictedChair;

    /// <summary>
    /// The state this reader may be told, for every place that shows one (pages, API, lists, exports): the real state
    /// where the policy shows the decision (a draft to <see cref="DecisionDraft"/>, a released one to <see cref="Decision"/>);
    /// otherwise a decision and what followed it (confirmed, declined, scheduled) read as still under review.
    /// </summary>
    public SubmissionStatus StatusShown(SubmissionStatus status) =>
        DecisionDraft || Decision || status is not (SubmissionStatus.Accepted or SubmissionStatus.Rejected or SubmissionStatus.Waitlisted
            or SubmissionStatus.Confirmed or SubmissionStatus.Declined or SubmissionStatus.Scheduled)
            ? status
            : SubmissionStatus.UnderReview;

    public bool IsCommitteeSide => Role is ProposalRole.Member or ProposalRole.AssignedMember or ProposalRole.Chair or ProposalRole.Admin;
}

/// <summary>
/// The one visibility policy: every "who may see or do what on this proposal" rule is here, and every query and
/// command asks it (HotCRP's per-paper permission checks). Pure, so the whole table is tested as a matrix.
/// </summary>
public static class ProposalPolicy
{
    public static ProposalRole RoleOf(ProposalFacts f)
    {
        var onCommittee = f.Seat is not null;
        if (onCommittee && f.IsConflicted)
            return f.Seat == CommitteeRole.Chair ? ProposalRole.ConflictedChair : ProposalRole.ConflictedMember;
        if (f.IsCreator)
            return ProposalRole.Speaker;
        if (f.IsNamedSpeaker)
            return ProposalRole.CoSpeaker;
        if (f.Seat == CommitteeRole.Chair)
            return ProposalRole.Chair;
        if (f.IsAdmin)
            return ProposalRole.Admin;
        if (onCommittee)
            return f.IsAssigned ? ProposalRole.AssignedMember : ProposalRole.Member;
        return f.SignedIn ? ProposalRole.Outsider : ProposalRole.Anonymous;
    }

    /// <summary>
    /// Blind review: the track hides speaker names and affiliations from this role (members, assigned or conflicted;
    /// chairs, admins and the speakers themselves see them). Every place that shows a reviewer anything about a
    /// proposal's speakers asks this (through <see cref="ProposalView.Speakers"/> where it has a view).
    /// </summary>
    public static bool HidesSpeakers(ProposalRole role, BlindMode blindMode) =>
        blindMode == BlindMode.SpeakersHidden && role is ProposalRole.Member or ProposalRole.AssignedMember or ProposalRole.ConflictedMember;

    /// <summary>
    /// Why the caller does not see the other reviews of a proposal, in words for them (null when they do, or when
    /// reviews are not theirs to ask about). The rule is <see cref="For"/>'s; this only explains its outcome.
    /// </summary>
    public static string? ReviewsHiddenReason(ProposalView view, OthersReviewsVisibility setting)
    {
        if (view.Reviews || !view.Exists)
            return null;
        if (view.IsConflicted && !view.EditAsSpeaker)
            return "You have a conflict of interest with this proposal.";
        if (view.EditAsSpeaker)
            return view.SpeakerComments ? null : "The committee's comments are shown once the decision is released.";
        if (!view.IsCommitteeSide)
            return null;
        return setting switch
        {
            OthersReviewsVisibility.AfterOwnReview when view.WriteReview => "Submit your review to see the others'.",
            OthersReviewsVisibility.AfterOwnReview => "Reviews are shown to the members who reviewed this proposal, once they submit.",
            _ => "This track does not show members the other reviews.",
        };
    }

    public static ProposalView For(ProposalFacts f)
    {
        var role = RoleOf(f);
        var speaker = f.IsCreator || f.IsNamedSpeaker;
        var draft = f.Status == SubmissionStatus.Draft;
        // The committee sees submitted work: chairs and admins at once (to manage the call), members only once the
        // review phase has started, and never a withdrawn proposal.
        var chairSide = role is ProposalRole.Chair or ProposalRole.Admin;
        var memberSide = role is ProposalRole.Member or ProposalRole.AssignedMember;
        var reviewable = f.ReviewPhaseStarted && f.Status is not (SubmissionStatus.Draft or SubmissionStatus.Withdrawn);
        var committeeSees = (chairSide && !draft) || (memberSide && reviewable);
        // A conflict hides everything but the title, and never shows more than the seat would: a conflicted member
        // learns of a proposal only when members do (review phase), a conflicted chair when chairs do.
        var conflictedSees = role switch
        {
            ProposalRole.ConflictedMember => reviewable,
            ProposalRole.ConflictedChair => !draft,
            _ => false,
        };
        var blind = HidesSpeakers(role, f.BlindMode);
        // Bids and assignments are for a seat on the committee that is neither conflicted nor the proposal's speaker
        // (an admin with a reviewer seat reviews like any member).
        var canReview = f.Seat is not null && !f.IsConflicted && !speaker && reviewable && f.Status == SubmissionStatus.UnderReview;
        // Reviews may still be written while the chair drafts decisions; a released decision ends the review.
        var decided = f.Status is SubmissionStatus.Accepted or SubmissionStatus.Rejected or SubmissionStatus.Waitlisted
            or SubmissionStatus.Confirmed or SubmissionStatus.Declined or SubmissionStatus.Scheduled;
        var reviewOpen = f.Status == SubmissionStatus.UnderReview || (decided && !f.DecisionReleased);
        var writesReview = f.Seat is not null && !f.IsConflicted && !speaker && reviewable && f.IsAssigned && reviewOpen;

        if (!speaker && !committeeSees && !conflictedSees)
            return ProposalView.Hidden with { Role = role };

        // A conflicted member who is also a speaker still sees their own proposal as a speaker, and nothing of the committee's.
        var full = speaker || committeeSees;
        var manages = chairSide && committeeSees;
        // Members see the others' reviews by the track's rule; "after their own" keeps a reviewer from anchoring on them.
        var membersSeeReviews = memberSide && committeeSees && f.OthersReviews switch
        {
            OthersReviewsVisibility.Always => true,
            OthersReviewsVisibility.AfterOwnReview => f.OwnReviewSubmitted,
            _ => false,
        };
        return new ProposalView(
            Role: role,
            Exists: true,
            Title: true,
            Abstract: full,
            Speakers: speaker || (committeeSees && !blind),
            Notes: full,
            OwnBid: canReview,
            AllBids: manages,
            Assignments: manages || (role == ProposalRole.AssignedMember && committeeSees),
            Conflicts: manages,
            Reviews: manages || membersSeeReviews,
            SpeakerComments: speaker && f.DecisionReleased,
            Discussion: committeeSees,
            DecisionDraft: manages,
            Decision: manages || (speaker && f.DecisionReleased) || (memberSide && committeeSees && f.DecisionReleased),
            EditAsSpeaker: speaker,
            DeclareConflictAsSpeaker: speaker && !draft,
            PlaceBid: canReview,
            DeclareConflictAsMember: f.Seat is not null && !speaker && (committeeSees || conflictedSees),
            BeAssigned: canReview,
            WriteReview: writesReview,
            ReopenReview: manages,
            ManageConflicts: manages,
            ManageAssignments: manages,
            Decide: manages && f.Status != SubmissionStatus.Withdrawn,
            AnswerAsSpeaker: speaker && f.DecisionReleased && f.Status is SubmissionStatus.Accepted or SubmissionStatus.Confirmed or SubmissionStatus.Scheduled,
            ManageConfirmation: manages && f.DecisionReleased
                && f.Status is SubmissionStatus.Accepted or SubmissionStatus.Confirmed or SubmissionStatus.Declined or SubmissionStatus.Waitlisted,
            Status: full);
    }
}
