namespace ReviewPortal.Application.Common.Behaviours;

/// <summary>
/// Work a command hands to others once its transaction has committed (queuing a background job that reads what the
/// command wrote). Run by <see cref="TransactionBehaviour{TMessage, TResponse}"/> after the commit; dropped when the
/// command fails or is retried. An action that throws is logged, not rethrown: the command's change is committed, so
/// whatever the action starts must also be picked up by a sweeper (as the outbox's mail is).
/// </summary>
public sealed class AfterCommit
{
    private readonly List<Action> _actions = [];

    public void Add(Action action) => _actions.Add(action);

    internal IReadOnlyList<Action> Take()
    {
        var taken = _actions.ToArray();
        _actions.Clear();
        return taken;
    }
}
