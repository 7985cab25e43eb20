using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>USAD8/USADA8 (A5.3.16): sum of absolute byte differences.</summary>
internal static partial class Dsp
{
    /// <summary>USADA8 / USAD8 T1: Rd = Ra + Σ |UInt(Rn byte i) - UInt(Rm byte i)| (Ra = 15 is USAD8: no addend), modulo 2^32.</summary>
    public static void Usada8(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        int sum = Math.Abs(BitsDsp.U8(n, 0) - BitsDsp.U8(m, 0)) + Math.Abs(BitsDsp.U8(n, 1) - BitsDsp.U8(m, 1))
                + Math.Abs(BitsDsp.U8(n, 2) - BitsDsp.U8(m, 2)) + Math.Abs(BitsDsp.U8(n, 3) - BitsDsp.U8(m, 3));
        c.R[d.Rd] = (d.Ra == 15 ? 0u : c.R[d.Ra]) + (uint)sum;
    }
}
