using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>SDIV/UDIV (A5.3.17): quotient rounded towards zero; division by zero gives 0 unless CCR.DIV_0_TRP.</summary>
internal static partial class Multiply
{
    /// <summary>SDIV T1: Rd = RoundTowardsZero(SInt(Rn) / SInt(Rm)); 0x80000000 / -1 = 0x80000000 (result&lt;31:0&gt; of +2^31).</summary>
    public static void Sdiv(Cpu c, ref DecodedInst d)
    {
        int m = (int)c.R[d.Rm];
        if (m == 0)
        {
            if (c.DivZeroTrap) { c.Raise(FaultKind.DivideByZero, c.Pc); return; }
            c.R[d.Rd] = 0;
            return;
        }
        uint n = c.R[d.Rn];
        // .NET traps int.MinValue / -1; negation modulo 2^32 is the architectural answer for any n.
        c.R[d.Rd] = m == -1 ? 0u - n : (uint)((int)n / m);
    }

    /// <summary>UDIV T1: Rd = RoundTowardsZero(UInt(Rn) / UInt(Rm)).</summary>
    public static void Udiv(Cpu c, ref DecodedInst d)
    {
        uint m = c.R[d.Rm];
        if (m == 0)
        {
            if (c.DivZeroTrap) { c.Raise(FaultKind.DivideByZero, c.Pc); return; }
            c.R[d.Rd] = 0;
            return;
        }
        c.R[d.Rd] = c.R[d.Rn] / m;
    }
}
