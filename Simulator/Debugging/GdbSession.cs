using System.Text;
using M7Sim.Simulation;

namespace M7Sim.Debugging;

/// <summary>How a debugging session ended.</summary>
internal enum SessionEnd
{
    /// <summary>The client detached ('D').</summary>
    Detached,
    /// <summary>The client killed the target ('k' / vKill).</summary>
    Killed,
    /// <summary>The connection closed (client quit or vanished, possibly mid-run).</summary>
    Disconnected,
}

/// <summary>
/// One GDB client attached to one machine: reads packets, runs the command each names and answers.
/// All-stop mode, one thread (id 1). Commands live in the partial files by topic: registers and
/// memory, execution and stop replies, queries, monitor commands.
/// </summary>
internal sealed partial class GdbSession
{
    private readonly Machine _m;
    private readonly RspConnection _conn;
    private readonly GdbConsole _console;
    private readonly DebugPoints _points = new();
    private readonly TextWriter? _log;

    /// <summary>Stop fault-handler entries like DEMCR vector catch (on by default: a fault is what one debugs).</summary>
    public bool CatchFaults { get; set; } = true;

    /// <summary>Instructions per slice of a continue; between slices the socket is polled for Ctrl-C.</summary>
    public ulong SliceInstructions { get; init; } = 200_000;

    /// <summary>The reply to '?': the last stop (the target starts halted at its reset vector).</summary>
    private string _lastStop;

    /// <summary>Set once the firmware exited; the target is then gone until a restart (vRun, monitor reset).</summary>
    private bool _exited;

    /// <summary>The client asked for extended mode ('!').</summary>
    private bool _extended;

    public GdbSession(Machine machine, RspConnection connection, GdbConsole console, TextWriter? log = null)
    {
        _m = machine;
        _conn = connection;
        _console = console;
        _log = log;
        _lastStop = StopReply(StopSignals.Sigtrap);
        MarkResume(); // before the first resume, "since the last stop" covers nothing
        MarkStop();
    }

    /// <summary>Exit code of the firmware if it exited during the session.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>Serves packets until the client detaches, kills the target or goes away.</summary>
    public SessionEnd Run()
    {
        while (true)
        {
            var ev = _conn.Read(out var body);
            switch (ev)
            {
                case RspEvent.Closed:
                    return SessionEnd.Disconnected;
                case RspEvent.Interrupt:
                    // Ctrl-C that arrived after the target had stopped: it is already halted, and an
                    // unsolicited stop reply would desynchronise the client.
                    continue;
                case RspEvent.Oversized:
                    _conn.Send("E01");
                    continue;
            }
            if (body.IsEmpty) { _conn.Send(""); continue; }
            _log?.WriteLine($"gdb> {Printable(body)}");
            var end = Dispatch(body);
            if (end is not null) return end.Value;
            if (_conn.IsClosed) return SessionEnd.Disconnected;
        }
    }

    /// <summary>Runs one packet. Returns a value when the session ends.</summary>
    private SessionEnd? Dispatch(ReadOnlySpan<byte> body)
    {
        // Binary payloads (X, vFlashWrite) must not go through text decoding.
        if (body[0] == (byte)'X') { Reply(WriteMemoryBinary(body[1..])); return null; }
        if (body.StartsWith("vFlashWrite:"u8)) { Reply(FlashWrite(body["vFlashWrite:".Length..])); return null; }
        string p = Encoding.Latin1.GetString(body);
        switch (p[0])
        {
            case '?': Reply(_lastStop); return null;
            case 'g': Reply(ReadAllRegisters()); return null;
            case 'G': Reply(WriteAllRegisters(p.AsSpan(1))); return null;
            case 'p': Reply(ReadRegister(p.AsSpan(1))); return null;
            case 'P': Reply(WriteRegister(p.AsSpan(1))); return null;
            case 'm': Reply(ReadMemoryHex(p.AsSpan(1))); return null;
            case 'M': Reply(WriteMemoryHex(p.AsSpan(1))); return null;
            case 'c': Reply(ResumeWithAddress(p.AsSpan(1), step: false)); return null;
            case 's': Reply(ResumeWithAddress(p.AsSpan(1), step: true)); return null;
            case 'C': Reply(ResumeWithSignal(p.AsSpan(1), step: false)); return null;
            case 'S': Reply(ResumeWithSignal(p.AsSpan(1), step: true)); return null;
            case 'Z': Reply(InsertPoint(p.AsSpan(1))); return null;
            case 'z': Reply(RemovePoint(p.AsSpan(1))); return null;
            case 'H': Reply("OK"); return null;
            case 'T': Reply(p == "T1" || p == "T-1" || p == "T0" ? "OK" : "E01"); return null;
            case 'D':
                Reply("OK");
                return SessionEnd.Detached;
            case 'k':
                // No reply to 'k' (GDB manual E.2). In extended mode the server outlives the process.
                if (_extended) { RestartTarget(); return null; }
                return SessionEnd.Killed;
            case '!':
                // Extended mode (target extended-remote, as VS Code's cortex-debug connects): vRun and
                // vKill restart the target instead of ending the session.
                _extended = true;
                Reply("OK");
                return null;
            case 'R':
                if (_extended) RestartTarget(); // no reply (GDB manual E.2 'R')
                else Reply("");
                return null;
            case 'q': Reply(Query(p)); return null;
            case 'Q': return SetQ(p);
            case 'v': return VPacket(p);
            default: Reply(""); return null; // unsupported: the empty reply
        }
    }

    private SessionEnd? VPacket(string p)
    {
        if (p == "vCont?") { Reply("vCont;c;C;s;S"); return null; }
        if (p.StartsWith("vCont;", StringComparison.Ordinal)) { Reply(VCont(p.AsSpan("vCont;".Length))); return null; }
        if (p.StartsWith("vFlashErase:", StringComparison.Ordinal)) { Reply(FlashErase(p.AsSpan("vFlashErase:".Length))); return null; }
        if (p == "vFlashDone") { Reply("OK"); return null; }
        if (p.StartsWith("vKill", StringComparison.Ordinal))
        {
            Reply("OK");
            if (!_extended) return SessionEnd.Killed;
            RestartTarget();
            return null;
        }
        if (p.StartsWith("vRun", StringComparison.Ordinal))
        {
            // Only our one program can run; its arguments were fixed when the server started.
            if (!_extended) { Reply(""); return null; }
            RestartTarget();
            Reply(_lastStop);
            return null;
        }
        Reply(""); // vMustReplyEmpty and everything we do not support
        return null;
    }

    private SessionEnd? SetQ(string p)
    {
        if (p == "QStartNoAckMode")
        {
            // The OK is still acknowledged; both sides stop acknowledging after it (GDB manual E.11).
            Reply("OK");
            _conn.NoAck = true;
            return null;
        }
        Reply("");
        return null;
    }

    private void Reply(string body)
    {
        _log?.WriteLine($"gdb< {(body.Length > 200 ? body[..200] + "..." : body)}");
        _conn.Send(body);
    }

    private static string Printable(ReadOnlySpan<byte> body)
    {
        var sb = new StringBuilder();
        foreach (byte b in body.Length > 200 ? body[..200] : body) sb.Append(b is >= 32 and < 127 ? (char)b : '.');
        if (body.Length > 200) sb.Append("...");
        return sb.ToString();
    }

    /// <summary>Sends text to GDB's console ('O' packets, hex, split to fit the packet size).</summary>
    private void ConsoleOutput(ReadOnlySpan<byte> text)
    {
        const int chunk = (RspConnection.MaxPacketBytes - 2) / 2;
        while (!text.IsEmpty)
        {
            var part = text.Length > chunk ? text[..chunk] : text;
            _conn.Send("O" + RspEncoding.ToHex(part));
            text = text[part.Length..];
        }
    }

    private void ConsoleOutput(string text) => ConsoleOutput(Encoding.UTF8.GetBytes(text));

    /// <summary>Forwards what the firmware printed since the last call.</summary>
    private void FlushFirmwareConsole()
    {
        var pending = _console.TakePending();
        if (pending.Length > 0) ConsoleOutput(pending);
    }
}
