using System.Text;

namespace M7Sim.Debugging;

/// <summary>
/// Encodings of the GDB Remote Serial Protocol ("Debugging with GDB", appendix E.1 Overview):
/// the modulo-256 checksum, hex pairs, and the binary escape ('}' followed by the byte XOR 0x20)
/// used by X, vFlashWrite and qXfer replies.
/// </summary>
internal static class RspEncoding
{
    public const byte Escape = (byte)'}';

    public static byte Checksum(ReadOnlySpan<byte> body)
    {
        byte sum = 0;
        foreach (byte b in body) sum += b;
        return sum;
    }

    public static int HexDigit(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    public static int HexDigit(char c) => c < 128 ? HexDigit((byte)c) : -1;

    /// <summary>Parses a whole string of hex digits as an unsigned number (addresses, lengths); false on empty, non-hex or overflow.</summary>
    public static bool TryParseHex(ReadOnlySpan<char> s, out ulong value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 16) return false;
        foreach (char c in s)
        {
            int d = HexDigit(c);
            if (d < 0) return false;
            value = (value << 4) | (uint)d;
        }
        return true;
    }

    /// <summary>Parses a 32-bit address or length.</summary>
    public static bool TryParseHex32(ReadOnlySpan<char> s, out uint value)
    {
        value = 0;
        if (!TryParseHex(s, out ulong v) || v > uint.MaxValue) return false;
        value = (uint)v;
        return true;
    }

    /// <summary>Decodes hex pairs into bytes; false when the text has odd length or non-hex characters.</summary>
    public static bool TryDecodeHex(ReadOnlySpan<char> s, out byte[] bytes)
    {
        bytes = [];
        if ((s.Length & 1) != 0) return false;
        var result = new byte[s.Length / 2];
        for (int i = 0; i < result.Length; i++)
        {
            int hi = HexDigit(s[2 * i]), lo = HexDigit(s[2 * i + 1]);
            if (hi < 0 || lo < 0) return false;
            result[i] = (byte)((hi << 4) | lo);
        }
        bytes = result;
        return true;
    }

    public static void AppendHex(StringBuilder sb, ReadOnlySpan<byte> bytes)
    {
        const string digits = "0123456789abcdef";
        foreach (byte b in bytes) sb.Append(digits[b >> 4]).Append(digits[b & 15]);
    }

    public static string ToHex(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length * 2);
        AppendHex(sb, bytes);
        return sb.ToString();
    }

    public static string ToHex(string text) => ToHex(Encoding.UTF8.GetBytes(text));

    /// <summary>Appends a 32-bit register value in target (little-endian) byte order.</summary>
    public static void AppendLittleEndian(StringBuilder sb, uint value)
    {
        Span<byte> b = [(byte)value, (byte)(value >> 8), (byte)(value >> 16), (byte)(value >> 24)];
        AppendHex(sb, b);
    }

    /// <summary>Removes the binary escapes of a packet payload; false when it ends in a lone escape.</summary>
    public static bool TryUnescape(ReadOnlySpan<byte> data, out byte[] bytes)
    {
        var result = new List<byte>(data.Length);
        for (int i = 0; i < data.Length; i++)
        {
            if (data[i] != Escape) { result.Add(data[i]); continue; }
            if (++i == data.Length) { bytes = []; return false; }
            result.Add((byte)(data[i] ^ 0x20));
        }
        bytes = result.ToArray();
        return true;
    }

    /// <summary>Escapes the bytes a packet body cannot carry raw: '$', '#', '}' and '*' (run-length marker).</summary>
    public static void AppendEscaped(List<byte> into, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            if (b is (byte)'$' or (byte)'#' or Escape or (byte)'*') { into.Add(Escape); into.Add((byte)(b ^ 0x20)); }
            else into.Add(b);
        }
    }
}
