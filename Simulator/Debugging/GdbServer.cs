using System.Net;
using System.Net.Sockets;
using M7Sim.Simulation;

namespace M7Sim.Debugging;

/// <summary>How <see cref="GdbServer"/> behaves.</summary>
internal sealed class GdbServerOptions
{
    /// <summary>Where the firmware's console goes: null sends it to GDB's console as 'O' packets.</summary>
    public Stream? FirmwareStdout { get; init; }

    /// <summary>Packet log (both directions), for troubleshooting a client.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>Serve one client, then stop (otherwise each new client gets a freshly reset target).</summary>
    public bool Once { get; init; }

    /// <summary>Stop at fault handler entry (monitor catch-faults).</summary>
    public bool CatchFaults { get; init; } = true;

    /// <summary>Instructions per run slice between polls for Ctrl-C.</summary>
    public ulong SliceInstructions { get; init; } = 200_000;
}

/// <summary>
/// A GDB remote stub (Remote Serial Protocol over TCP) for one simulated machine. Binds to
/// 127.0.0.1 unless told otherwise: the protocol has no authentication and can write memory.
/// Clients are served one at a time; each new client finds the target reset.
/// </summary>
internal sealed class GdbServer : IDisposable
{
    private readonly Machine _machine;
    private readonly GdbConsole _console;
    private readonly GdbServerOptions _options;
    private TcpListener? _listener;

    /// <param name="createMachine">Builds the machine; its argument is the stream the firmware's console must write to.</param>
    public GdbServer(Func<Stream, Machine> createMachine, GdbServerOptions? options = null)
    {
        _options = options ?? new GdbServerOptions();
        _console = new GdbConsole(_options.FirmwareStdout);
        _machine = createMachine(_console);
    }

    public Machine Machine => _machine;

    /// <summary>The bound port (useful after binding port 0).</summary>
    public int Port => _listener?.LocalEndpoint is IPEndPoint ep ? ep.Port : 0;

    /// <summary>Exit code of the firmware when it exited in the last session.</summary>
    public int? FirmwareExitCode { get; private set; }

    /// <summary>Binds and listens; port 0 picks a free one.</summary>
    public void Start(int port, IPAddress? address = null)
    {
        _listener = new TcpListener(address ?? IPAddress.Loopback, port);
        _listener.Start(1);
    }

    /// <summary>Accepts clients until cancelled (or after the first with <see cref="GdbServerOptions.Once"/>).</summary>
    public void Serve(CancellationToken cancel)
    {
        bool first = true;
        while (!cancel.IsCancellationRequested)
        {
            Socket client;
            try { client = _listener!.AcceptSocketAsync(cancel).AsTask().GetAwaiter().GetResult(); }
            catch (OperationCanceledException) { return; }
            catch (SocketException) when (cancel.IsCancellationRequested) { return; }
            if (!first) _machine.Reset();
            first = false;
            // Cancelling ends the session too: closing the socket makes its next read fail.
            using (cancel.Register(client.Dispose)) ServeClient(client);
            if (_options.Once) return;
        }
    }

    /// <summary>Runs one session on an accepted socket.</summary>
    public SessionEnd ServeClient(Socket client)
    {
        using var conn = new RspConnection(client);
        var session = new GdbSession(_machine, conn, _console, _options.Log)
        {
            CatchFaults = _options.CatchFaults,
            SliceInstructions = _options.SliceInstructions,
        };
        var end = session.Run();
        FirmwareExitCode = session.ExitCode;
        _options.Log?.WriteLine($"session ended: {end}");
        return end;
    }

    public void Dispose()
    {
        _listener?.Stop();
        _listener = null;
    }
}
