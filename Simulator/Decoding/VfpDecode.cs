using M7Sim.Execution;
using M7Sim.Isa;
using M7Sim.Timing;

namespace M7Sim.Decoding;

/// <summary>
/// Decode steps of the floating-point rows (InstTable.Vfp.cs): register numbers (S index Vd:D for single,
/// D index D:Vd for double — FPv5-D16 has only D0-D15, so a set D/N/M bit with a double operand is
/// UNDEFINED), immediates, the UNPREDICTABLE checks of the ARM ARM, and the timing facts (Fp/Double flags,
/// the double-precision timing class, core registers read and written).
/// </summary>
internal static class VfpDecode
{
    private static bool Reg(uint v, uint extra, bool dbl, out byte idx)
    {
        if (dbl)
        {
            idx = (byte)((extra << 4) | v);
            return extra == 0;
        }
        idx = (byte)((v << 1) | extra);
        return true;
    }

    private static TimingClass DoubleClass(TimingClass c) => c switch
    {
        TimingClass.FpAlu => TimingClass.FpAluDouble,
        TimingClass.FpMul => TimingClass.FpMulDouble,
        TimingClass.FpMac or TimingClass.FpFma => TimingClass.FpMacDouble,
        TimingClass.FpDiv => TimingClass.FpDivDouble,
        TimingClass.FpLoad => TimingClass.FpLoadDouble,
        _ => c,
    };

    private static DecodeStatus Fp(ref DecodedInst d, bool dbl)
    {
        d.Flags |= InstFlags.Fp;
        if (dbl)
        {
            d.Flags |= InstFlags.Double;
            d.Class = DoubleClass(d.Class);
        }
        return DecodeStatus.Ok;
    }

    private static bool Bit(in Fields f, int n) => ((f.Raw >> n) & 1) != 0;

    /// <summary>Rd, Rn, Rm of the instruction's precision (sz).</summary>
    public static DecodeStatus ThreeRegs(in Fields f, ref DecodedInst d)
    {
        bool dbl = f.Bit('s');
        if (!Reg(f['d'], f['D'], dbl, out d.Rd) || !Reg(f['n'], f['N'], dbl, out d.Rn) || !Reg(f['m'], f['M'], dbl, out d.Rm))
            return DecodeStatus.Undefined;
        return Fp(ref d, dbl);
    }

    /// <summary>Rd, Rm of the instruction's precision (sz).</summary>
    public static DecodeStatus TwoRegs(in Fields f, ref DecodedInst d)
    {
        bool dbl = f.Bit('s');
        if (!Reg(f['d'], f['D'], dbl, out d.Rd) || !Reg(f['m'], f['M'], dbl, out d.Rm)) return DecodeStatus.Undefined;
        return Fp(ref d, dbl);
    }

    /// <summary>VSEL: the condition is cc:(cc&lt;1&gt; EOR cc&lt;0&gt;):'0' (EQ, VS, GE, GT), fixed per row.</summary>
    public static DecodeFn Sel(uint cond) => (in Fields f, ref DecodedInst d) =>
    {
        d.Imm = cond;
        d.Flags |= InstFlags.ReadsFlags;
        return ThreeRegs(f, ref d);
    };

    /// <summary>VMOV immediate: VFPExpandImm(imm8) into Imm (the upper word for a double).</summary>
    public static DecodeStatus MovImm(in Fields f, ref DecodedInst d)
    {
        bool dbl = f.Bit('s');
        if (!Reg(f['d'], f['D'], dbl, out d.Rd)) return DecodeStatus.Undefined;
        uint imm8 = f['i'];
        uint sign = imm8 >> 7, b6 = (imm8 >> 6) & 1, e54 = (imm8 >> 4) & 3, frac = imm8 & 15;
        if (dbl)
        {
            uint exp = ((b6 ^ 1) << 10) | (b6 != 0 ? 0xFFu << 2 : 0) | e54;   // NOT(b6) : Replicate(b6, 8) : imm8<5:4>
            d.Imm = (sign << 31) | (exp << 20) | (frac << 16);
        }
        else
        {
            uint exp = ((b6 ^ 1) << 7) | (b6 != 0 ? 0x1Fu << 2 : 0) | e54;    // NOT(b6) : Replicate(b6, 5) : imm8<5:4>
            d.Imm = (sign << 31) | (exp << 23) | (frac << 19);
        }
        return Fp(ref d, dbl);
    }

    /// <summary>VCVTB (bottom half).</summary>
    public static DecodeStatus HalfBottom(in Fields f, ref DecodedInst d) => Half(f, ref d, false);

    /// <summary>VCVTT (top half).</summary>
    public static DecodeStatus HalfTop(in Fields f, ref DecodedInst d) => Half(f, ref d, true);

    private static DecodeStatus Half(in Fields f, ref DecodedInst d, bool top)
    {
        bool dbl = f.Bit('s'), toHalf = f.Bit('o');
        bool ok = toHalf
            ? Reg(f['d'], f['D'], false, out d.Rd) && Reg(f['m'], f['M'], dbl, out d.Rm)
            : Reg(f['d'], f['D'], dbl, out d.Rd) && Reg(f['m'], f['M'], false, out d.Rm);
        if (!ok) return DecodeStatus.Undefined;
        d.Imm = (top ? 1u : 0) | (toHalf ? 2u : 0);
        return Fp(ref d, dbl);
    }

    /// <summary>VCMP/VCMPE Rd, Rm: Imm bit 0 = E (encoding bit 7).</summary>
    public static DecodeStatus Compare(in Fields f, ref DecodedInst d)
    {
        d.Imm = Bit(f, 7) ? 1u : 0;
        return TwoRegs(f, ref d);
    }

    /// <summary>VCMP/VCMPE Rd, #0.0: Imm bit 1 marks the zero operand.</summary>
    public static DecodeStatus CompareZero(in Fields f, ref DecodedInst d)
    {
        bool dbl = f.Bit('s');
        if (!Reg(f['d'], f['D'], dbl, out d.Rd)) return DecodeStatus.Undefined;
        d.Imm = (Bit(f, 7) ? 1u : 0) | 2;
        return Fp(ref d, dbl);
    }

    /// <summary>VRINT*: Imm2 = rounding selector, Imm bit 0 = signal Inexact.</summary>
    public static DecodeFn Rint(uint rounding, bool exact) => (in Fields f, ref DecodedInst d) =>
    {
        d.Imm2 = rounding;
        d.Imm = exact ? 1u : 0;
        return TwoRegs(f, ref d);
    };

    /// <summary>VCVT.F64.F32 (sz = 0: Rd double, Rm single) and VCVT.F32.F64 (sz = 1: Rd single, Rm double).</summary>
    public static DecodeStatus CvtFloat(in Fields f, ref DecodedInst d)
    {
        bool fromDouble = f.Bit('s');
        if (!Reg(f['d'], f['D'], !fromDouble, out d.Rd) || !Reg(f['m'], f['M'], fromDouble, out d.Rm)) return DecodeStatus.Undefined;
        d.Imm = fromDouble ? 1u : 0;
        return Fp(ref d, true);
    }

    /// <summary>VCVT.F32/F64.S32/U32: Rm single, Rd of precision sz; Imm bit 0 = unsigned (op = 0).</summary>
    public static DecodeStatus CvtFromInt(in Fields f, ref DecodedInst d)
    {
        bool dbl = f.Bit('s');
        if (!Reg(f['d'], f['D'], dbl, out d.Rd) || !Reg(f['m'], f['M'], false, out d.Rm)) return DecodeStatus.Undefined;
        d.Imm = f.Bit('o') ? 0u : 1;
        return Fp(ref d, dbl);
    }

    /// <summary>VCVT/VCVTR.S32/U32.F32/F64: Rd single, Rm of precision sz; opc2&lt;0&gt; = 1 is signed.</summary>
    public static DecodeFn CvtToInt(uint rounding) => (in Fields f, ref DecodedInst d) =>
    {
        bool dbl = f.Bit('s');
        if (!Reg(f['d'], f['D'], false, out d.Rd) || !Reg(f['m'], f['M'], dbl, out d.Rm)) return DecodeStatus.Undefined;
        d.Imm = f.Bit('u') ? 0u : 1;
        d.Imm2 = rounding;
        return Fp(ref d, dbl);
    };

    /// <summary>VCVTA/N/P/M (FPv5): Rd single, Rm of precision sz; op (bit 7) = 1 is signed.</summary>
    public static DecodeFn CvtDirected(uint rounding) => (in Fields f, ref DecodedInst d) =>
    {
        bool dbl = f.Bit('s');
        if (!Reg(f['d'], f['D'], false, out d.Rd) || !Reg(f['m'], f['M'], dbl, out d.Rm)) return DecodeStatus.Undefined;
        d.Imm = f.Bit('o') ? 0u : 1;
        d.Imm2 = rounding;
        return Fp(ref d, dbl);
    };

    /// <summary>VCVT between floating point and fixed point: frac_bits = size − imm4:i (UNPREDICTABLE when negative).</summary>
    public static DecodeStatus CvtFixed(in Fields f, ref DecodedInst d)
    {
        bool dbl = f.Bit('s');
        if (!Reg(f['d'], f['D'], dbl, out d.Rd)) return DecodeStatus.Undefined;
        int size = f.Bit('x') ? 32 : 16;
        int fbits = size - (int)((f['j'] << 1) | f['i']);
        if (fbits < 0) return DecodeStatus.Unpredictable;
        d.Rm = d.Rd;
        d.Imm = (f.Bit('u') ? 1u : 0) | (f.Bit('o') ? 2u : 0);
        d.Imm2 = (uint)fbits;
        d.ShiftN = (byte)size;
        return Fp(ref d, dbl);
    }

    private static void CoreTransfer(ref DecodedInst d, bool toCore, int t, int t2 = -1)
    {
        if (toCore) d.Writes(t, t2); else d.Reads(t, t2);
    }

    /// <summary>VMOV Sn, Rt / VMOV Rt, Sn: Rd = Rt, Rm = S index Vn:N.</summary>
    public static DecodeFn CoreSingle(bool toCore) => (in Fields f, ref DecodedInst d) =>
    {
        uint t = f['t'];
        if (t is 13 or 15) return DecodeStatus.Unpredictable;
        d.Rd = (byte)t;
        d.Rm = (byte)((f['n'] << 1) | f['N']);
        CoreTransfer(ref d, toCore, (int)t);
        return Fp(ref d, false);
    };

    /// <summary>VMOV.32 Dn[x], Rt / VMOV.32 Rt, Dn[x]: the S register holding that half, Rm = 2n + x.</summary>
    public static DecodeFn CoreScalar(bool toCore) => (in Fields f, ref DecodedInst d) =>
    {
        uint t = f['t'];
        if (t is 13 or 15) return DecodeStatus.Unpredictable;
        if (!Reg(f['n'], f['N'], true, out byte dn)) return DecodeStatus.Undefined;
        d.Rd = (byte)t;
        d.Rm = (byte)(2 * dn + f['h']);
        CoreTransfer(ref d, toCore, (int)t);
        return Fp(ref d, false);
    };

    /// <summary>VMOV Sm, Sm+1, Rt, Rt2 (and back): Rd = Rt, Ra = Rt2, Rm = S index Vm:M.</summary>
    public static DecodeFn CoreTwoSingles(bool toCore) => (in Fields f, ref DecodedInst d) =>
    {
        uint t = f['t'], t2 = f['T'], m = (f['m'] << 1) | f['M'];
        if (t == 15 || t2 == 15 || m == 31 || t == 13 || t2 == 13 || (toCore && t == t2)) return DecodeStatus.Unpredictable;
        d.Rd = (byte)t;
        d.Ra = (byte)t2;
        d.Rm = (byte)m;
        CoreTransfer(ref d, toCore, (int)t, (int)t2);
        return Fp(ref d, false);
    };

    /// <summary>VMOV Dm, Rt, Rt2 (and back): Rd = Rt (low word), Ra = Rt2, Rm = D index M:Vm.</summary>
    public static DecodeFn CoreDouble(bool toCore) => (in Fields f, ref DecodedInst d) =>
    {
        uint t = f['t'], t2 = f['T'];
        if (!Reg(f['m'], f['M'], true, out d.Rm)) return DecodeStatus.Undefined;
        if (t == 15 || t2 == 15 || t == 13 || t2 == 13 || (toCore && t == t2)) return DecodeStatus.Unpredictable;
        d.Rd = (byte)t;
        d.Ra = (byte)t2;
        CoreTransfer(ref d, toCore, (int)t, (int)t2);
        return Fp(ref d, true);
    };

    /// <summary>VMRS Rt, FPSCR: Rd = Rt; Rt = 15 is the APSR_nzcv form.</summary>
    public static DecodeStatus Vmrs(in Fields f, ref DecodedInst d)
    {
        uint t = f['t'];
        if (t == 13) return DecodeStatus.Unpredictable;
        d.Rd = (byte)t;
        if (t == 15) d.Flags |= InstFlags.WritesFlags; else d.Writes((int)t);
        return Fp(ref d, false);
    }

    /// <summary>VMSR FPSCR, Rt: Rd = Rt.</summary>
    public static DecodeStatus Vmsr(in Fields f, ref DecodedInst d)
    {
        uint t = f['t'];
        if (t is 13 or 15) return DecodeStatus.Unpredictable;
        d.Rd = (byte)t;
        d.Reads((int)t);
        return Fp(ref d, false);
    }

    /// <summary>VLDR/VSTR: Rn = base (15 = literal, loads only), Imm = imm8 × 4, ShiftN bit 0 = add.</summary>
    public static DecodeFn LoadStoreOne(bool load) => (in Fields f, ref DecodedInst d) =>
    {
        bool dbl = f.Bit('s');
        if (!Reg(f['d'], f['D'], dbl, out d.Rd)) return DecodeStatus.Undefined;
        uint n = f['n'];
        if (!load && n == 15) return DecodeStatus.Unpredictable;
        d.Rn = (byte)n;
        d.Imm = f['i'] << 2;
        d.ShiftN = (byte)(f.Bit('u') ? 1 : 0);
        if (n != 15) d.ReadsEarly((int)n);
        return Fp(ref d, dbl);
    };

    /// <summary>
    /// VLDM/VSTM IA (P=0, U=1, optional writeback) and DB (P=1, U=0, writeback). Imm = imm8 × 4 (also the
    /// writeback amount, so an odd imm8 with doubles — FLDMX/FSTMX — moves the base one extra word as the
    /// ARM ARM pseudocode does), Imm2 = register count, ShiftN bit 0 = add, bit 1 = writeback.
    /// </summary>
    public static DecodeStatus LoadStoreMultiple(in Fields f, ref DecodedInst d)
    {
        bool p = f.Bit('p'), u = f.Bit('u'), w = f.Bit('w');
        if (p && !w) return DecodeStatus.SeeOther;                 // VLDR / VSTR
        if (p == u && w) return DecodeStatus.Undefined;
        if (!p && !u && !w) return DecodeStatus.Undefined;          // 64-bit transfers live in their own rows
        uint n = f['n'];
        if (n == 15) return DecodeStatus.Unpredictable;
        return Multiple(f, ref d, n, u, w);
    }

    /// <summary>VPUSH (VSTMDB SP!) and VPOP (VLDMIA SP!).</summary>
    public static DecodeStatus PushPop(in Fields f, ref DecodedInst d) => Multiple(f, ref d, 13, Bit(f, 23), true);

    private static DecodeStatus Multiple(in Fields f, ref DecodedInst d, uint n, bool add, bool wback)
    {
        bool dbl = f.Bit('s');
        if (!Reg(f['d'], f['D'], dbl, out d.Rd)) return DecodeStatus.Undefined;
        uint imm8 = f['i'];
        uint regs = dbl ? imm8 / 2 : imm8;
        if (regs == 0 || d.Rd + regs > (dbl ? 16u : 32u)) return DecodeStatus.Unpredictable;
        d.Rn = (byte)n;
        d.Imm = imm8 << 2;
        d.Imm2 = regs;
        d.ShiftN = (byte)((add ? 1 : 0) | (wback ? 2 : 0));
        d.ReadsEarly((int)n);
        if (wback) d.Writes((int)n);
        return Fp(ref d, dbl);
    }
}
