using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// 32x32 -> 64-bit multiplies (A5.3.17). Field use: Rd = RdLo, Ra = RdHi. Arithmetic is modulo 2^64,
/// which gives the pseudocode's result&lt;63:0&gt; of the unbounded sum exactly.
/// </summary>
internal static partial class Multiply
{
    /// <summary>The 64-bit accumulator RdHi:RdLo.</summary>
    private static ulong Accumulator64(Cpu c, in DecodedInst d) => ((ulong)c.R[d.Ra] << 32) | c.R[d.Rd];

    private static void Write64(Cpu c, in DecodedInst d, ulong result)
    {
        c.R[d.Rd] = (uint)result;
        c.R[d.Ra] = (uint)(result >> 32);
    }

    /// <summary>SMULL T1: RdHi:RdLo = SInt(Rn) * SInt(Rm).</summary>
    public static void Smull(Cpu c, ref DecodedInst d) =>
        Write64(c, d, (ulong)((long)(int)c.R[d.Rn] * (int)c.R[d.Rm]));

    /// <summary>UMULL T1: RdHi:RdLo = UInt(Rn) * UInt(Rm).</summary>
    public static void Umull(Cpu c, ref DecodedInst d) =>
        Write64(c, d, (ulong)c.R[d.Rn] * c.R[d.Rm]);

    /// <summary>SMLAL T1: RdHi:RdLo += SInt(Rn) * SInt(Rm).</summary>
    public static void Smlal(Cpu c, ref DecodedInst d) =>
        Write64(c, d, (ulong)((long)(int)c.R[d.Rn] * (int)c.R[d.Rm]) + Accumulator64(c, d));

    /// <summary>UMLAL T1: RdHi:RdLo += UInt(Rn) * UInt(Rm).</summary>
    public static void Umlal(Cpu c, ref DecodedInst d) =>
        Write64(c, d, (ulong)c.R[d.Rn] * c.R[d.Rm] + Accumulator64(c, d));

    /// <summary>UMAAL T1: RdHi:RdLo = UInt(Rn) * UInt(Rm) + UInt(RdHi) + UInt(RdLo); at most 2^64 - 1, so it never wraps.</summary>
    public static void Umaal(Cpu c, ref DecodedInst d) =>
        Write64(c, d, (ulong)c.R[d.Rn] * c.R[d.Rm] + c.R[d.Ra] + c.R[d.Rd]);
}
