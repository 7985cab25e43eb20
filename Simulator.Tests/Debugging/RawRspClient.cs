using System.Net;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;

namespace M7Sim.Tests.Debugging;

/// <summary>
/// A hand-driven Remote Serial Protocol client for testing the server's framing: sends exact bytes
/// (bad checksums, garbage, oversized packets) and reads replies with a bounded timeout, so a server
/// that stops answering fails the test instead of hanging it.
/// </summary>
internal sealed class RawRspClient : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buf = new byte[65536];
    private int _pos, _len;

    public RawRspClient(int port, int timeoutMs = 10_000)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        _socket.ReceiveTimeout = timeoutMs;
    }

    /// <summary>In no-ack mode replies are not acknowledged and no '+' is expected.</summary>
    public bool NoAck { get; set; }

    public static string Frame(string body)
    {
        byte sum = 0;
        foreach (char c in body) sum += (byte)c;
        return $"${body}#{sum:x2}";
    }

    public void SendRaw(string bytes) => _socket.Send(Encoding.Latin1.GetBytes(bytes));

    public void SendRaw(byte[] bytes) => _socket.Send(bytes);

    /// <summary>Sends a well-formed packet and checks the server acknowledged it.</summary>
    public void Send(string body)
    {
        SendRaw(Frame(body));
        if (!NoAck) ReadByte().Should().Be('+', $"the server acknowledges a good packet ({Shorten(body)})");
    }

    /// <summary>Sends a packet and returns the reply body ('O' console packets are collected into <paramref name="console"/>).</summary>
    public string Request(string body, StringBuilder? console = null)
    {
        Send(body);
        return ReadPacket(console);
    }

    /// <summary>Reads one reply packet, acknowledging it; console output packets ('O' + hex) are gathered, not returned.</summary>
    public string ReadPacket(StringBuilder? console = null)
    {
        while (true)
        {
            int b = ReadByte();
            if (b != '$') continue;
            var body = new StringBuilder();
            while ((b = ReadByte()) != '#') body.Append((char)b);
            string cs = $"{(char)ReadByte()}{(char)ReadByte()}";
            byte sum = 0;
            foreach (char c in body.ToString()) sum += (byte)c;
            cs.Should().Be($"{sum:x2}", "the server's checksums are right");
            if (!NoAck) SendRaw("+");
            string text = body.ToString();
            if (text.Length > 1 && text[0] == 'O' && text != "OK" && IsHex(text.AsSpan(1)))
            {
                console?.Append(Encoding.UTF8.GetString(Convert.FromHexString(text[1..])));
                continue;
            }
            return text;
        }
    }

    private static bool IsHex(ReadOnlySpan<char> s)
    {
        if ((s.Length & 1) != 0) return false;
        foreach (char c in s) if (!char.IsAsciiHexDigit(c)) return false;
        return true;
    }

    /// <summary>Next byte from the server; fails the test after the receive timeout or when the server closed.</summary>
    public int ReadByte()
    {
        if (_pos < _len) return _buf[_pos++];
        int n;
        try { n = _socket.Receive(_buf); }
        catch (SocketException e) { throw new TimeoutException($"no answer from the server ({e.SocketErrorCode})"); }
        if (n == 0) throw new EndOfStreamException("the server closed the connection");
        _pos = 0;
        _len = n;
        return _buf[_pos++];
    }

    /// <summary>True when the server closed the connection within the timeout (reads until EOF, discarding data).</summary>
    public bool WaitForClose(int timeoutMs)
    {
        _socket.ReceiveTimeout = timeoutMs;
        try
        {
            while (true)
            {
                _pos = _len = 0;
                if (_socket.Receive(_buf) == 0) return true;
            }
        }
        catch (SocketException) { return false; }
    }

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "..." : s;

    public void Dispose() => _socket.Dispose();
}
