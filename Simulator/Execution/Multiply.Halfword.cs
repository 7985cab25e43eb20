using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// Signed 16-bit multiplies: SMLA&lt;x&gt;&lt;y&gt;/SMUL&lt;x&gt;&lt;y&gt;, SMLAW&lt;y&gt;/SMULW&lt;y&gt;, SMLAL&lt;x&gt;&lt;y&gt;.
/// Field use: Imm = shift that brings the chosen half of Rn to the bottom (0 = B, 16 = T), Imm2 the same for Rm,
/// so the half is a branch-free (short)(R &gt;&gt; shift).
/// </summary>
internal static partial class Multiply
{
    /// <summary>
    /// SMLA&lt;x&gt;&lt;y&gt; / SMUL&lt;x&gt;&lt;y&gt; T1: Rd = SInt(Rn half) * SInt(Rm half) + SInt(Ra).
    /// Q is set (never cleared) when the sum does not fit 32 bits; the product alone always fits, so SMUL never sets it.
    /// </summary>
    public static void Smlaxy(Cpu c, ref DecodedInst d)
    {
        long result = (long)((short)(c.R[d.Rn] >> (int)d.Imm) * (short)(c.R[d.Rm] >> (int)d.Imm2)) + (int)Accumulator(c, d);
        c.R[d.Rd] = (uint)result;
        if (result != (int)result) c.Q = true;
    }

    /// <summary>
    /// SMLAW&lt;y&gt; / SMULW&lt;y&gt; T1: result = SInt(Rn) * SInt(Rm half) + (SInt(Ra) &lt;&lt; 16); Rd = result&lt;47:16&gt;.
    /// Q is set when result &gt;&gt; 16 does not fit 32 bits (only possible with an accumulator).
    /// </summary>
    public static void Smlawy(Cpu c, ref DecodedInst d)
    {
        long result = (long)(int)c.R[d.Rn] * (short)(c.R[d.Rm] >> (int)d.Imm2) + ((long)(int)Accumulator(c, d) << 16);
        long top = result >> 16;
        c.R[d.Rd] = (uint)top;
        if (top != (int)top) c.Q = true;
    }

    /// <summary>SMLAL&lt;x&gt;&lt;y&gt; T1: RdHi:RdLo += SInt(Rn half) * SInt(Rm half), modulo 2^64, no flags.</summary>
    public static void Smlalxy(Cpu c, ref DecodedInst d)
    {
        long product = (short)(c.R[d.Rn] >> (int)d.Imm) * (short)(c.R[d.Rm] >> (int)d.Imm2);
        Write64(c, d, (ulong)product + Accumulator64(c, d));
    }
}
