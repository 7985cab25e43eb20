using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// Floating-point conversions (ARM ARM A7.7: VCVT in all forms, VCVTR, VCVTB/VCVTT, and the FPv5 VCVTA/N/P/M
/// and VRINT*). Rounding selectors in Imm2: an FPSCR.RMode value (0-3), <see cref="Fpscr.RoundTiesAway"/>
/// (4) or <see cref="FromFpscr"/> (5: use FPSCR.RMode).
/// </summary>
internal static class VfpConvert
{
    /// <summary>Rounding selector meaning "the mode in FPSCR" (VCVTR, VRINTR, VRINTX, VCVT to float).</summary>
    public const uint FromFpscr = 5;

    private static uint Rounding(Cpu c, uint selector) => selector == FromFpscr ? Fpscr.RMode(c.Fpscr) : selector;

    /// <summary>
    /// VCVT.F64.F32 / VCVT.F32.F64. Imm = 0 widens (Rd is a D register, Rm an S register); Imm = 1
    /// narrows (Rd is an S register, Rm a D register).
    /// </summary>
    public static void VcvtFloat(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        if (d.Imm == 0) Vfp.SetD(c, d.Rd, SoftFloat.Convert(c.S[d.Rm], 32, 64, ref c.Fpscr));
        else c.S[d.Rd] = (uint)SoftFloat.Convert(Vfp.D(c, d.Rm), 64, 32, ref c.Fpscr);
    }

    /// <summary>
    /// VCVT/VCVTR to S32/U32 (and the directed VCVTA/N/P/M through <see cref="VcvtDirected"/>):
    /// Rd is an S register, Rm is an S or D register (Double flag); Imm bit 0 = unsigned; Imm2 = rounding.
    /// </summary>
    public static void VcvtToInt(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        bool dbl = Vfp.IsDouble(d);
        c.S[d.Rd] = (uint)SoftFloat.ToFixed(Vfp.Read(c, d.Rm, dbl), dbl ? 64 : 32, 32, 0, (d.Imm & 1) != 0, Rounding(c, d.Imm2), ref c.Fpscr);
    }

    /// <summary>VCVTA/VCVTN/VCVTP/VCVTM (FPv5): VcvtToInt with a fixed rounding; UNPREDICTABLE in an IT block.</summary>
    public static void VcvtDirected(Cpu c, ref DecodedInst d)
    {
        if (c.InItBlock) { c.Raise(FaultKind.Undefined, c.Pc); return; }
        VcvtToInt(c, ref d);
    }

    /// <summary>VCVT.F32/F64 from S32/U32: Rm is an S register, Rd is S or D (Double flag); Imm bit 0 = unsigned. Rounds per FPSCR.</summary>
    public static void VcvtFromInt(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        bool dbl = Vfp.IsDouble(d);
        Vfp.Write(c, d.Rd, dbl, SoftFloat.FromFixed(c.S[d.Rm], 32, 0, (d.Imm & 1) != 0, dbl ? 64 : 32, ref c.Fpscr));
    }

    /// <summary>
    /// VCVT between floating point and fixed point, in place on Rd (S or D by the Double flag).
    /// Imm bit 0 = unsigned, bit 1 = to fixed; Imm2 = fraction bits; ShiftN = fixed-point size (16 or 32).
    /// To fixed rounds towards zero and sign/zero-extends the result to the register width; from fixed
    /// reads the low <c>size</c> bits and rounds to nearest (ARM ARM: FixedToFP with round_to_nearest).
    /// </summary>
    public static void VcvtFixed(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        bool dbl = Vfp.IsDouble(d);
        int n = dbl ? 64 : 32;
        bool unsigned = (d.Imm & 1) != 0;
        int size = d.ShiftN, fbits = (int)d.Imm2;
        ulong op = Vfp.Read(c, d.Rd, dbl);
        if ((d.Imm & 2) != 0)
        {
            ulong r = SoftFloat.ToFixed(op, n, size, fbits, unsigned, Fpscr.RoundZero, ref c.Fpscr);
            if (!unsigned) r = size == 16 ? (ulong)(long)(short)r : (ulong)(long)(int)r;
            Vfp.Write(c, d.Rd, dbl, r);
        }
        else
        {
            uint ctl = Fpscr.WithRMode(c.Fpscr, Fpscr.RoundNearest);
            ulong r = SoftFloat.FromFixed(op, size, fbits, unsigned, n, ref ctl);
            c.Fpscr = (c.Fpscr & Fpscr.RModeMask) | (ctl & ~Fpscr.RModeMask);
            Vfp.Write(c, d.Rd, dbl, r);
        }
    }

    /// <summary>
    /// VCVTB/VCVTT: half precision in the bottom (Imm bit 0 = 0) or top (bit 0 = 1) half of an S register.
    /// Imm bit 1 = to half: Rd is the S register receiving the half (its other half is kept), Rm the S or D
    /// source. Otherwise Rm is the S register holding the half and Rd the S or D destination. The Double
    /// flag says the non-half side is a D register (FPv5). FPSCR.AHP selects the alternative format.
    /// </summary>
    public static void VcvtHalf(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        bool dbl = Vfp.IsDouble(d);
        int n = dbl ? 64 : 32;
        int shift = (d.Imm & 1) != 0 ? 16 : 0;
        if ((d.Imm & 2) != 0)
        {
            uint h = (uint)SoftFloat.Convert(Vfp.Read(c, d.Rm, dbl), n, 16, ref c.Fpscr);
            c.S[d.Rd] = (c.S[d.Rd] & ~(0xFFFFu << shift)) | (h << shift);
        }
        else
        {
            ulong h = (c.S[d.Rm] >> shift) & 0xFFFF;
            Vfp.Write(c, d.Rd, dbl, SoftFloat.Convert(h, 16, n, ref c.Fpscr));
        }
    }

    /// <summary>VRINTR/VRINTZ/VRINTX: Rd ← round-to-integral(Rm); Imm2 = rounding; Imm bit 0 = signal Inexact (VRINTX).</summary>
    public static void Vrint(Cpu c, ref DecodedInst d)
    {
        if (!Vfp.Check(c)) return;
        bool dbl = Vfp.IsDouble(d);
        Vfp.Write(c, d.Rd, dbl, SoftFloat.RoundInt(Vfp.Read(c, d.Rm, dbl), dbl ? 64 : 32, Rounding(c, d.Imm2), (d.Imm & 1) != 0, ref c.Fpscr));
    }

    /// <summary>VRINTA/VRINTN/VRINTP/VRINTM (FPv5): UNPREDICTABLE in an IT block.</summary>
    public static void VrintDirected(Cpu c, ref DecodedInst d)
    {
        if (c.InItBlock) { c.Raise(FaultKind.Undefined, c.Pc); return; }
        Vrint(c, ref d);
    }
}
