using Mediator;
using Microsoft.AspNetCore.Mvc;
using ReviewPortal.Application.Features.Decisions;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>The released decision on the proposal page, for its speakers (<c>Pages/Proposals/_SpeakerOutcome.cshtml</c>); nothing before release.</summary>
public sealed class SpeakerOutcomeViewComponent(IMediator mediator) : ViewComponent
{
    /// <summary>
    /// A speaker's page shows a decided state only once it is released (<c>StatusForSpeakers</c>): below that the page
    /// asks nothing more, so a proposal under review costs no extra statement.
    /// </summary>
    public static bool Released(SubmissionStatus statusShownToSpeaker) => statusShownToSpeaker is SubmissionStatus.Accepted
        or SubmissionStatus.Rejected or SubmissionStatus.Waitlisted or SubmissionStatus.Confirmed or SubmissionStatus.Declined
        or SubmissionStatus.Scheduled;

    public async Task<IViewComponentResult> InvokeAsync(Guid proposalId) =>
        View("~/Pages/Proposals/_SpeakerOutcome.cshtml", await mediator.Send(new GetSpeakerOutcome(proposalId)));
}
