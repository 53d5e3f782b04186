using System.Security.Claims;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>
/// The signed-in user of the current request; with no request (a job, start-up) it is the system, or the person a
/// start-up task acts as (<see cref="ActingUser"/>).
/// </summary>
internal sealed class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public Guid? Id => accessor.HttpContext is null
        ? ActingUser.Current?.Id
        : Guid.TryParse(accessor.HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public bool IsSystem => accessor.HttpContext is null && ActingUser.Current is null;

    public bool ViaApiToken => accessor.HttpContext?.User.Identity?.AuthenticationType == ApiTokenAuthentication.Scheme;

    public bool IsInRole(string role) => accessor.HttpContext is null
        ? ActingUser.Current?.Roles.Contains(role, StringComparer.Ordinal) ?? false
        : accessor.HttpContext.User.IsInRole(role);
}
