namespace ReviewPortal.Domain.Submissions;

/// <summary>
/// Draft → Submitted → (Withdrawn) → UnderReview → Accepted | Rejected | Waitlisted
/// → Confirmed | Declined → Scheduled. Decisions stay hidden until the chair releases them.
/// </summary>
public enum SubmissionStatus
{
    Draft = 0,
    Submitted = 1,
    Withdrawn = 2,
    UnderReview = 3,
    Accepted = 4,
    Rejected = 5,
    Waitlisted = 6,
    Confirmed = 7,
    Declined = 8,
    Scheduled = 9,
}

public enum SubmissionKind
{
    Talk = 0,
    /// <summary>An organisers' item such as opening remarks: on the timetable, not reviewed.</summary>
    Organisational = 1,
}
