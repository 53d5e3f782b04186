using Mediator;
using Microsoft.AspNetCore.Mvc;
using ReviewPortal.Application.Features.Accounts;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>The profile's "sign-in and security" section: password and e-mail links, and the list of sessions.</summary>
public sealed class AccountSecurityViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() => View(await mediator.Send(new ListMySessions()));
}
