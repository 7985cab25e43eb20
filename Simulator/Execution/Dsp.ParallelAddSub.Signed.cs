using M7Sim.Decoding;
using M7Sim.Isa;
using static M7Sim.Isa.BitsDsp;

namespace M7Sim.Execution;

/// <summary>
/// Signed parallel add/subtract (A5.3.13): SADD16/SASX/SSAX/SSUB16/SADD8/SSUB8 set APSR.GE per lane
/// (lane result &gt;= 0); the Q forms saturate each lane and leave GE and Q alone; the SH forms halve
/// the exact lane result (bits 16:1 / 8:1) and leave GE alone.
/// ASX: low lane = Rn.lo - Rm.hi, high lane = Rn.hi + Rm.lo. SAX: low = Rn.lo + Rm.hi, high = Rn.hi - Rm.lo.
/// </summary>
internal static partial class Dsp
{
    public static void Sadd16(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        int lo = S16Lo(n) + S16Lo(m), hi = S16Hi(n) + S16Hi(m);
        c.R[d.Rd] = Pack16(lo, hi);
        c.GE = Ge16(lo >= 0, hi >= 0);
    }

    public static void Sasx(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        int lo = S16Lo(n) - S16Hi(m), hi = S16Hi(n) + S16Lo(m);
        c.R[d.Rd] = Pack16(lo, hi);
        c.GE = Ge16(lo >= 0, hi >= 0);
    }

    public static void Ssax(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        int lo = S16Lo(n) + S16Hi(m), hi = S16Hi(n) - S16Lo(m);
        c.R[d.Rd] = Pack16(lo, hi);
        c.GE = Ge16(lo >= 0, hi >= 0);
    }

    public static void Ssub16(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        int lo = S16Lo(n) - S16Lo(m), hi = S16Hi(n) - S16Hi(m);
        c.R[d.Rd] = Pack16(lo, hi);
        c.GE = Ge16(lo >= 0, hi >= 0);
    }

    public static void Sadd8(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        int b0 = S8(n, 0) + S8(m, 0), b1 = S8(n, 1) + S8(m, 1), b2 = S8(n, 2) + S8(m, 2), b3 = S8(n, 3) + S8(m, 3);
        c.R[d.Rd] = Pack8(b0, b1, b2, b3);
        c.GE = Ge8(b0 >= 0, b1 >= 0, b2 >= 0, b3 >= 0);
    }

    public static void Ssub8(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        int b0 = S8(n, 0) - S8(m, 0), b1 = S8(n, 1) - S8(m, 1), b2 = S8(n, 2) - S8(m, 2), b3 = S8(n, 3) - S8(m, 3);
        c.R[d.Rd] = Pack8(b0, b1, b2, b3);
        c.GE = Ge8(b0 >= 0, b1 >= 0, b2 >= 0, b3 >= 0);
    }

    public static void Qadd16(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack16(SatS16(S16Lo(n) + S16Lo(m)), SatS16(S16Hi(n) + S16Hi(m)));
    }

    public static void Qasx(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack16(SatS16(S16Lo(n) - S16Hi(m)), SatS16(S16Hi(n) + S16Lo(m)));
    }

    public static void Qsax(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack16(SatS16(S16Lo(n) + S16Hi(m)), SatS16(S16Hi(n) - S16Lo(m)));
    }

    public static void Qsub16(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack16(SatS16(S16Lo(n) - S16Lo(m)), SatS16(S16Hi(n) - S16Hi(m)));
    }

    public static void Qadd8(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack8(SatS8(S8(n, 0) + S8(m, 0)), SatS8(S8(n, 1) + S8(m, 1)), SatS8(S8(n, 2) + S8(m, 2)), SatS8(S8(n, 3) + S8(m, 3)));
    }

    public static void Qsub8(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack8(SatS8(S8(n, 0) - S8(m, 0)), SatS8(S8(n, 1) - S8(m, 1)), SatS8(S8(n, 2) - S8(m, 2)), SatS8(S8(n, 3) - S8(m, 3)));
    }

    public static void Shadd16(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack16((S16Lo(n) + S16Lo(m)) >> 1, (S16Hi(n) + S16Hi(m)) >> 1);
    }

    public static void Shasx(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack16((S16Lo(n) - S16Hi(m)) >> 1, (S16Hi(n) + S16Lo(m)) >> 1);
    }

    public static void Shsax(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack16((S16Lo(n) + S16Hi(m)) >> 1, (S16Hi(n) - S16Lo(m)) >> 1);
    }

    public static void Shsub16(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack16((S16Lo(n) - S16Lo(m)) >> 1, (S16Hi(n) - S16Hi(m)) >> 1);
    }

    public static void Shadd8(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack8((S8(n, 0) + S8(m, 0)) >> 1, (S8(n, 1) + S8(m, 1)) >> 1, (S8(n, 2) + S8(m, 2)) >> 1, (S8(n, 3) + S8(m, 3)) >> 1);
    }

    public static void Shsub8(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack8((S8(n, 0) - S8(m, 0)) >> 1, (S8(n, 1) - S8(m, 1)) >> 1, (S8(n, 2) - S8(m, 2)) >> 1, (S8(n, 3) - S8(m, 3)) >> 1);
    }
}
