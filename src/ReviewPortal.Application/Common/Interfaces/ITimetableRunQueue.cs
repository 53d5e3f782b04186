namespace ReviewPortal.Application.Common.Interfaces;

/// <summary>Starts the background job of a timetable run (Hangfire in production). A run queued twice runs once.</summary>
public interface ITimetableRunQueue
{
    void Enqueue(Guid runId);
}
