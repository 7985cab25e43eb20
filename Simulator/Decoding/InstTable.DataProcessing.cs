using M7Sim.Execution;
using M7Sim.Isa;
using M7Sim.Timing;
using DP = M7Sim.Execution.DataProcessing;

namespace M7Sim.Decoding;

internal static partial class InstTable
{
    /// <summary>Data processing, 16- and 32-bit: arithmetic, logic, moves, shifts, compares, MOVW/MOVT, ADR, bitfield, SSAT/USAT, CLZ/RBIT/REV* (A5.2.1-A5.2.4, A5.3.1-A5.3.3, A5.3.11, A5.3.15).</summary>
    private static unsafe Row[] DataProcessingRows() =>
    [
        .. DataProcessing16Rows(),
    ];

    /// <summary>16-bit encodings: A5.2.1 (shift, add, subtract, move, compare), A5.2.2, A5.2.3 (special data), ADR/ADD SP, A5.2.5 SP adjust and REV.</summary>
    private static unsafe Row[] DataProcessing16Rows() =>
    [
        // A5.2.1 shift (immediate), add, subtract, move, compare
        new Row("0000 0000 00mm mddd", "MovRegT2", "movs", &DP.MovsRegOutsideIt, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
        {
            d.Rd = (byte)f['d']; d.Rm = (byte)f['m'];
            d.SetFlags = FlagsMode.Always;
            d.Flags |= InstFlags.WritesFlags;
            d.Reads(d.Rm); d.Writes(d.Rd);
            return DecodeStatus.Ok;
        }),
        new Row("0000 0iii iimm mddd", "LslImmT1", "lsl", &DP.ShiftImm, TimingClass.Shift, static (in Fields f, ref DecodedInst d) => ShiftImm16(f, ref d, 0)),
        new Row("0000 1iii iimm mddd", "LsrImmT1", "lsr", &DP.ShiftImm, TimingClass.Shift, static (in Fields f, ref DecodedInst d) => ShiftImm16(f, ref d, 1)),
        new Row("0001 0iii iimm mddd", "AsrImmT1", "asr", &DP.ShiftImm, TimingClass.Shift, static (in Fields f, ref DecodedInst d) => ShiftImm16(f, ref d, 2)),
        new Row("0001 100m mmnn nddd", "AddRegT1", "add", &DP.AddReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => Reg16(ref d, f['d'], f['n'], f['m'])),
        new Row("0001 101m mmnn nddd", "SubRegT1", "sub", &DP.SubReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => Reg16(ref d, f['d'], f['n'], f['m'])),
        new Row("0001 110i iinn nddd", "AddImmT1", "add", &DP.AddImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => Imm16(ref d, f['d'], f['n'], f['i'])),
        new Row("0001 111i iinn nddd", "SubImmT1", "sub", &DP.SubImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => Imm16(ref d, f['d'], f['n'], f['i'])),
        new Row("0010 0ddd iiii iiii", "MovImmT1", "mov", &DP.MovImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
        {
            d.Rd = (byte)f['d']; d.Imm = f['i']; d.Imm2 = DP.CarryUnchanged;
            d.SetFlags = FlagsMode.OutsideIt;
            d.Flags |= InstFlags.WritesFlags;
            d.Writes(d.Rd);
            return DecodeStatus.Ok;
        }),
        new Row("0010 1nnn iiii iiii", "CmpImmT1", "cmp", &DP.CmpImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => Compare(ref d, f['n'], -1, f['i'])),
        new Row("0011 0ddd iiii iiii", "AddImmT2", "add", &DP.AddImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => Imm16(ref d, f['d'], f['d'], f['i'])),
        new Row("0011 1ddd iiii iiii", "SubImmT2", "sub", &DP.SubImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => Imm16(ref d, f['d'], f['d'], f['i'])),

        // A5.2.2 data processing (Rdn, Rm); MUL T1 belongs to the multiply group
        new Row("0100 0000 00mm mddd", "AndRegT1", "and", &DP.AndReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => Reg16(ref d, f['d'], f['d'], f['m'])),
        new Row("0100 0000 01mm mddd", "EorRegT1", "eor", &DP.EorReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => Reg16(ref d, f['d'], f['d'], f['m'])),
        new Row("0100 0000 10mm mddd", "LslRegT1", "lsl", &DP.ShiftReg, TimingClass.Shift, static (in Fields f, ref DecodedInst d) => ShiftReg16(f, ref d, SRType.Lsl)),
        new Row("0100 0000 11mm mddd", "LsrRegT1", "lsr", &DP.ShiftReg, TimingClass.Shift, static (in Fields f, ref DecodedInst d) => ShiftReg16(f, ref d, SRType.Lsr)),
        new Row("0100 0001 00mm mddd", "AsrRegT1", "asr", &DP.ShiftReg, TimingClass.Shift, static (in Fields f, ref DecodedInst d) => ShiftReg16(f, ref d, SRType.Asr)),
        new Row("0100 0001 01mm mddd", "AdcRegT1", "adc", &DP.AdcReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => ReadsCarry(Reg16(ref d, f['d'], f['d'], f['m']), ref d)),
        new Row("0100 0001 10mm mddd", "SbcRegT1", "sbc", &DP.SbcReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => ReadsCarry(Reg16(ref d, f['d'], f['d'], f['m']), ref d)),
        new Row("0100 0001 11mm mddd", "RorRegT1", "ror", &DP.ShiftReg, TimingClass.Shift, static (in Fields f, ref DecodedInst d) => ShiftReg16(f, ref d, SRType.Ror)),
        new Row("0100 0010 00mm mnnn", "TstRegT1", "tst", &DP.TstReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => Compare(ref d, f['n'], (int)f['m'], 0)),
        new Row("0100 0010 01nn nddd", "RsbImmT1", "rsb", &DP.RsbImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => Imm16(ref d, f['d'], f['n'], 0)),
        new Row("0100 0010 10mm mnnn", "CmpRegT1", "cmp", &DP.CmpReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => Compare(ref d, f['n'], (int)f['m'], 0)),
        new Row("0100 0010 11mm mnnn", "CmnRegT1", "cmn", &DP.CmnReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => Compare(ref d, f['n'], (int)f['m'], 0)),
        new Row("0100 0011 00mm mddd", "OrrRegT1", "orr", &DP.OrrReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => Reg16(ref d, f['d'], f['d'], f['m'])),
        new Row("0100 0011 10mm mddd", "BicRegT1", "bic", &DP.BicReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => Reg16(ref d, f['d'], f['d'], f['m'])),
        new Row("0100 0011 11mm mddd", "MvnRegT1", "mvn", &DP.MvnReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
        {
            d.Rd = (byte)f['d']; d.Rm = (byte)f['m'];
            d.SetFlags = FlagsMode.OutsideIt;
            d.Flags |= InstFlags.WritesFlags;
            d.Reads(d.Rm); d.Writes(d.Rd);
            return DecodeStatus.Ok;
        }),

        // A5.2.3 special data instructions (high registers); BX/BLX belong to the branch group
        new Row("0100 0100 Dmmm mddd", "AddRegT2", "add", &DP.AddReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
        {
            uint dn = (f['D'] << 3) | f['d'], m = f['m'];
            if (dn == 13 || m == 13) return DecodeStatus.SeeOther; // ADD (SP plus register)
            if (dn == 15 && m == 15) return DecodeStatus.Unpredictable;
            return HighRegAdd(ref d, dn, dn, m);
        }),
        // ADD <Rdm>, SP, <Rdm>: listed before T2 so ADD SP, SP (matched by both) decodes as T1, as the ARM ARM says.
        new Row("0100 0100 D110 1ddd", "AddSpRegT1", "add", &DP.AddReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
        {
            uint dm = (f['D'] << 3) | f['d'];
            return HighRegAdd(ref d, dm, 13, dm);
        }),
        new Row("0100 0100 1mmm m101", "AddSpRegT2", "add", &DP.AddReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            f['m'] == 13 ? DecodeStatus.SeeOther : HighRegAdd(ref d, 13, 13, f['m'])),
        new Row("0100 0101 Nmmm mnnn", "CmpRegT2", "cmp", &DP.CmpReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
        {
            uint n = (f['N'] << 3) | f['n'], m = f['m'];
            if ((n < 8 && m < 8) || n == 15 || m == 15) return DecodeStatus.Unpredictable;
            return Compare(ref d, n, (int)m, 0);
        }),
        new Row("0100 0110 Dmmm mddd", "MovRegT1", "mov", &DP.MovReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
        {
            uint rd = (f['D'] << 3) | f['d'];
            d.Rd = (byte)rd; d.Rm = (byte)f['m'];
            d.Reads(d.Rm); d.Writes(d.Rd);
            if (rd == 15) { d.Exec = &DP.MovRegToPc; d.Class = TimingClass.Branch; }
            return DecodeStatus.Ok;
        }),

        // ADR, ADD (SP plus immediate), and the SP adjustments of A5.2.5
        new Row("1010 0ddd iiii iiii", "AdrT1", "adr", &DP.Adr, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
        {
            d.Rd = (byte)f['d']; d.Imm = f['i'] << 2;
            d.Writes(d.Rd);
            return DecodeStatus.Ok;
        }),
        new Row("1010 1ddd iiii iiii", "AddSpImmT1", "add", &DP.AddImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => SpImm16(ref d, f['d'], f['i'] << 2)),
        new Row("1011 0000 0iii iiii", "AddSpImmT2", "add", &DP.AddImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => SpImm16(ref d, 13, f['i'] << 2)),
        new Row("1011 0000 1iii iiii", "SubSpImmT1", "sub", &DP.SubImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => SpImm16(ref d, 13, f['i'] << 2)),

        // A5.2.5 reverse bytes
        new Row("1011 1010 00mm mddd", "RevT1", "rev", &DP.Rev, TimingClass.Reverse, static (in Fields f, ref DecodedInst d) => Reverse(ref d, f['d'], f['m'])),
        new Row("1011 1010 01mm mddd", "Rev16T1", "rev16", &DP.Rev16, TimingClass.Reverse, static (in Fields f, ref DecodedInst d) => Reverse(ref d, f['d'], f['m'])),
        new Row("1011 1010 11mm mddd", "RevshT1", "revsh", &DP.Revsh, TimingClass.Reverse, static (in Fields f, ref DecodedInst d) => Reverse(ref d, f['d'], f['m'])),
    ];

    // ---- decode helpers shared by the data-processing rows ----

    /// <summary>"IN {13,15}": SP and PC are UNPREDICTABLE as most 32-bit data-processing operands.</summary>
    private static bool SpOrPc(uint r) => r == 13 || r == 15;

    /// <summary>16-bit LSL/LSR/ASR #imm5 (flags outside IT). LSL #0 is MOVS (register), a more specific row.</summary>
    private static DecodeStatus ShiftImm16(in Fields f, ref DecodedInst d, uint type)
    {
        var (t, n) = Bits.DecodeImmShift(type, f['i']);
        d.Rd = (byte)f['d']; d.Rm = (byte)f['m'];
        d.ShiftType = t; d.ShiftN = (byte)n;
        d.SetFlags = FlagsMode.OutsideIt;
        d.Flags |= InstFlags.WritesFlags;
        d.Reads(d.Rm); d.Writes(d.Rd);
        return DecodeStatus.Ok;
    }

    /// <summary>16-bit shift by register: Rdn = Rdn shifted by Rm[7:0].</summary>
    private static DecodeStatus ShiftReg16(in Fields f, ref DecodedInst d, SRType type)
    {
        d.Rd = d.Rn = (byte)f['d']; d.Rm = (byte)f['m'];
        d.ShiftType = type;
        d.SetFlags = FlagsMode.OutsideIt;
        d.Flags |= InstFlags.WritesFlags;
        d.Reads(d.Rn, d.Rm); d.Writes(d.Rd);
        return DecodeStatus.Ok;
    }

    /// <summary>16-bit register form with flags outside IT (no shift).</summary>
    private static DecodeStatus Reg16(ref DecodedInst d, uint rd, uint rn, uint rm)
    {
        d.Rd = (byte)rd; d.Rn = (byte)rn; d.Rm = (byte)rm;
        d.SetFlags = FlagsMode.OutsideIt;
        d.Flags |= InstFlags.WritesFlags;
        d.Reads(d.Rn, d.Rm); d.Writes(d.Rd);
        return DecodeStatus.Ok;
    }

    /// <summary>16-bit immediate form with flags outside IT.</summary>
    private static DecodeStatus Imm16(ref DecodedInst d, uint rd, uint rn, uint imm)
    {
        d.Rd = (byte)rd; d.Rn = (byte)rn; d.Imm = imm;
        d.SetFlags = FlagsMode.OutsideIt;
        d.Flags |= InstFlags.WritesFlags;
        d.Reads(d.Rn); d.Writes(d.Rd);
        return DecodeStatus.Ok;
    }

    /// <summary>A compare/test: reads Rn (and Rm when &gt;= 0), always sets flags, writes no register.</summary>
    private static DecodeStatus Compare(ref DecodedInst d, uint rn, int rm, uint imm)
    {
        d.Rn = (byte)rn; d.Imm = imm;
        d.SetFlags = FlagsMode.Always;
        d.Flags |= InstFlags.WritesFlags;
        d.Reads(d.Rn);
        if (rm >= 0) { d.Rm = (byte)rm; d.Reads(rm); }
        return DecodeStatus.Ok;
    }

    /// <summary>ADD with high registers (never sets flags); a PC destination makes it a branch.</summary>
    private static unsafe DecodeStatus HighRegAdd(ref DecodedInst d, uint rd, uint rn, uint rm)
    {
        d.Rd = (byte)rd; d.Rn = (byte)rn; d.Rm = (byte)rm;
        d.Reads(d.Rn, d.Rm); d.Writes(d.Rd);
        if (rd == 15) { d.Exec = &DP.AddRegToPc; d.Class = TimingClass.Branch; }
        return DecodeStatus.Ok;
    }

    /// <summary>ADD/SUB with SP as first operand and a scaled 16-bit immediate (never sets flags).</summary>
    private static DecodeStatus SpImm16(ref DecodedInst d, uint rd, uint imm)
    {
        d.Rd = (byte)rd; d.Rn = 13; d.Imm = imm;
        d.Reads(13); d.Writes(d.Rd);
        return DecodeStatus.Ok;
    }

    /// <summary>REV/REV16/REVSH/RBIT: the source is read one stage early (timing facts §1.4).</summary>
    private static DecodeStatus Reverse(ref DecodedInst d, uint rd, uint rm)
    {
        d.Rd = (byte)rd; d.Rm = (byte)rm;
        d.ReadsEarly(d.Rm); d.Writes(d.Rd);
        return DecodeStatus.Ok;
    }

    /// <summary>Marks an instruction that consumes APSR.C (ADC, SBC, RRX).</summary>
    private static DecodeStatus ReadsCarry(DecodeStatus status, ref DecodedInst d)
    {
        d.Flags |= InstFlags.ReadsFlags;
        return status;
    }
}
