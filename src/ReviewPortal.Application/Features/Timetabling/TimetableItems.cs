using System.Linq.Expressions;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>
/// What belongs on a track's timetable: talks whose speakers confirmed (and those already scheduled), and the
/// organisers' items (the opening), which are never reviewed. One definition for the solver, the editor's warnings,
/// publishing and the dashboard.
/// </summary>
public static class TimetableItems
{
    public static readonly Expression<Func<Submission, bool>> OnProgramme = s =>
        s.Kind == SubmissionKind.Talk
            ? s.Status == SubmissionStatus.Confirmed || s.Status == SubmissionStatus.Scheduled
            : s.Status != SubmissionStatus.Draft && s.Status != SubmissionStatus.Withdrawn;

    private static readonly Func<Submission, bool> Compiled = OnProgramme.Compile();

    public static bool IsOnProgramme(Submission submission) => Compiled(submission);
}
