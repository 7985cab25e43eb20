using System.Net.Sockets;
using System.Text;

namespace M7Sim.Debugging;

/// <summary>What <see cref="RspConnection.Read"/> found on the wire.</summary>
internal enum RspEvent
{
    /// <summary>A packet with a good checksum (acknowledged).</summary>
    Packet,
    /// <summary>The interrupt byte 0x03 (Ctrl-C) outside a packet.</summary>
    Interrupt,
    /// <summary>A packet with a good checksum but larger than the advertised PacketSize; its body was dropped.</summary>
    Oversized,
    /// <summary>The client closed the connection or the socket failed.</summary>
    Closed,
}

/// <summary>What arrived while the target was running.</summary>
internal enum RunPoll { Nothing, Interrupt, Closed }

/// <summary>
/// Packet layer of the GDB Remote Serial Protocol over one TCP connection: framing "$body#cs",
/// acknowledgements ('+' for a good checksum, '-' to ask for a retransmission), no-ack mode, the
/// interrupt byte, and retransmission of our own packets when the client answers '-'. Input is
/// bounded: a packet longer than <see cref="MaxPacketBytes"/> is checksummed but not stored, so a
/// misbehaving client cannot make the server allocate without limit.
/// </summary>
internal sealed class RspConnection : IDisposable
{
    /// <summary>Largest packet body we accept, advertised as PacketSize in qSupported.</summary>
    public const int MaxPacketBytes = 0x4000;

    /// <summary>How long to wait for the rest of a packet once '$' arrived, and for an acknowledgement.</summary>
    public int ByteTimeoutMs { get; init; } = 10_000;

    private const int MaxRetransmissions = 8;

    private readonly Socket _socket;
    private readonly byte[] _in = new byte[4096];
    private int _inPos, _inLen;
    private readonly byte[] _body = new byte[MaxPacketBytes];

    public RspConnection(Socket socket)
    {
        _socket = socket;
        _socket.NoDelay = true;
    }

    /// <summary>After QStartNoAckMode: neither side sends '+'/'-' any more.</summary>
    public bool NoAck { get; set; }

    public bool IsClosed { get; private set; }

    /// <summary>An interrupt byte arrived while we waited for an acknowledgement.</summary>
    public bool InterruptPending { get; set; }

    /// <summary>Packets dropped for a bad checksum (for tests and logs).</summary>
    public int BadChecksums { get; private set; }

    /// <summary>Waits for the next packet or interrupt. <paramref name="body"/> is valid until the next call.</summary>
    public RspEvent Read(out ReadOnlySpan<byte> body)
    {
        body = default;
        if (InterruptPending) { InterruptPending = false; return RspEvent.Interrupt; }
        while (true)
        {
            int b = ReadByte(-1);
            if (b < 0) return RspEvent.Closed;
            if (b == 0x03) return RspEvent.Interrupt;
            if (b != '$') continue; // acknowledgements and line noise between packets
        restart:
            int length = 0;
            bool overflow = false;
            byte sum = 0;
            while (true)
            {
                b = ReadByte(ByteTimeoutMs);
                if (b == -1) return RspEvent.Closed;
                if (b == -2) break; // stalled mid-packet: drop it
                if (b == '#') break;
                if (b == '$') goto restart; // a new packet began before this one ended
                sum += (byte)b;
                if (length < MaxPacketBytes) _body[length++] = (byte)b; else overflow = true;
            }
            if (b == -2) { Nack(); continue; }
            int hi = ReadByte(ByteTimeoutMs), lo = hi < 0 ? hi : ReadByte(ByteTimeoutMs);
            if (hi == -1 || lo == -1) return RspEvent.Closed;
            int h = hi < 0 ? -1 : RspEncoding.HexDigit((byte)hi), l = lo < 0 ? -1 : RspEncoding.HexDigit((byte)lo);
            if (h < 0 || l < 0 || ((h << 4) | l) != sum)
            {
                // In no-ack mode the client never retransmits; the packet is simply lost (GDB manual E.11).
                BadChecksums++;
                Nack();
                continue;
            }
            if (!NoAck) SendRaw("+"u8);
            if (overflow) return RspEvent.Oversized;
            body = _body.AsSpan(0, length);
            return RspEvent.Packet;
        }
    }

    private void Nack()
    {
        if (!NoAck) SendRaw("-"u8);
    }

    /// <summary>Non-blocking check while the target runs: consumes an interrupt byte or notices a closed connection.</summary>
    public RunPoll PollWhileRunning()
    {
        if (IsClosed) return RunPoll.Closed;
        if (InterruptPending) { InterruptPending = false; return RunPoll.Interrupt; }
        while (true)
        {
            int b = ReadByte(0);
            if (b == -1) return RunPoll.Closed;
            if (b == -2) return RunPoll.Nothing;
            if (b == 0x03) return RunPoll.Interrupt;
            if (b == '$')
            {
                // All-stop clients only send 0x03 while the target runs; a packet means the client
                // gave up waiting. Stop, and let the packet be read after the stop reply.
                _inPos--;
                return RunPoll.Interrupt;
            }
        }
    }

    public void Send(string body) => Send(Encoding.Latin1.GetBytes(body));

    /// <summary>Sends "$body#cs" and, unless in no-ack mode, waits for '+', retransmitting on '-'.</summary>
    public void Send(ReadOnlySpan<byte> body)
    {
        if (IsClosed) return;
        var frame = new byte[body.Length + 4];
        frame[0] = (byte)'$';
        body.CopyTo(frame.AsSpan(1));
        byte sum = RspEncoding.Checksum(body);
        frame[^3] = (byte)'#';
        frame[^2] = (byte)"0123456789abcdef"[sum >> 4];
        frame[^1] = (byte)"0123456789abcdef"[sum & 15];
        for (int attempt = 0; attempt <= MaxRetransmissions; attempt++)
        {
            if (!SendRaw(frame) || NoAck) return;
            if (WaitForAck()) return;
        }
    }

    /// <summary>True on '+' (or anything that shows the client moved on), false on '-'.</summary>
    private bool WaitForAck()
    {
        while (true)
        {
            int b = ReadByte(ByteTimeoutMs);
            if (b == -1 || b == -2) return true; // closed, or a client that does not acknowledge: do not hang
            if (b == '+') return true;
            if (b == '-') return false;
            if (b == 0x03) { InterruptPending = true; continue; }
            if (b == '$') { _inPos--; return true; } // next packet without an ack: treat ours as received
        }
    }

    private bool SendRaw(ReadOnlySpan<byte> bytes)
    {
        if (IsClosed) return false;
        try
        {
            while (!bytes.IsEmpty)
            {
                int n = _socket.Send(bytes);
                bytes = bytes[n..];
            }
            return true;
        }
        catch (SocketException) { IsClosed = true; return false; }
        catch (ObjectDisposedException) { IsClosed = true; return false; }
    }

    /// <summary>Next input byte; -1 when the connection is closed, -2 when nothing arrived within <paramref name="timeoutMs"/> (negative = wait forever).</summary>
    private int ReadByte(int timeoutMs)
    {
        if (_inPos < _inLen) return _in[_inPos++];
        if (IsClosed) return -1;
        try
        {
            if (timeoutMs >= 0 && !_socket.Poll(TimeSpan.FromMilliseconds(timeoutMs), SelectMode.SelectRead)) return -2;
            int n = _socket.Receive(_in);
            if (n <= 0) { IsClosed = true; return -1; }
            _inPos = 0;
            _inLen = n;
            return _in[_inPos++];
        }
        catch (SocketException) { IsClosed = true; return -1; }
        catch (ObjectDisposedException) { IsClosed = true; return -1; }
    }

    public void Dispose()
    {
        IsClosed = true;
        try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
        _socket.Dispose();
    }
}
