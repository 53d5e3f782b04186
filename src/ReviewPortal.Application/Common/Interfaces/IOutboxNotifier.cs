namespace ReviewPortal.Application.Common.Interfaces;

/// <summary>Starts delivery of committed outbox mail (a sweeper catches any it missed).</summary>
public interface IOutboxNotifier
{
    /// <summary>Queues delivery of mail a commit wrote. May throw when the job storage is unreachable; the mail is in the outbox anyway.</summary>
    void Committed(IReadOnlyCollection<Guid> outboxMessageIds);

    /// <summary>Runs now the deliveries waiting for a retry of any of <paramref name="outboxMessageIds"/>; returns how many were started.</summary>
    int RetryNow(IReadOnlyCollection<Guid> outboxMessageIds);
}
