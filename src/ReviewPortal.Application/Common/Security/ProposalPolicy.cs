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
    BlindMode BlindMode);

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
    bool Reviews,
    bool Discussion,
    bool DecisionDraft,
    bool EditAsSpeaker,
    bool DeclareConflictAsSpeaker,
    bool PlaceBid,
    bool DeclareConflictAsMember,
    bool BeAssigned,
    bool ManageConflicts,
    bool ManageAssignments,
    bool Decide)
{
    public static readonly ProposalView Hidden = new(ProposalRole.Anonymous, false, false, false, false, false, false, false,
        false, false, false, false, false, false, false, false, false, false, false, false, false);

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

    public static ProposalView For(ProposalFacts f)
    {
        var role = RoleOf(f);
        var speaker = f.IsCreator || f.IsNamedSpeaker;
        var draft = f.Status == SubmissionStatus.Draft;
        // The committee sees submitted work; members (not chairs) only once the review phase has started, and
        // never a withdrawn proposal.
        var chairSide = role is ProposalRole.Chair or ProposalRole.Admin;
        var memberSide = role is ProposalRole.Member or ProposalRole.AssignedMember;
        var reviewable = f.ReviewPhaseStarted && f.Status is not (SubmissionStatus.Draft or SubmissionStatus.Withdrawn);
        var committeeSees = (chairSide && !draft) || (memberSide && reviewable);
        var conflictedSees = role is ProposalRole.ConflictedMember or ProposalRole.ConflictedChair && (speaker || !draft);
        var blind = f.BlindMode == BlindMode.SpeakersHidden && memberSide;

        if (!speaker && !committeeSees && !conflictedSees)
            return ProposalView.Hidden with { Role = role };

        // A conflicted member who is also a speaker still sees their own proposal as a speaker, and nothing of the committee's.
        var full = speaker || committeeSees;
        return new ProposalView(
            Role: role,
            Exists: true,
            Title: true,
            Abstract: full,
            Speakers: speaker || (committeeSees && !blind),
            Notes: speaker || committeeSees,
            OwnBid: committeeSees && f.Status == SubmissionStatus.UnderReview,
            AllBids: chairSide && committeeSees,
            Assignments: chairSide && committeeSees || role == ProposalRole.AssignedMember && committeeSees,
            Conflicts: chairSide && committeeSees,
            Reviews: chairSide && committeeSees,
            Discussion: (chairSide || memberSide) && committeeSees,
            DecisionDraft: chairSide && committeeSees,
            EditAsSpeaker: speaker,
            DeclareConflictAsSpeaker: speaker && !draft,
            PlaceBid: (memberSide || role == ProposalRole.Chair) && reviewable && f.Status == SubmissionStatus.UnderReview,
            DeclareConflictAsMember: f.Seat is not null && !speaker && (reviewable || conflictedSees),
            BeAssigned: (memberSide || role == ProposalRole.Chair) && reviewable && f.Status == SubmissionStatus.UnderReview,
            ManageConflicts: chairSide && committeeSees,
            ManageAssignments: chairSide && committeeSees,
            Decide: chairSide && committeeSees && f.Status != SubmissionStatus.Withdrawn);
    }
}
