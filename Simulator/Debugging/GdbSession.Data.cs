using System.Text;

namespace M7Sim.Debugging;

/// <summary>Registers (g G p P) and memory (m M X, vFlashErase/vFlashWrite).</summary>
internal sealed partial class GdbSession
{
    private const string ParseError = "E01";
    private const string MemoryError = "E0e"; // EFAULT

    /// <summary>Largest 'm' read we answer in one reply (hex doubles it; GDB splits larger reads).</summary>
    private const int MaxRead = (RspConnection.MaxPacketBytes - 4) / 2;

    private string ReadAllRegisters()
    {
        var sb = new StringBuilder(GdbRegisters.TotalSize * 2);
        Span<byte> buf = stackalloc byte[8];
        for (int n = 0; n < GdbRegisters.Count; n++)
        {
            var v = buf[..GdbRegisters.Size(n)];
            GdbRegisters.Read(_m.Cpu, n, v);
            RspEncoding.AppendHex(sb, v);
        }
        return sb.ToString();
    }

    private string WriteAllRegisters(ReadOnlySpan<char> hex)
    {
        if (!RspEncoding.TryDecodeHex(hex, out var bytes)) return ParseError;
        // A shorter G writes the leading registers only (the client sends what it knows).
        int at = 0;
        for (int n = 0; n < GdbRegisters.Count && at + GdbRegisters.Size(n) <= bytes.Length; n++)
        {
            GdbRegisters.Write(_m.Cpu, n, bytes.AsSpan(at, GdbRegisters.Size(n)));
            at += GdbRegisters.Size(n);
        }
        return "OK";
    }

    private string ReadRegister(ReadOnlySpan<char> args)
    {
        if (!RspEncoding.TryParseHex32(args, out uint n) || n >= GdbRegisters.Count) return ParseError;
        Span<byte> buf = stackalloc byte[GdbRegisters.Size((int)n)];
        GdbRegisters.Read(_m.Cpu, (int)n, buf);
        return RspEncoding.ToHex(buf);
    }

    private string WriteRegister(ReadOnlySpan<char> args)
    {
        int eq = args.IndexOf('=');
        if (eq < 0 || !RspEncoding.TryParseHex32(args[..eq], out uint n) || n >= GdbRegisters.Count) return ParseError;
        if (!RspEncoding.TryDecodeHex(args[(eq + 1)..], out var bytes) || bytes.Length != GdbRegisters.Size((int)n)) return ParseError;
        GdbRegisters.Write(_m.Cpu, (int)n, bytes);
        return "OK";
    }

    /// <summary>Parses "ADDR,LEN" (hex).</summary>
    private static bool TryParseRange(ReadOnlySpan<char> s, out uint address, out uint length)
    {
        address = length = 0;
        int comma = s.IndexOf(',');
        return comma > 0 && RspEncoding.TryParseHex32(s[..comma], out address) && RspEncoding.TryParseHex32(s[(comma + 1)..], out length);
    }

    private string ReadMemoryHex(ReadOnlySpan<char> args)
    {
        if (!TryParseRange(args, out uint address, out uint length)) return ParseError;
        int n = (int)Math.Min(length, MaxRead);
        var buf = new byte[n];
        // A partial read returns the readable prefix; nothing readable is an error (GDB manual E.2 'm').
        int got = 0;
        if (_m.ReadMemory(address, buf)) got = n;
        else
        {
            while (got < n && _m.ReadMemory(address + (uint)got, buf.AsSpan(got, 1))) got++;
        }
        if (got == 0 && n > 0) return MemoryError;
        return RspEncoding.ToHex(buf.AsSpan(0, got));
    }

    private string WriteMemoryHex(ReadOnlySpan<char> args)
    {
        int colon = args.IndexOf(':');
        if (colon < 0 || !TryParseRange(args[..colon], out uint address, out uint length)) return ParseError;
        if (!RspEncoding.TryDecodeHex(args[(colon + 1)..], out var bytes) || bytes.Length != length) return ParseError;
        return _m.WriteMemory(address, bytes) ? "OK" : MemoryError;
    }

    /// <summary>X ADDR,LEN:binary — the payload is escaped binary and may contain ':'.</summary>
    private string WriteMemoryBinary(ReadOnlySpan<byte> args)
    {
        int colon = args.IndexOf((byte)':');
        if (colon < 0) return ParseError;
        if (!TryParseRange(Encoding.Latin1.GetString(args[..colon]), out uint address, out uint length)) return ParseError;
        if (!RspEncoding.TryUnescape(args[(colon + 1)..], out var bytes) || bytes.Length != length) return ParseError;
        // "X addr,0:" probes whether X is supported.
        if (length == 0) return "OK";
        return _m.WriteMemory(address, bytes) ? "OK" : MemoryError;
    }

    /// <summary>vFlashErase:ADDR,LEN — erased flash reads as 0xFF, as on the chip.</summary>
    private string FlashErase(ReadOnlySpan<char> args)
    {
        if (!TryParseRange(args, out uint address, out uint length)) return ParseError;
        if (length > 64u << 20) return ParseError;
        var ones = new byte[length];
        Array.Fill(ones, (byte)0xFF);
        return _m.WriteMemory(address, ones) ? "OK" : MemoryError;
    }

    /// <summary>vFlashWrite:ADDR:binary.</summary>
    private string FlashWrite(ReadOnlySpan<byte> args)
    {
        int colon = args.IndexOf((byte)':');
        if (colon < 0 || !RspEncoding.TryParseHex32(Encoding.Latin1.GetString(args[..colon]), out uint address)) return ParseError;
        if (!RspEncoding.TryUnescape(args[(colon + 1)..], out var bytes)) return ParseError;
        return _m.WriteMemory(address, bytes) ? "OK" : MemoryError;
    }
}
