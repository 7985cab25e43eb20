using M7Sim.Execution;
using M7Sim.Timing;

namespace M7Sim.Decoding;

internal static partial class InstTable
{
    /// <summary>
    /// DSP extension: parallel add/subtract, saturating QADD family, SEL, PKH, extends with and without add
    /// (16- and 32-bit), SSAT16/USAT16 (A5.2.5, A5.3.3, A5.3.11-A5.3.14). USAD8/USADA8 sit with the
    /// multiplies (A5.3.16). Handler fields: see <see cref="Dsp"/>.
    /// </summary>
    private static unsafe Row[] DspRows() =>
    [
        // A5.2.5 16-bit miscellaneous: extends of a low register, no rotation.
        new Row("1011 0010 00mm mddd", "SxthT1", "sxth", &Dsp.Sxth, TimingClass.Extend, DspExtendT1),
        new Row("1011 0010 01mm mddd", "SxtbT1", "sxtb", &Dsp.Sxtb, TimingClass.Extend, DspExtendT1),
        new Row("1011 0010 10mm mddd", "UxthT1", "uxth", &Dsp.Uxth, TimingClass.Extend, DspExtendT1),
        new Row("1011 0010 11mm mddd", "UxtbT1", "uxtb", &Dsp.Uxtb, TimingClass.Extend, DspExtendT1),

        // A5.3.12 data processing (register), extends: 1111 1010 0 op1 Rn | 1111 Rd 1(0) rotate Rm.
        // Rn = 1111 is the plain extend (more fixed bits than the add form, so it wins). The (0) bit z is
        // checked in decode: set, it is UNPREDICTABLE rather than unallocated (Capstone, like LLVM, still decodes it).
        new Row("1111 1010 0000 nnnn 1111 dddd 1zrr mmmm", "SxtahT1", "sxtah", &Dsp.Sxtah, TimingClass.ExtendAdd, DspExtendAdd),
        new Row("1111 1010 0000 1111 1111 dddd 1zrr mmmm", "SxthT2", "sxth", &Dsp.Sxth, TimingClass.Extend, DspExtend),
        new Row("1111 1010 0001 nnnn 1111 dddd 1zrr mmmm", "UxtahT1", "uxtah", &Dsp.Uxtah, TimingClass.ExtendAdd, DspExtendAdd),
        new Row("1111 1010 0001 1111 1111 dddd 1zrr mmmm", "UxthT2", "uxth", &Dsp.Uxth, TimingClass.Extend, DspExtend),
        new Row("1111 1010 0010 nnnn 1111 dddd 1zrr mmmm", "Sxtab16T1", "sxtab16", &Dsp.Sxtab16, TimingClass.ExtendAdd, DspExtendAdd),
        new Row("1111 1010 0010 1111 1111 dddd 1zrr mmmm", "Sxtb16T1", "sxtb16", &Dsp.Sxtb16, TimingClass.Extend, DspExtend),
        new Row("1111 1010 0011 nnnn 1111 dddd 1zrr mmmm", "Uxtab16T1", "uxtab16", &Dsp.Uxtab16, TimingClass.ExtendAdd, DspExtendAdd),
        new Row("1111 1010 0011 1111 1111 dddd 1zrr mmmm", "Uxtb16T1", "uxtb16", &Dsp.Uxtb16, TimingClass.Extend, DspExtend),
        new Row("1111 1010 0100 nnnn 1111 dddd 1zrr mmmm", "SxtabT1", "sxtab", &Dsp.Sxtab, TimingClass.ExtendAdd, DspExtendAdd),
        new Row("1111 1010 0100 1111 1111 dddd 1zrr mmmm", "SxtbT2", "sxtb", &Dsp.Sxtb, TimingClass.Extend, DspExtend),
        new Row("1111 1010 0101 nnnn 1111 dddd 1zrr mmmm", "UxtabT1", "uxtab", &Dsp.Uxtab, TimingClass.ExtendAdd, DspExtendAdd),
        new Row("1111 1010 0101 1111 1111 dddd 1zrr mmmm", "UxtbT2", "uxtb", &Dsp.Uxtb, TimingClass.Extend, DspExtend),

        // A5.3.13 parallel add/subtract, signed: 1111 1010 1 op1 Rn | 1111 Rd 00 op2 Rm (op2: 00 plain, 01 Q, 10 halving).
        new Row("1111 1010 1001 nnnn 1111 dddd 0000 mmmm", "Sadd16T1", "sadd16", &Dsp.Sadd16, TimingClass.Simd, DspParallel),
        new Row("1111 1010 1010 nnnn 1111 dddd 0000 mmmm", "SasxT1", "sasx", &Dsp.Sasx, TimingClass.Simd, DspParallel),
        new Row("1111 1010 1110 nnnn 1111 dddd 0000 mmmm", "SsaxT1", "ssax", &Dsp.Ssax, TimingClass.Simd, DspParallel),
        new Row("1111 1010 1101 nnnn 1111 dddd 0000 mmmm", "Ssub16T1", "ssub16", &Dsp.Ssub16, TimingClass.Simd, DspParallel),
        new Row("1111 1010 1000 nnnn 1111 dddd 0000 mmmm", "Sadd8T1", "sadd8", &Dsp.Sadd8, TimingClass.Simd, DspParallel),
        new Row("1111 1010 1100 nnnn 1111 dddd 0000 mmmm", "Ssub8T1", "ssub8", &Dsp.Ssub8, TimingClass.Simd, DspParallel),
        new Row("1111 1010 1001 nnnn 1111 dddd 0001 mmmm", "Qadd16T1", "qadd16", &Dsp.Qadd16, TimingClass.SimdSat, DspParallel),
        new Row("1111 1010 1010 nnnn 1111 dddd 0001 mmmm", "QasxT1", "qasx", &Dsp.Qasx, TimingClass.SimdSat, DspParallel),
        new Row("1111 1010 1110 nnnn 1111 dddd 0001 mmmm", "QsaxT1", "qsax", &Dsp.Qsax, TimingClass.SimdSat, DspParallel),
        new Row("1111 1010 1101 nnnn 1111 dddd 0001 mmmm", "Qsub16T1", "qsub16", &Dsp.Qsub16, TimingClass.SimdSat, DspParallel),
        new Row("1111 1010 1000 nnnn 1111 dddd 0001 mmmm", "Qadd8T1", "qadd8", &Dsp.Qadd8, TimingClass.SimdSat, DspParallel),
        new Row("1111 1010 1100 nnnn 1111 dddd 0001 mmmm", "Qsub8T1", "qsub8", &Dsp.Qsub8, TimingClass.SimdSat, DspParallel),
        new Row("1111 1010 1001 nnnn 1111 dddd 0010 mmmm", "Shadd16T1", "shadd16", &Dsp.Shadd16, TimingClass.Simd, DspParallel),
        new Row("1111 1010 1010 nnnn 1111 dddd 0010 mmmm", "ShasxT1", "shasx", &Dsp.Shasx, TimingClass.Simd, DspParallel),
        new Row("1111 1010 1110 nnnn 1111 dddd 0010 mmmm", "ShsaxT1", "shsax", &Dsp.Shsax, TimingClass.Simd, DspParallel),
        new Row("1111 1010 1101 nnnn 1111 dddd 0010 mmmm", "Shsub16T1", "shsub16", &Dsp.Shsub16, TimingClass.Simd, DspParallel),
        new Row("1111 1010 1000 nnnn 1111 dddd 0010 mmmm", "Shadd8T1", "shadd8", &Dsp.Shadd8, TimingClass.Simd, DspParallel),
        new Row("1111 1010 1100 nnnn 1111 dddd 0010 mmmm", "Shsub8T1", "shsub8", &Dsp.Shsub8, TimingClass.Simd, DspParallel),

        // A5.3.14 parallel add/subtract, unsigned: 1111 1010 1 op1 Rn | 1111 Rd 01 op2 Rm.
        new Row("1111 1010 1001 nnnn 1111 dddd 0100 mmmm", "Uadd16T1", "uadd16", &Dsp.Uadd16, TimingClass.Simd, DspParallel),
        new Row("1111 1010 1010 nnnn 1111 dddd 0100 mmmm", "UasxT1", "uasx", &Dsp.Uasx, TimingClass.Simd, DspParallel),
        new Row("1111 1010 1110 nnnn 1111 dddd 0100 mmmm", "UsaxT1", "usax", &Dsp.Usax, TimingClass.Simd, DspParallel),
        new Row("1111 1010 1101 nnnn 1111 dddd 0100 mmmm", "Usub16T1", "usub16", &Dsp.Usub16, TimingClass.Simd, DspParallel),
        new Row("1111 1010 1000 nnnn 1111 dddd 0100 mmmm", "Uadd8T1", "uadd8", &Dsp.Uadd8, TimingClass.Simd, DspParallel),
        new Row("1111 1010 1100 nnnn 1111 dddd 0100 mmmm", "Usub8T1", "usub8", &Dsp.Usub8, TimingClass.Simd, DspParallel),
        new Row("1111 1010 1001 nnnn 1111 dddd 0101 mmmm", "Uqadd16T1", "uqadd16", &Dsp.Uqadd16, TimingClass.SimdSat, DspParallel),
        new Row("1111 1010 1010 nnnn 1111 dddd 0101 mmmm", "UqasxT1", "uqasx", &Dsp.Uqasx, TimingClass.SimdSat, DspParallel),
        new Row("1111 1010 1110 nnnn 1111 dddd 0101 mmmm", "UqsaxT1", "uqsax", &Dsp.Uqsax, TimingClass.SimdSat, DspParallel),
        new Row("1111 1010 1101 nnnn 1111 dddd 0101 mmmm", "Uqsub16T1", "uqsub16", &Dsp.Uqsub16, TimingClass.SimdSat, DspParallel),
        new Row("1111 1010 1000 nnnn 1111 dddd 0101 mmmm", "Uqadd8T1", "uqadd8", &Dsp.Uqadd8, TimingClass.SimdSat, DspParallel),
        new Row("1111 1010 1100 nnnn 1111 dddd 0101 mmmm", "Uqsub8T1", "uqsub8", &Dsp.Uqsub8, TimingClass.SimdSat, DspParallel),
        new Row("1111 1010 1001 nnnn 1111 dddd 0110 mmmm", "Uhadd16T1", "uhadd16", &Dsp.Uhadd16, TimingClass.Simd, DspParallel),
        new Row("1111 1010 1010 nnnn 1111 dddd 0110 mmmm", "UhasxT1", "uhasx", &Dsp.Uhasx, TimingClass.Simd, DspParallel),
        new Row("1111 1010 1110 nnnn 1111 dddd 0110 mmmm", "UhsaxT1", "uhsax", &Dsp.Uhsax, TimingClass.Simd, DspParallel),
        new Row("1111 1010 1101 nnnn 1111 dddd 0110 mmmm", "Uhsub16T1", "uhsub16", &Dsp.Uhsub16, TimingClass.Simd, DspParallel),
        new Row("1111 1010 1000 nnnn 1111 dddd 0110 mmmm", "Uhadd8T1", "uhadd8", &Dsp.Uhadd8, TimingClass.Simd, DspParallel),
        new Row("1111 1010 1100 nnnn 1111 dddd 0110 mmmm", "Uhsub8T1", "uhsub8", &Dsp.Uhsub8, TimingClass.Simd, DspParallel),

        // A5.3.15 miscellaneous operations (the saturating ones and SEL; REV/RBIT/CLZ live with data processing):
        // 1111 1010 10 op1 Rn | 1111 Rd 10 op2 Rm. QADD Rd, Rm, Rn: Rn is the hw1 register, the doubled one for QDADD/QDSUB.
        new Row("1111 1010 1000 nnnn 1111 dddd 1000 mmmm", "QaddT1", "qadd", &Dsp.Qadd, TimingClass.SimdSat, DspParallel),
        new Row("1111 1010 1000 nnnn 1111 dddd 1001 mmmm", "QdaddT1", "qdadd", &Dsp.Qdadd, TimingClass.Saturate, DspDoubling),
        new Row("1111 1010 1000 nnnn 1111 dddd 1010 mmmm", "QsubT1", "qsub", &Dsp.Qsub, TimingClass.SimdSat, DspParallel),
        new Row("1111 1010 1000 nnnn 1111 dddd 1011 mmmm", "QdsubT1", "qdsub", &Dsp.Qdsub, TimingClass.Saturate, DspDoubling),
        new Row("1111 1010 1010 nnnn 1111 dddd 1000 mmmm", "SelT1", "sel", &Dsp.Sel, TimingClass.Simd, DspParallel),

        // A5.3.3 data processing (plain binary immediate): SSAT/USAT with sh = 1 and imm3:imm2 = 00000. The (0) bits stay
        // fixed, as in the SSAT/USAT rows these encodings nest in (the table self-test checks the nesting).
        new Row("1111 0011 0010 nnnn 0000 dddd 0000 iiii", "Ssat16T1", "ssat16", &Dsp.Ssat16, TimingClass.Saturate, static (in Fields f, ref DecodedInst d) => DspSat16(f, ref d, true)),
        new Row("1111 0011 1010 nnnn 0000 dddd 0000 iiii", "Usat16T1", "usat16", &Dsp.Usat16, TimingClass.Saturate, static (in Fields f, ref DecodedInst d) => DspSat16(f, ref d, false)),

        // A5.3.11 data processing (shifted register), op = 0110 with S = 0 and T = 0 (S or T set is UNDEFINED: no row);
        // the (0) bit 15 (z) is checked in decode.
        new Row("1110 1010 1100 nnnn ziii dddd ii00 mmmm", "PkhbtT1", "pkhbt", &Dsp.Pkh, TimingClass.Pack, static (in Fields f, ref DecodedInst d) => DspPkh(f, ref d, false)),
        new Row("1110 1010 1100 nnnn ziii dddd ii10 mmmm", "PkhtbT1", "pkhtb", &Dsp.Pkh, TimingClass.Pack, static (in Fields f, ref DecodedInst d) => DspPkh(f, ref d, true)),
    ];

    private static bool DspIsSpOrPc(uint r) => r is 13 or 15;

    /// <summary>16-bit SXTH/SXTB/UXTH/UXTB: Rd = bits 2:0, Rm = bits 5:3, rotation 0.</summary>
    private static DecodeStatus DspExtendT1(in Fields f, ref DecodedInst d)
    {
        uint rd = f['d'], rm = f['m'];
        d.Rd = (byte)rd;
        d.Rm = (byte)rm;
        d.Imm = 0;
        d.Reads((int)rm);
        d.Writes((int)rd);
        return DecodeStatus.Ok;
    }

    /// <summary>32-bit extend without add: Imm = rotation (rotate:'000'); d or m in {13, 15} is UNPREDICTABLE.</summary>
    private static DecodeStatus DspExtend(in Fields f, ref DecodedInst d)
    {
        uint rd = f['d'], rm = f['m'];
        if (DspIsSpOrPc(rd) || DspIsSpOrPc(rm) || f['z'] != 0) return DecodeStatus.Unpredictable;
        d.Rd = (byte)rd;
        d.Rm = (byte)rm;
        d.Imm = f['r'] * 8;
        d.Reads((int)rm);
        d.Writes((int)rd);
        return DecodeStatus.Ok;
    }

    /// <summary>
    /// Extend and add: as <see cref="DspExtend"/> plus Rn (n = 13 is UNPREDICTABLE; 15 is the plain extend's row).
    /// The rotated Rm passes through the early-ALU shifter, so it is read one stage early.
    /// </summary>
    private static DecodeStatus DspExtendAdd(in Fields f, ref DecodedInst d)
    {
        uint rd = f['d'], rn = f['n'], rm = f['m'];
        if (DspIsSpOrPc(rd) || rn == 13 || DspIsSpOrPc(rm) || f['z'] != 0) return DecodeStatus.Unpredictable;
        d.Rd = (byte)rd;
        d.Rn = (byte)rn;
        d.Rm = (byte)rm;
        d.Imm = f['r'] * 8;
        d.Reads((int)rn);
        d.ReadsEarly((int)rm);
        d.Writes((int)rd);
        return DecodeStatus.Ok;
    }

    /// <summary>Rd, Rn, Rm register forms (parallel add/subtract, QADD/QSUB, SEL): any of them in {13, 15} is UNPREDICTABLE.</summary>
    private static DecodeStatus DspParallel(in Fields f, ref DecodedInst d)
    {
        uint rd = f['d'], rn = f['n'], rm = f['m'];
        if (DspIsSpOrPc(rd) || DspIsSpOrPc(rn) || DspIsSpOrPc(rm)) return DecodeStatus.Unpredictable;
        d.Rd = (byte)rd;
        d.Rn = (byte)rn;
        d.Rm = (byte)rm;
        d.Reads((int)rn, (int)rm);
        d.Writes((int)rd);
        return DecodeStatus.Ok;
    }

    /// <summary>QDADD/QDSUB: as <see cref="DspParallel"/>, but the doubled Rn goes through the shifter at EX1 (read early).</summary>
    private static DecodeStatus DspDoubling(in Fields f, ref DecodedInst d)
    {
        uint rd = f['d'], rn = f['n'], rm = f['m'];
        if (DspIsSpOrPc(rd) || DspIsSpOrPc(rn) || DspIsSpOrPc(rm)) return DecodeStatus.Unpredictable;
        d.Rd = (byte)rd;
        d.Rn = (byte)rn;
        d.Rm = (byte)rm;
        d.Reads((int)rm);
        d.ReadsEarly((int)rn);
        d.Writes((int)rd);
        return DecodeStatus.Ok;
    }

    /// <summary>SSAT16/USAT16: Imm = saturate_to = sat_imm + 1 for SSAT16 (1..16), sat_imm for USAT16 (0..15); source read early.</summary>
    private static DecodeStatus DspSat16(in Fields f, ref DecodedInst d, bool ssat)
    {
        uint rd = f['d'], rn = f['n'];
        if (DspIsSpOrPc(rd) || DspIsSpOrPc(rn)) return DecodeStatus.Unpredictable;
        d.Rd = (byte)rd;
        d.Rn = (byte)rn;
        d.Imm = f['i'] + (ssat ? 1u : 0u);
        d.ReadsEarly((int)rn);
        d.Writes((int)rd);
        return DecodeStatus.Ok;
    }

    /// <summary>
    /// PKHBT/PKHTB: DecodeImmShift(tb:'0', imm3:imm2), so BT is LSL #0-31 and TB is ASR #1-32 (imm 0 means 32).
    /// The shifted Rm is read early; PKHTB's Rn is early too (jnk0le, timing facts §1.4).
    /// </summary>
    private static DecodeStatus DspPkh(in Fields f, ref DecodedInst d, bool tb)
    {
        uint rd = f['d'], rn = f['n'], rm = f['m'], imm5 = f['i'];
        if (DspIsSpOrPc(rd) || DspIsSpOrPc(rn) || DspIsSpOrPc(rm) || f['z'] != 0) return DecodeStatus.Unpredictable;
        d.Rd = (byte)rd;
        d.Rn = (byte)rn;
        d.Rm = (byte)rm;
        if (tb)
        {
            d.ShiftType = Isa.SRType.Asr;
            d.ShiftN = (byte)(imm5 == 0 ? 32 : imm5);
            d.Imm2 = imm5 == 0 ? 31u : imm5; // ASR #32 and #31 give the same 32-bit result
            d.Imm = 0x0000_FFFF;
            d.ReadsEarly((int)rn, (int)rm);
        }
        else
        {
            d.ShiftType = Isa.SRType.Lsl;
            d.ShiftN = (byte)imm5;
            d.Imm2 = imm5;
            d.Imm = 0xFFFF_0000;
            d.Reads((int)rn);
            d.ReadsEarly((int)rm);
        }
        d.Writes((int)rd);
        return DecodeStatus.Ok;
    }
}
