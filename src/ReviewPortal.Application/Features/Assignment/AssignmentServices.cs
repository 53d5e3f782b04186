using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.Application.Common.Behaviours;

namespace ReviewPortal.Application.Features.Assignment;

public static class AssignmentServices
{
    /// <summary>The helpers of bidding and assignment (the handlers are found by the mediator's generator).</summary>
    public static IServiceCollection AddAssignment(this IServiceCollection services)
    {
        services.AddScoped<AfterCommit>();
        services.AddScoped<AssignmentRunAccess>();
        services.AddScoped<AssignmentMails>();
        services.AddScoped<ManualAssignment>();
        return services;
    }
}
