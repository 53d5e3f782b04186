using Microsoft.Extensions.DependencyInjection;

namespace ReviewPortal.Application.Features.Committee;

public static class CommitteeSetup
{
    /// <summary>The committee feature's services and its settings (section "Committee").</summary>
    public static IServiceCollection AddCommittee(this IServiceCollection services)
    {
        services.AddOptions<CommitteeOptions>().BindConfiguration(CommitteeOptions.Section)
            .Validate(o => o.InvitationExpiryDays is >= 1 and <= 365, "Committee:InvitationExpiryDays must be between 1 and 365.")
            .ValidateOnStart();
        services.AddScoped<InvitationAccess>();
        services.AddScoped<InvitationMails>();
        services.AddScoped<CommitteeConflicts>();
        return services;
    }
}
