namespace ReviewPortal.Application.Common.Interfaces;

/// <summary>Told after a commit which outbox messages it wrote, so delivery starts at once (a sweeper catches any missed).</summary>
public interface IOutboxNotifier
{
    void Committed(IReadOnlyCollection<Guid> outboxMessageIds);
}
