using Mediator;
using Microsoft.AspNetCore.Mvc;
using ReviewPortal.Application.Features.People;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>Navigation per role: speakers, chairs (per track), committee members, admins.</summary>
public sealed class NavigationViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (User.Identity?.IsAuthenticated != true)
            return View((MyProfile?)null);
        try
        {
            return View(await mediator.Send(new GetMyProfile()));
        }
        catch (Application.Common.Exceptions.NotFoundException)
        {
            return View((MyProfile?)null); // an account without a profile (should not happen) still sees the page
        }
    }
}
