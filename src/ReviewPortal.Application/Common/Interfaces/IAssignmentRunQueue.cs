namespace ReviewPortal.Application.Common.Interfaces;

/// <summary>Starts the background job of an assignment run (Hangfire in production). A run queued twice runs once.</summary>
public interface IAssignmentRunQueue
{
    void Enqueue(Guid runId);
}
