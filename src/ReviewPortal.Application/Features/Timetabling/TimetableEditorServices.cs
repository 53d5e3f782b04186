using Microsoft.Extensions.DependencyInjection;

namespace ReviewPortal.Application.Features.Timetabling;

public static class TimetableEditorServices
{
    /// <summary>The editor's and publishing's services (the grid and runs register theirs elsewhere).</summary>
    public static void AddTimetableEditor(this IServiceCollection services)
    {
        services.AddScoped<PublishMails>();
    }
}
