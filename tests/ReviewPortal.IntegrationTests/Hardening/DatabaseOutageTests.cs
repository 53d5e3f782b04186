using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using ReviewPortal.Infrastructure.Data;

namespace ReviewPortal.IntegrationTests.Hardening;

/// <summary>
/// Which database failures are an outage (503, no retry of the connection) and which are not. The refused
/// connection itself is tested end to end in <see cref="DatabaseDownTests"/>; these are the server's refusals.
/// </summary>
public sealed class DatabaseOutageTests
{
    private static PostgresException Server(string sqlState) => new("refused", "FATAL", "FATAL", sqlState);

    [Theory]
    [InlineData("57P03")] // cannot connect now: starting up or shutting down
    [InlineData("53300")] // too many connections
    [InlineData("57P01")] // admin shutdown
    public void A_server_that_refuses_is_an_outage_and_is_not_retried(string sqlState)
    {
        Assert.True(DatabaseOutage.IsOutage(Server(sqlState)));
        Assert.True(DatabaseOutage.IsRefusal(Server(sqlState)));
        // EF's wrapper after its retries, and any other wrapper (data protection), still reads as an outage.
        Assert.True(DatabaseOutage.IsOutage(new RetryLimitExceededException("retries", Server(sqlState))));
        Assert.True(DatabaseOutage.IsOutage(new InvalidOperationException("outer", new RetryLimitExceededException("retries", Server(sqlState)))));
    }

    [Fact]
    public void A_refused_socket_is_an_outage_and_is_not_retried()
    {
        var refused = new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));
        Assert.True(DatabaseOutage.IsOutage(refused));
        Assert.True(DatabaseOutage.IsRefusal(refused));
    }

    [Theory]
    [InlineData("23505")] // unique violation: a bug or a race, not an outage
    [InlineData("40001")] // serialization failure: retried, not an outage
    [InlineData("42P01")] // undefined table: not migrated
    public void Other_server_errors_are_not_an_outage(string sqlState)
    {
        Assert.False(DatabaseOutage.IsOutage(Server(sqlState)));
        Assert.False(DatabaseOutage.IsRefusal(Server(sqlState)));
        Assert.False(DatabaseOutage.IsOutage(new InvalidOperationException("a bug")));
    }
}
