using M7Sim.Execution;
using M7Sim.Timing;

namespace M7Sim.Decoding;

/// <summary>
/// Matches an encoding against the instruction table. Rows are tried most specific first (more fixed
/// bits), so an alias such as SMUAD (SMLAD with Ra = 1111) wins over its general form without relying
/// on file order. Rows are bucketed by their top bits to keep decoding cheap.
/// </summary>
internal sealed class Decoder
{
    private static Decoder? _instance;
    public static Decoder Instance => _instance ??= new Decoder(InstTable.All);

    private readonly Row[][] _buckets16 = new Row[64][];   // by bits 15..10
    private readonly Row[][] _buckets32 = new Row[2048][]; // by bits 31..21 (first halfword 15..5)

    public Decoder(IReadOnlyList<Row> rows)
    {
        Rows = rows;
        var sorted = rows.OrderByDescending(r => r.Pattern.FixedBits).ToArray(); // stable
        for (uint b = 0; b < 64; b++)
            _buckets16[b] = sorted.Where(r => !r.Is32 && Compatible(r, b << 10, 0xFC00)).ToArray();
        for (uint b = 0; b < 2048; b++)
            _buckets32[b] = sorted.Where(r => r.Is32 && Compatible(r, b << 21, 0xFFE0_0000)).ToArray();
    }

    public IReadOnlyList<Row> Rows { get; }

    private static bool Compatible(Row r, uint value, uint mask) => ((r.Pattern.Value ^ value) & r.Pattern.Mask & mask) == 0;

    /// <summary>True when the halfword starts a 32-bit encoding (A5.1).</summary>
    public static bool Is32Bit(ushort hw1) => (hw1 >> 11) is 0b11101 or 0b11110 or 0b11111;

    /// <summary>
    /// Decodes one instruction. <paramref name="raw"/> is the halfword for 16-bit encodings or
    /// (hw1 &lt;&lt; 16) | hw2. Undefined and unpredictable encodings decode to the UDF handler with
    /// the status set, so the predecode cache can hold them and the core raises UNDEFINSTR.
    /// </summary>
    public unsafe DecodeStatus Decode(uint raw, bool is32, out DecodedInst d, out Row? row)
    {
        var bucket = is32 ? _buckets32[raw >> 21] : _buckets16[(raw >> 10) & 63];
        foreach (var r in bucket)
        {
            if (!r.Matches(raw)) continue;
            d = Fresh(raw, is32);
            d.Exec = r.Exec;
            d.Class = r.Timing;
            d.Id = r.Id;
            var status = r.Decode(new Fields(r.Pattern, raw), ref d);
            if (status == DecodeStatus.SeeOther) continue;
            row = r;
            if (status != DecodeStatus.Ok) MakeUndefined(ref d, raw, is32);
            else if (Execution.StackPointerWrites.MayMisalign(ref d, r)) d.Exec = &Execution.StackPointerWrites.WriteAligned;
            return status;
        }
        d = Fresh(raw, is32);
        MakeUndefined(ref d, raw, is32);
        row = null;
        return DecodeStatus.Undefined;
    }

    private static DecodedInst Fresh(uint raw, bool is32) => new()
    {
        Raw = raw,
        Size = (byte)(is32 ? 4 : 2),
        Cond = 0xE,
    };

    private static unsafe void MakeUndefined(ref DecodedInst d, uint raw, bool is32)
    {
        d = Fresh(raw, is32);
        d.Exec = &SystemOps.Undefined;
        d.Class = TimingClass.System;
    }
}
