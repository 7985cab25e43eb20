using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// Saturating word arithmetic QADD/QSUB/QDADD/QDSUB (A5.3.14) and SSAT16/USAT16 (A5.3.3). Each sets
/// APSR.Q when any saturation happens and never clears it (Q is sticky; only MSR clears it).
/// Note the operand order: QADD Rd, Rm, Rn computes Rm + Rn, QSUB Rd, Rm, Rn computes Rm - Rn.
/// </summary>
internal static partial class Dsp
{
    /// <summary>QADD T1: Rd = SignedSat(SInt(Rm) + SInt(Rn), 32).</summary>
    public static void Qadd(Cpu c, ref DecodedInst d)
    {
        c.R[d.Rd] = (uint)Bits.SignedSat((long)(int)c.R[d.Rm] + (int)c.R[d.Rn], 32, out bool sat);
        if (sat) c.Q = true;
    }

    /// <summary>QSUB T1: Rd = SignedSat(SInt(Rm) - SInt(Rn), 32).</summary>
    public static void Qsub(Cpu c, ref DecodedInst d)
    {
        c.R[d.Rd] = (uint)Bits.SignedSat((long)(int)c.R[d.Rm] - (int)c.R[d.Rn], 32, out bool sat);
        if (sat) c.Q = true;
    }

    /// <summary>QDADD T1: Rd = SignedSat(SInt(Rm) + SignedSat(2 * SInt(Rn), 32), 32); Q if either step saturates.</summary>
    public static void Qdadd(Cpu c, ref DecodedInst d)
    {
        int doubled = Bits.SignedSat(2L * (int)c.R[d.Rn], 32, out bool sat1);
        c.R[d.Rd] = (uint)Bits.SignedSat((long)(int)c.R[d.Rm] + doubled, 32, out bool sat2);
        if (sat1 | sat2) c.Q = true;
    }

    /// <summary>QDSUB T1: Rd = SignedSat(SInt(Rm) - SignedSat(2 * SInt(Rn), 32), 32); Q if either step saturates.</summary>
    public static void Qdsub(Cpu c, ref DecodedInst d)
    {
        int doubled = Bits.SignedSat(2L * (int)c.R[d.Rn], 32, out bool sat1);
        c.R[d.Rd] = (uint)Bits.SignedSat((long)(int)c.R[d.Rm] - doubled, 32, out bool sat2);
        if (sat1 | sat2) c.Q = true;
    }

    /// <summary>SSAT16 T1: each halfword of Rd = SignedSat(SInt(that halfword of Rn), Imm) with Imm = saturate_to (1..16).</summary>
    public static void Ssat16(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn];
        int lo = Bits.SignedSat(BitsDsp.S16Lo(n), (int)d.Imm, out bool sat1);
        int hi = Bits.SignedSat(BitsDsp.S16Hi(n), (int)d.Imm, out bool sat2);
        c.R[d.Rd] = BitsDsp.Pack16(lo, hi);
        if (sat1 | sat2) c.Q = true;
    }

    /// <summary>USAT16 T1: each halfword of Rd = UnsignedSat(SInt(that halfword of Rn), Imm) with Imm = saturate_to (0..15).</summary>
    public static void Usat16(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn];
        uint lo = Bits.UnsignedSat(BitsDsp.S16Lo(n), (int)d.Imm, out bool sat1);
        uint hi = Bits.UnsignedSat(BitsDsp.S16Hi(n), (int)d.Imm, out bool sat2);
        c.R[d.Rd] = lo | (hi << 16);
        if (sat1 | sat2) c.Q = true;
    }
}
