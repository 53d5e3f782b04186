using Microsoft.Extensions.DependencyInjection;

namespace ReviewPortal.Application.Features.Confirmations;

public static class ConfirmationServices
{
    public static void AddConfirmations(IServiceCollection services)
    {
        services.AddScoped<ConfirmationAccess>();
        services.AddScoped<WaitlistPromoter>();
        services.AddScoped<ChairConfirmationAccess>();
    }
}
