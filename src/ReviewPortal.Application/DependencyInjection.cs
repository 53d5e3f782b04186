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
        // A validator builds its rules (expression trees, rule objects) in its constructor. One that needs nothing
        // from the request is built once; those that read the database or the current user stay per request.
        var assembly = typeof(DependencyInjection).Assembly;
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton, v => NeedsNothing(v.ValidatorType));
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Scoped, v => !NeedsNothing(v.ValidatorType));
        services.AddScoped<IEmailOutbox, EmailOutbox>();
        services.AddScoped<Common.Auditing.AuditTrail>();
        services.AddScoped<Common.Behaviours.WriteThenRead>();
        services.AddScoped<Features.Proposals.TrackAccess>();
        services.AddScoped<Features.Proposals.ProposalAccess>();
        services.AddScoped<Features.Reviews.ReviewAccess>();
        services.AddScoped<Features.Proposals.ProposalFields>();
        services.AddScoped<Features.Proposals.ProposalMails>();
        services.AddScoped<Features.Decisions.DecisionLetters>();
        services.AddScoped<Features.Decisions.ProposalDecisions>();
        services.AddScoped<Features.Conflicts.ConflictDetection>();
        services.AddScoped<Features.Conflicts.AliasRefresh>();
        services.AddSingleton<Features.People.NavigationCache>();
        services.AddCommittee();
        Features.Confirmations.ConfirmationServices.AddConfirmations(services);
        Features.Discussion.DiscussionServices.AddDiscussionAndReminders(services);
        Features.Assignment.AssignmentServices.AddAssignment(services);
        Features.Timetabling.TimetableRunServices.AddTimetableRuns(services);
        Features.Timetabling.TimetableEditorServices.AddTimetableEditor(services);
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    private static bool NeedsNothing(Type validator) =>
        validator.GetConstructors().All(c => c.GetParameters().Length == 0);
}
