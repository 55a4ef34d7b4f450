using System.Net;
using System.Net.Sockets;

namespace HelpDesk.LocalServers;

public static class FreePort
{
    /// <summary>Ports handed out here lie below Linux's default ephemeral range (32768–60999), see <see cref="Next"/>.</summary>
    private const int First = 20000;
    private const int End = 32768;

    /// <summary>A loopback TCP port free right now, picked at random below the ephemeral range.</summary>
    /// <remarks>
    /// A port the OS picks (bind to 0) comes from the ephemeral range, from which every outgoing connection also takes
    /// its local port: a broker or service stopped for a restart "on the same port" could find it taken by some client
    /// connection meanwhile and come back elsewhere, and the clients configured with the old port never reach it
    /// again (the likely cause, not reproduced, of a broker-restart test lost in a clean-clone CI run). Below the
    /// range only another listener can take it, and random picks from 12,768 ports rarely meet.
    /// </remarks>
    public static int Next()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(First, End);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
        using var any = new TcpListener(IPAddress.Loopback, 0);
        any.Start();
        return ((IPEndPoint)any.LocalEndpoint).Port;
    }

    public static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
