using System.Net;
using System.Net.Sockets;

namespace ReviewPortal.IntegrationTests.Hardening;

/// <summary>
/// A loopback TCP forwarder to the test PostgreSQL that can be taken down: then it refuses new connections
/// and cuts the open ones, as a stopped or crashed database server does to the app's connection pool.
/// </summary>
public sealed class SwitchableTcpProxy : IAsyncDisposable
{
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly List<TcpClient> _open = [];
    private TcpListener _listener = new(IPAddress.Loopback, 0);
    private CancellationTokenSource _stop = new();
    private Task _accepting;

    public SwitchableTcpProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>From now on connections are refused, and the open ones are cut.</summary>
    public void Down()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_open)
        {
            foreach (var client in _open)
                client.Close();
            _open.Clear();
        }
    }

    /// <summary>The database is back: connections are accepted again on the same port.</summary>
    public async Task UpAsync()
    {
        if (!_stop.IsCancellationRequested)
            return;
        await _accepting;
        _stop.Dispose();
        _stop = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        var server = new TcpClient();
        lock (_open)
        {
            _open.Add(client);
            _open.Add(server);
        }

        try
        {
            await server.ConnectAsync(_targetHost, _targetPort, _stop.Token);
            var a = client.GetStream();
            var b = server.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            client.Close();
            server.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
            Down();
        await _accepting;
        _stop.Dispose();
    }
}
