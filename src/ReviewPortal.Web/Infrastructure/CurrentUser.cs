using System.Security.Claims;
using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>The signed-in user of the current request; with no request (a job, start-up) it is the system.</summary>
internal sealed class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public Guid? Id =>
        Guid.TryParse(accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public bool IsSystem => accessor.HttpContext is null;

    public bool ViaApiToken => accessor.HttpContext?.User.Identity?.AuthenticationType == ApiTokenAuthentication.Scheme;

    public bool IsInRole(string role) => accessor.HttpContext?.User.IsInRole(role) ?? false;
}
