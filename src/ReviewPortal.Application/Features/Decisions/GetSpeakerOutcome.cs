using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Decisions;

/// <summary>
/// The released decision of a proposal as its speakers read it on their page ("Accepted — please confirm by …", "On the
/// waitlist, place 2", "Not accepted"). Nothing (<see cref="SpeakerOutcome.Shown"/> false) for anyone but its speakers,
/// and before release (the policy's <c>Decision</c> part: speakers see "under review" until then).
/// </summary>
public sealed record GetSpeakerOutcome(Guid ProposalId) : IQuery<SpeakerOutcome>;

/// <param name="Headline">The outcome in words.</param>
/// <param name="ConfirmDue">Accepted and not yet answered: the deadline in the conference's zone (null: no deadline).</param>
/// <param name="AwaitsAnswer">Accepted, not yet confirmed or declined: the page points to the confirm section.</param>
public sealed record SpeakerOutcome(bool Shown, SubmissionStatus Status, string Headline, string? ConfirmDue, bool AwaitsAnswer, string? ReleasedAt)
{
    public static readonly SpeakerOutcome None = new(false, SubmissionStatus.UnderReview, "", null, false, null);
}

public sealed class GetSpeakerOutcomeHandler(IApplicationDbContext db, ProposalAccess access) : IQueryHandler<GetSpeakerOutcome, SpeakerOutcome>
{
    public async ValueTask<SpeakerOutcome> Handle(GetSpeakerOutcome query, CancellationToken cancellationToken)
    {
        var view = ProposalPolicy.For(await access.GetFactsAsync(query.ProposalId, cancellationToken));
        if (!view.Decision || !view.EditAsSpeaker)
            return SpeakerOutcome.None;
        var row = await db.Submissions.AsNoTracking()
            .Where(s => s.Id == query.ProposalId && s.DecisionReleasedUtc != null)
            .Select(s => new
            {
                s.Status,
                s.WaitlistRank,
                s.DecisionReleasedUtc,
                s.Track.ConfirmationDeadlineUtc,
                Conference = s.Track.Conference,
                Extended = db.SpeakerConfirmations.Where(c => c.SubmissionId == s.Id).Select(c => c.ExtendedUntilUtc).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
            return SpeakerOutcome.None;
        var due = (row.Extended ?? row.ConfirmationDeadlineUtc) is { } d ? row.Conference.Format(d) : null;
        return new SpeakerOutcome(true, row.Status, SpeakerOutcomeText.Headline(row.Status, row.WaitlistRank, due),
            row.Status == SubmissionStatus.Accepted ? due : null, row.Status == SubmissionStatus.Accepted,
            row.Conference.Format(row.DecisionReleasedUtc!.Value));
    }
}

/// <summary>One wording of a released decision for speakers, shared by their proposal page and "My proposals".</summary>
public static class SpeakerOutcomeText
{
    public static string Headline(SubmissionStatus status, int? waitlistRank, string? confirmDue) => status switch
    {
        SubmissionStatus.Accepted => confirmDue is null ? "Accepted — please confirm that you will give the talk" : $"Accepted — please confirm by {confirmDue}",
        SubmissionStatus.Confirmed => "Accepted and confirmed",
        SubmissionStatus.Declined => "Accepted, and declined by its speakers",
        SubmissionStatus.Scheduled => "Accepted, confirmed and scheduled",
        SubmissionStatus.Waitlisted => waitlistRank is { } place ? $"On the waitlist, place {place}" : "On the waitlist",
        SubmissionStatus.Rejected => "Not accepted",
        _ => "Under review",
    };
}
