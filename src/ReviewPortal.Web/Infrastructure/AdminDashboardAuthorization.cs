using Hangfire.Dashboard;
using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Web.Infrastructure;

/// <summary>The Hangfire dashboard at /jobs is for site admins only.</summary>
internal sealed class AdminDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
}
