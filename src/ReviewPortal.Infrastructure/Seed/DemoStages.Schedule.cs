namespace ReviewPortal.Infrastructure.Seed;

public sealed partial class DemoStages
{
    // MERGE: replaced by the real timetable run + apply + publish once those use cases are merged.
    private partial Task ScheduleAsync(Guid trackId, Guid chairId, CancellationToken cancellationToken)
    {
        LogScheduled(logger, trackId);
        return Task.CompletedTask;
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Demo: track {TrackId} scheduled")]
    private static partial void LogScheduled(Microsoft.Extensions.Logging.ILogger logger, Guid trackId);
}
