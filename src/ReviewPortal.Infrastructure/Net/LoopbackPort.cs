using System.Net;
using System.Net.Sockets;

namespace ReviewPortal.Infrastructure.Net;

/// <summary>Ports on 127.0.0.1, for the servers this project starts itself (local PostgreSQL, test SMTP, test app).</summary>
public static class LoopbackPort
{
    /// <summary>A port nothing listens on right now (the OS picks it).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
