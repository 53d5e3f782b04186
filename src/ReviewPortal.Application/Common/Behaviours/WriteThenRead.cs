using Mediator;

namespace ReviewPortal.Application.Common.Behaviours;

/// <summary>
/// Sends a command and reads the answer to it inside the command's own transaction, after its changes are saved
/// and before they commit (<see cref="TransactionBehaviour{TMessage,TResponse}"/> runs the read). A read sent after
/// the commit could fail on its own, a database that went away just then, and turn a change that was stored into
/// an error the client retries. So nothing runs against the database after the commit, and if the read fails the
/// change is rolled back with it: the client hears either what was stored or that nothing was.
/// </summary>
public sealed class WriteThenRead(ISender sender)
{
    private Func<object?, CancellationToken, ValueTask>? _pending;

    public async ValueTask<TAnswer> SendAsync<TResult, TAnswer>(
        ICommand<TResult> command, Func<TResult, IQuery<TAnswer>> answer, CancellationToken cancellationToken)
    {
        var read = false;
        TAnswer result = default!;
        _pending = async (commandResult, ct) =>
        {
            result = await sender.Send(answer((TResult)commandResult!), ct);
            read = true;
        };
        try
        {
            await sender.Send(command, cancellationToken);
        }
        finally
        {
            _pending = null;
        }

        // A command sent inside another one's transaction has no transaction of its own to read in.
        return read ? result : throw new InvalidOperationException($"{command.GetType().Name} did not run in a transaction of its own.");
    }

    /// <summary>The outermost command's transaction takes the read (once); nested commands and queries leave it.</summary>
    internal Func<object?, CancellationToken, ValueTask>? Take()
    {
        var pending = _pending;
        _pending = null;
        return pending;
    }
}
