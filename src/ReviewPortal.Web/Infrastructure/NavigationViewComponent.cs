using Mediator;
using Microsoft.AspNetCore.Mvc;
using ReviewPortal.Application.Features.People;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>
/// The header's navigation per role (speakers, chairs per track, committee members, admins) and, as
/// <c>part: "account"</c>, the account links with the person's name. Both come from one <see cref="GetMyNavigation"/>
/// per request, which is answered from memory on nearly every page.
/// </summary>
public sealed class NavigationViewComponent(IMediator mediator) : ViewComponent
{
    private static readonly object RequestKey = new();

    public async Task<IViewComponentResult> InvokeAsync(string part = "main") =>
        View(part == "account" ? "Account" : "Default", await ForRequestAsync());

    private async Task<MyNavigation?> ForRequestAsync()
    {
        if (User.Identity?.IsAuthenticated != true)
            return null;
        if (HttpContext.Items.TryGetValue(RequestKey, out var known))
            return (MyNavigation?)known;
        MyNavigation? navigation;
        try
        {
            navigation = await mediator.Send(new GetMyNavigation());
        }
        catch (Application.Common.Exceptions.NotFoundException)
        {
            navigation = null; // an account without a profile (should not happen) still sees the page
        }

        HttpContext.Items[RequestKey] = navigation;
        return navigation;
    }
}
