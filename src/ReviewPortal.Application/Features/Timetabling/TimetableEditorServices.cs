using Microsoft.Extensions.DependencyInjection;

namespace ReviewPortal.Application.Features.Timetabling;

public static class TimetableEditorServices
{
    /// <summary>The editor's and publishing's services, and the runs' settings (section "Timetabling").</summary>
    public static void AddTimetableEditor(this IServiceCollection services)
    {
        services.AddScoped<PublishMails>();
        services.AddOptions<TimetablingOptions>().BindConfiguration(TimetablingOptions.Section)
            .Validate(o => o.SolverSeconds is >= 1 and <= 3600, "Timetabling:SolverSeconds must be between 1 and 3600.")
            .ValidateOnStart();
    }
}
