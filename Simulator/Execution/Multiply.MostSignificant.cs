using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// Most-significant-word multiplies SMMLA{R}/SMMUL{R}/SMMLS{R}. Field use: Imm = rounding constant
/// (0, or 0x80000000 for the R forms). The pseudocode's unbounded sum is only observed in bits 63:32,
/// so 64-bit wrapping arithmetic is exact.
/// </summary>
internal static partial class Multiply
{
    /// <summary>SMMLA{R} / SMMUL{R} T1: Rd = ((SInt(Ra) &lt;&lt; 32) + SInt(Rn) * SInt(Rm) + round)&lt;63:32&gt;.</summary>
    public static void Smmla(Cpu c, ref DecodedInst d)
    {
        ulong result = ((ulong)Accumulator(c, d) << 32) + (ulong)((long)(int)c.R[d.Rn] * (int)c.R[d.Rm]) + d.Imm;
        c.R[d.Rd] = (uint)(result >> 32);
    }

    /// <summary>SMMLS{R} T1: Rd = ((SInt(Ra) &lt;&lt; 32) - SInt(Rn) * SInt(Rm) + round)&lt;63:32&gt;.</summary>
    public static void Smmls(Cpu c, ref DecodedInst d)
    {
        ulong result = ((ulong)c.R[d.Ra] << 32) - (ulong)((long)(int)c.R[d.Rn] * (int)c.R[d.Rm]) + d.Imm;
        c.R[d.Rd] = (uint)(result >> 32);
    }
}
