using M7Sim.Decoding;
using M7Sim.Isa;
using static M7Sim.Isa.BitsDsp;

namespace M7Sim.Execution;

/// <summary>
/// Unsigned parallel add/subtract (A5.3.14): UADD16/UASX/USAX/USUB16/UADD8/USUB8 set APSR.GE per lane
/// (a sum: carry out of the lane, sum &gt;= 2^16 or 2^8; a difference: no borrow, difference &gt;= 0);
/// the UQ forms saturate each lane to 0..2^n-1 and leave GE and Q alone; the UH forms halve the exact
/// lane result (bits 16:1 / 8:1, a negative difference keeps its sign through the shift) and leave GE alone.
/// ASX: low lane = Rn.lo - Rm.hi, high lane = Rn.hi + Rm.lo. SAX: low = Rn.lo + Rm.hi, high = Rn.hi - Rm.lo.
/// </summary>
internal static partial class Dsp
{
    public static void Uadd16(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        int lo = U16Lo(n) + U16Lo(m), hi = U16Hi(n) + U16Hi(m);
        c.R[d.Rd] = Pack16(lo, hi);
        c.GE = Ge16(lo >= 0x10000, hi >= 0x10000);
    }

    public static void Uasx(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        int lo = U16Lo(n) - U16Hi(m), hi = U16Hi(n) + U16Lo(m);
        c.R[d.Rd] = Pack16(lo, hi);
        c.GE = Ge16(lo >= 0, hi >= 0x10000);
    }

    public static void Usax(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        int lo = U16Lo(n) + U16Hi(m), hi = U16Hi(n) - U16Lo(m);
        c.R[d.Rd] = Pack16(lo, hi);
        c.GE = Ge16(lo >= 0x10000, hi >= 0);
    }

    public static void Usub16(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        int lo = U16Lo(n) - U16Lo(m), hi = U16Hi(n) - U16Hi(m);
        c.R[d.Rd] = Pack16(lo, hi);
        c.GE = Ge16(lo >= 0, hi >= 0);
    }

    public static void Uadd8(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        int b0 = U8(n, 0) + U8(m, 0), b1 = U8(n, 1) + U8(m, 1), b2 = U8(n, 2) + U8(m, 2), b3 = U8(n, 3) + U8(m, 3);
        c.R[d.Rd] = Pack8(b0, b1, b2, b3);
        c.GE = Ge8(b0 >= 0x100, b1 >= 0x100, b2 >= 0x100, b3 >= 0x100);
    }

    public static void Usub8(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        int b0 = U8(n, 0) - U8(m, 0), b1 = U8(n, 1) - U8(m, 1), b2 = U8(n, 2) - U8(m, 2), b3 = U8(n, 3) - U8(m, 3);
        c.R[d.Rd] = Pack8(b0, b1, b2, b3);
        c.GE = Ge8(b0 >= 0, b1 >= 0, b2 >= 0, b3 >= 0);
    }

    public static void Uqadd16(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack16(SatU16(U16Lo(n) + U16Lo(m)), SatU16(U16Hi(n) + U16Hi(m)));
    }

    public static void Uqasx(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack16(SatU16(U16Lo(n) - U16Hi(m)), SatU16(U16Hi(n) + U16Lo(m)));
    }

    public static void Uqsax(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack16(SatU16(U16Lo(n) + U16Hi(m)), SatU16(U16Hi(n) - U16Lo(m)));
    }

    public static void Uqsub16(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack16(SatU16(U16Lo(n) - U16Lo(m)), SatU16(U16Hi(n) - U16Hi(m)));
    }

    public static void Uqadd8(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack8(SatU8(U8(n, 0) + U8(m, 0)), SatU8(U8(n, 1) + U8(m, 1)), SatU8(U8(n, 2) + U8(m, 2)), SatU8(U8(n, 3) + U8(m, 3)));
    }

    public static void Uqsub8(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack8(SatU8(U8(n, 0) - U8(m, 0)), SatU8(U8(n, 1) - U8(m, 1)), SatU8(U8(n, 2) - U8(m, 2)), SatU8(U8(n, 3) - U8(m, 3)));
    }

    public static void Uhadd16(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack16((U16Lo(n) + U16Lo(m)) >> 1, (U16Hi(n) + U16Hi(m)) >> 1);
    }

    public static void Uhasx(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack16((U16Lo(n) - U16Hi(m)) >> 1, (U16Hi(n) + U16Lo(m)) >> 1);
    }

    public static void Uhsax(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack16((U16Lo(n) + U16Hi(m)) >> 1, (U16Hi(n) - U16Lo(m)) >> 1);
    }

    public static void Uhsub16(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack16((U16Lo(n) - U16Lo(m)) >> 1, (U16Hi(n) - U16Hi(m)) >> 1);
    }

    public static void Uhadd8(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack8((U8(n, 0) + U8(m, 0)) >> 1, (U8(n, 1) + U8(m, 1)) >> 1, (U8(n, 2) + U8(m, 2)) >> 1, (U8(n, 3) + U8(m, 3)) >> 1);
    }

    public static void Uhsub8(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = c.R[d.Rm];
        c.R[d.Rd] = Pack8((U8(n, 0) - U8(m, 0)) >> 1, (U8(n, 1) - U8(m, 1)) >> 1, (U8(n, 2) - U8(m, 2)) >> 1, (U8(n, 3) - U8(m, 3)) >> 1);
    }
}
