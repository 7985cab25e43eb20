using System.Text;

namespace M7Sim.Debugging;

/// <summary>General queries (q...): features, documents, threads, offsets, monitor commands.</summary>
internal sealed partial class GdbSession
{
    private string? _targetXml, _memoryMapXml;

    private string Query(string p)
    {
        if (p.StartsWith("qSupported", StringComparison.Ordinal))
            return $"PacketSize={RspConnection.MaxPacketBytes:x};qXfer:features:read+;qXfer:memory-map:read+;QStartNoAckMode+;vContSupported+";
        if (p.StartsWith("qXfer:features:read:", StringComparison.Ordinal))
            return Transfer(p.AsSpan("qXfer:features:read:".Length), annex => annex == "target.xml" ? _targetXml ??= TargetDescription.Features() : null);
        if (p.StartsWith("qXfer:memory-map:read:", StringComparison.Ordinal))
            return Transfer(p.AsSpan("qXfer:memory-map:read:".Length), annex => annex == "" ? _memoryMapXml ??= TargetDescription.MemoryMap(_m.Bus.Regions) : null);
        if (p.StartsWith("qRcmd,", StringComparison.Ordinal)) return Monitor(p.AsSpan("qRcmd,".Length));
        return p switch
        {
            "qAttached" => "1", // attached to an existing process: quitting GDB detaches instead of killing
            "qC" => "QC1",
            "qfThreadInfo" => _exited ? "l" : "m1", // no thread once the program exited (until vRun)
            "qsThreadInfo" => "l",
            "qOffsets" => "Text=0;Data=0;Bss=0", // the ELF is loaded at its link addresses
            "qSymbol::" => "OK",
            _ when p.StartsWith("qThreadExtraInfo,", StringComparison.Ordinal) => RspEncoding.ToHex("Cortex-M7 core"),
            _ => "",
        };
    }

    /// <summary>qXfer read: ANNEX:OFFSET,LENGTH → 'm' + part (more follows) or 'l' + rest (last), binary-escaped.</summary>
    private static string Transfer(ReadOnlySpan<char> args, Func<string, string?> document)
    {
        int colon = args.IndexOf(':');
        if (colon < 0 || !TryParseRange(args[(colon + 1)..], out uint offset, out uint length)) return ParseError;
        string? doc = document(args[..colon].ToString());
        if (doc is null) return "E00"; // unknown annex
        var bytes = Encoding.UTF8.GetBytes(doc);
        if (offset >= bytes.Length) return "l";
        // Escaping can double a byte, so halve what fits in one packet.
        int max = (int)Math.Min(length, (RspConnection.MaxPacketBytes - 1) / 2);
        int n = Math.Min(max, bytes.Length - (int)offset);
        var body = new List<byte>(n + 8) { (byte)(offset + n < bytes.Length ? 'm' : 'l') };
        RspEncoding.AppendEscaped(body, bytes.AsSpan((int)offset, n));
        return Encoding.Latin1.GetString(body.ToArray());
    }
}
