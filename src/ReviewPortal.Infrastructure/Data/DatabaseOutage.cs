using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace ReviewPortal.Infrastructure.Data;

/// <summary>
/// Which failures mean "PostgreSQL cannot be reached or refuses to serve us right now": the web layer answers them
/// with 503 and Retry-After, and the execution strategy does not retry connecting (a refused or overloaded server
/// refuses the retries too; waiting ~4 s per request only holds every user longer before the same failure).
/// </summary>
public static class DatabaseOutage
{
    /// <summary>How long clients are told to wait (Retry-After) before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    // 57P03 cannot_connect_now (starting up or shutting down), 53300 too_many_connections,
    // 57P01 admin_shutdown, 57P02 crash_shutdown, 08xxx connection exceptions.
    private static readonly HashSet<string> RefusingStates = new(StringComparer.Ordinal) { "57P03", "53300", "57P01", "57P02" };

    /// <summary>The database is unavailable (anywhere in the exception's chain, e.g. inside EF's RetryLimitExceededException).</summary>
    public static bool IsOutage(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return RefusingStates.Contains(pg.SqlState) || pg.SqlState.StartsWith("08", StringComparison.Ordinal);
                case NpgsqlException { InnerException: SocketException or IOException or TimeoutException }:
                    return true;
                case SocketException socket when IsConnectFailure(socket):
                    return true;
            }
        }

        return false;
    }

    /// <summary>The connection could not be opened or was refused at once: retrying within the request will not help.</summary>
    public static bool IsRefusal(Exception exception) => exception switch
    {
        PostgresException pg => RefusingStates.Contains(pg.SqlState),
        NpgsqlException { InnerException: SocketException socket } => IsConnectFailure(socket),
        _ => false,
    };

    private static bool IsConnectFailure(SocketException socket) => socket.SocketErrorCode is
        SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable
        or SocketError.NetworkUnreachable or SocketError.TryAgain;
}

/// <summary>Npgsql's retrying strategy (3 retries for transient failures), except when the server refuses the connection.</summary>
public sealed class OutageAwareExecutionStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, maxRetryCount: 3)
{
    protected override bool ShouldRetryOn(Exception? exception) =>
        (exception is null || !DatabaseOutage.IsRefusal(exception)) && base.ShouldRetryOn(exception);
}
