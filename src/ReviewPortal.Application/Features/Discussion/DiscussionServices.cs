using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.Application.Features.Proposals;

namespace ReviewPortal.Application.Features.Discussion;

public static class DiscussionServices
{
    /// <summary>The services of the discussion and the review reminders (docs/discussion-and-reminders.md).</summary>
    public static IServiceCollection AddDiscussionAndReminders(this IServiceCollection services) =>
        services.AddScoped<PeopleViews>();
}
