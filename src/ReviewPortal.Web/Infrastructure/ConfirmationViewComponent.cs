using Mediator;
using Microsoft.AspNetCore.Mvc;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Features.Confirmations;
using ReviewPortal.Web.Pages.Talks;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>
/// The proposal page's confirmation section (<c>Pages/Proposals/_Confirmation.cshtml</c>): its speakers confirm or decline
/// there (the forms post to /Proposals/{id}/Confirmation), chairs see the answer, the unavailability and the absences.
/// Nothing for anyone else, or before an offer exists.
/// </summary>
public sealed class ConfirmationViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid proposalId)
    {
        try
        {
            var view = await mediator.Send(new GetProposalConfirmation(proposalId));
            var input = new ConfirmInput();
            input.PadRows();
            return View("~/Pages/Proposals/_Confirmation.cshtml", new ConfirmFormsModel(view, input, $"/Proposals/{proposalId}/Confirmation", null));
        }
        catch (NotFoundException)
        {
            return Content("");
        }
    }
}

/// <summary>The track Settings page's confirmation section (<c>Pages/Chair/_ConfirmationSettings.cshtml</c>).</summary>
public sealed class ConfirmationSettingsViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid trackId, string timeZone) =>
        View("~/Pages/Chair/_ConfirmationSettings.cshtml",
            Pages.Chair.ConfirmationSettingsForm.From(trackId, timeZone, await mediator.Send(new GetConfirmationSettings(trackId))));
}
