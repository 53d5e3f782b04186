using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.Application.Features.Committee;
using ReviewPortal.Application.Common.Mail;

namespace ReviewPortal.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Validators and application services. The mediator itself (source-generated) and its pipeline
    /// are registered by the composition root, where the generator runs.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        Common.Validation.PlainMessages.Configure();
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Scoped);
        services.AddScoped<IEmailOutbox, EmailOutbox>();
        services.AddScoped<Common.Auditing.AuditTrail>();
        services.AddScoped<Features.Proposals.TrackAccess>();
        services.AddScoped<Features.Proposals.ProposalAccess>();
        services.AddScoped<Features.Proposals.ProposalFields>();
        services.AddScoped<Features.Proposals.ProposalMails>();
        services.AddScoped<Features.Conflicts.ConflictDetection>();
        services.AddScoped<Features.Conflicts.AliasRefresh>();
        services.AddSingleton<Features.People.NavigationCache>();
        services.AddCommittee();
        Features.Assignment.AssignmentServices.AddAssignment(services);
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
