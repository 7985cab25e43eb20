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
        .. ModifiedImmediateRows(),
        .. PlainImmediateRows(),
        .. ShiftedRegisterRows(),
        .. RegisterShiftAndMiscRows(),
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
        new Row("0000 0iii iimm mddd", "LslImmT1", "lsl", &DP.ShiftImm, TimingClass.Shift, static (in Fields f, ref DecodedInst d) => DpDecode.ShiftImm16(f, ref d, 0)),
        new Row("0000 1iii iimm mddd", "LsrImmT1", "lsr", &DP.ShiftImm, TimingClass.Shift, static (in Fields f, ref DecodedInst d) => DpDecode.ShiftImm16(f, ref d, 1)),
        new Row("0001 0iii iimm mddd", "AsrImmT1", "asr", &DP.ShiftImm, TimingClass.Shift, static (in Fields f, ref DecodedInst d) => DpDecode.ShiftImm16(f, ref d, 2)),
        new Row("0001 100m mmnn nddd", "AddRegT1", "add", &DP.AddReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => DpDecode.Reg16(ref d, f['d'], f['n'], f['m'])),
        new Row("0001 101m mmnn nddd", "SubRegT1", "sub", &DP.SubReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => DpDecode.Reg16(ref d, f['d'], f['n'], f['m'])),
        new Row("0001 110i iinn nddd", "AddImmT1", "add", &DP.AddImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => DpDecode.Imm16(ref d, f['d'], f['n'], f['i'])),
        new Row("0001 111i iinn nddd", "SubImmT1", "sub", &DP.SubImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => DpDecode.Imm16(ref d, f['d'], f['n'], f['i'])),
        new Row("0010 0ddd iiii iiii", "MovImmT1", "mov", &DP.MovImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
        {
            d.Rd = (byte)f['d']; d.Imm = f['i']; d.Imm2 = DP.CarryUnchanged;
            d.SetFlags = FlagsMode.OutsideIt;
            d.Flags |= InstFlags.WritesFlags;
            d.Writes(d.Rd);
            return DecodeStatus.Ok;
        }),
        new Row("0010 1nnn iiii iiii", "CmpImmT1", "cmp", &DP.CmpImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => DpDecode.Compare(ref d, f['n'], -1, f['i'])),
        new Row("0011 0ddd iiii iiii", "AddImmT2", "add", &DP.AddImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => DpDecode.Imm16(ref d, f['d'], f['d'], f['i'])),
        new Row("0011 1ddd iiii iiii", "SubImmT2", "sub", &DP.SubImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => DpDecode.Imm16(ref d, f['d'], f['d'], f['i'])),

        // A5.2.2 data processing (Rdn, Rm); MUL T1 belongs to the multiply group
        new Row("0100 0000 00mm mddd", "AndRegT1", "and", &DP.AndReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => DpDecode.Reg16(ref d, f['d'], f['d'], f['m'])),
        new Row("0100 0000 01mm mddd", "EorRegT1", "eor", &DP.EorReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => DpDecode.Reg16(ref d, f['d'], f['d'], f['m'])),
        new Row("0100 0000 10mm mddd", "LslRegT1", "lsl", &DP.ShiftReg, TimingClass.Shift, static (in Fields f, ref DecodedInst d) => DpDecode.ShiftReg16(f, ref d, SRType.Lsl)),
        new Row("0100 0000 11mm mddd", "LsrRegT1", "lsr", &DP.ShiftReg, TimingClass.Shift, static (in Fields f, ref DecodedInst d) => DpDecode.ShiftReg16(f, ref d, SRType.Lsr)),
        new Row("0100 0001 00mm mddd", "AsrRegT1", "asr", &DP.ShiftReg, TimingClass.Shift, static (in Fields f, ref DecodedInst d) => DpDecode.ShiftReg16(f, ref d, SRType.Asr)),
        new Row("0100 0001 01mm mddd", "AdcRegT1", "adc", &DP.AdcReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => DpDecode.ReadsCarry(DpDecode.Reg16(ref d, f['d'], f['d'], f['m']), ref d)),
        new Row("0100 0001 10mm mddd", "SbcRegT1", "sbc", &DP.SbcReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => DpDecode.ReadsCarry(DpDecode.Reg16(ref d, f['d'], f['d'], f['m']), ref d)),
        new Row("0100 0001 11mm mddd", "RorRegT1", "ror", &DP.ShiftReg, TimingClass.Shift, static (in Fields f, ref DecodedInst d) => DpDecode.ShiftReg16(f, ref d, SRType.Ror)),
        new Row("0100 0010 00mm mnnn", "TstRegT1", "tst", &DP.TstReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => DpDecode.Compare(ref d, f['n'], (int)f['m'], 0)),
        new Row("0100 0010 01nn nddd", "RsbImmT1", "rsb", &DP.RsbImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => DpDecode.Imm16(ref d, f['d'], f['n'], 0)),
        new Row("0100 0010 10mm mnnn", "CmpRegT1", "cmp", &DP.CmpReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => DpDecode.Compare(ref d, f['n'], (int)f['m'], 0)),
        new Row("0100 0010 11mm mnnn", "CmnRegT1", "cmn", &DP.CmnReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => DpDecode.Compare(ref d, f['n'], (int)f['m'], 0)),
        new Row("0100 0011 00mm mddd", "OrrRegT1", "orr", &DP.OrrReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => DpDecode.Reg16(ref d, f['d'], f['d'], f['m'])),
        new Row("0100 0011 10mm mddd", "BicRegT1", "bic", &DP.BicReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => DpDecode.Reg16(ref d, f['d'], f['d'], f['m'])),
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
            return DpDecode.HighRegAdd(ref d, dn, dn, m);
        }),
        // ADD <Rdm>, SP, <Rdm>: listed before T2 so ADD SP, SP (matched by both) decodes as T1, as the ARM ARM says.
        new Row("0100 0100 D110 1ddd", "AddSpRegT1", "add", &DP.AddReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
        {
            uint dm = (f['D'] << 3) | f['d'];
            return DpDecode.HighRegAdd(ref d, dm, 13, dm);
        }),
        new Row("0100 0100 1mmm m101", "AddSpRegT2", "add", &DP.AddReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            f['m'] == 13 ? DecodeStatus.SeeOther : DpDecode.HighRegAdd(ref d, 13, 13, f['m'])),
        new Row("0100 0101 Nmmm mnnn", "CmpRegT2", "cmp", &DP.CmpReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
        {
            uint n = (f['N'] << 3) | f['n'], m = f['m'];
            if ((n < 8 && m < 8) || n == 15 || m == 15) return DecodeStatus.Unpredictable;
            return DpDecode.Compare(ref d, n, (int)m, 0);
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
        new Row("1010 1ddd iiii iiii", "AddSpImmT1", "add", &DP.AddImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => DpDecode.SpImm16(ref d, f['d'], f['i'] << 2)),
        new Row("1011 0000 0iii iiii", "AddSpImmT2", "add", &DP.AddImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => DpDecode.SpImm16(ref d, 13, f['i'] << 2)),
        new Row("1011 0000 1iii iiii", "SubSpImmT1", "sub", &DP.SubImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) => DpDecode.SpImm16(ref d, 13, f['i'] << 2)),

        // A5.2.5 reverse bytes
        new Row("1011 1010 00mm mddd", "RevT1", "rev", &DP.Rev, TimingClass.Reverse, static (in Fields f, ref DecodedInst d) => DpDecode.Reverse(ref d, f['d'], f['m'])),
        new Row("1011 1010 01mm mddd", "Rev16T1", "rev16", &DP.Rev16, TimingClass.Reverse, static (in Fields f, ref DecodedInst d) => DpDecode.Reverse(ref d, f['d'], f['m'])),
        new Row("1011 1010 11mm mddd", "RevshT1", "revsh", &DP.Revsh, TimingClass.Reverse, static (in Fields f, ref DecodedInst d) => DpDecode.Reverse(ref d, f['d'], f['m'])),
    ];

    /// <summary>A5.3.1 data processing (modified immediate): ThumbExpandImm constants, with its carry for the logical ops.</summary>
    private static unsafe Row[] ModifiedImmediateRows() =>
    [
        new Row("1111 0i00 000s nnnn 0iii dddd iiii iiii", "AndImmT1", "and", &DP.AndImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ModImm(f, ref d, DpDecode.DpShape.RdRn, logical: true, invert: false, DpDecode.BadRdUnlessTest(f) || DpDecode.SpOrPc(f['n']))),
        new Row("1111 0i00 0001 nnnn 0iii 1111 iiii iiii", "TstImmT1", "tst", &DP.TstImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ModImm(f, ref d, DpDecode.DpShape.Rn, logical: true, invert: false, DpDecode.SpOrPc(f['n']))),
        // BIC, ORN and MVN run as AND, ORR and MOV with the complemented constant.
        new Row("1111 0i00 001s nnnn 0iii dddd iiii iiii", "BicImmT1", "bic", &DP.AndImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ModImm(f, ref d, DpDecode.DpShape.RdRn, logical: true, invert: true, DpDecode.SpOrPc(f['d']) || DpDecode.SpOrPc(f['n']))),
        new Row("1111 0i00 010s nnnn 0iii dddd iiii iiii", "OrrImmT1", "orr", &DP.OrrImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ModImm(f, ref d, DpDecode.DpShape.RdRn, logical: true, invert: false, DpDecode.SpOrPc(f['d']) || f['n'] == 13)),
        new Row("1111 0i00 010s 1111 0iii dddd iiii iiii", "MovImmT2", "mov", &DP.MovImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ModImm(f, ref d, DpDecode.DpShape.Rd, logical: true, invert: false, DpDecode.SpOrPc(f['d']))),
        new Row("1111 0i00 011s nnnn 0iii dddd iiii iiii", "OrnImmT1", "orn", &DP.OrrImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ModImm(f, ref d, DpDecode.DpShape.RdRn, logical: true, invert: true, DpDecode.SpOrPc(f['d']) || f['n'] == 13)),
        new Row("1111 0i00 011s 1111 0iii dddd iiii iiii", "MvnImmT1", "mvn", &DP.MovImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ModImm(f, ref d, DpDecode.DpShape.Rd, logical: true, invert: true, DpDecode.SpOrPc(f['d']))),
        new Row("1111 0i00 100s nnnn 0iii dddd iiii iiii", "EorImmT1", "eor", &DP.EorImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ModImm(f, ref d, DpDecode.DpShape.RdRn, logical: true, invert: false, DpDecode.BadRdUnlessTest(f) || DpDecode.SpOrPc(f['n']))),
        new Row("1111 0i00 1001 nnnn 0iii 1111 iiii iiii", "TeqImmT1", "teq", &DP.TeqImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ModImm(f, ref d, DpDecode.DpShape.Rn, logical: true, invert: false, DpDecode.SpOrPc(f['n']))),
        new Row("1111 0i01 000s nnnn 0iii dddd iiii iiii", "AddImmT3", "add", &DP.AddImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ModImm(f, ref d, DpDecode.DpShape.RdRn, logical: false, invert: false, DpDecode.BadRdUnlessTest(f) || f['n'] == 15)),
        new Row("1111 0i01 0001 nnnn 0iii 1111 iiii iiii", "CmnImmT1", "cmn", &DP.CmnImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ModImm(f, ref d, DpDecode.DpShape.Rn, logical: false, invert: false, f['n'] == 15)),
        new Row("1111 0i01 000s 1101 0iii dddd iiii iiii", "AddSpImmT3", "add", &DP.AddImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ModImm(f, ref d, DpDecode.DpShape.RdSp, logical: false, invert: false, f['d'] == 15 && !f.Bit('s'))),
        new Row("1111 0i01 010s nnnn 0iii dddd iiii iiii", "AdcImmT1", "adc", &DP.AdcImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ReadsCarry(DpDecode.ModImm(f, ref d, DpDecode.DpShape.RdRn, logical: false, invert: false, DpDecode.SpOrPc(f['d']) || DpDecode.SpOrPc(f['n'])), ref d)),
        new Row("1111 0i01 011s nnnn 0iii dddd iiii iiii", "SbcImmT1", "sbc", &DP.SbcImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ReadsCarry(DpDecode.ModImm(f, ref d, DpDecode.DpShape.RdRn, logical: false, invert: false, DpDecode.SpOrPc(f['d']) || DpDecode.SpOrPc(f['n'])), ref d)),
        new Row("1111 0i01 101s nnnn 0iii dddd iiii iiii", "SubImmT3", "sub", &DP.SubImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ModImm(f, ref d, DpDecode.DpShape.RdRn, logical: false, invert: false, DpDecode.BadRdUnlessTest(f) || f['n'] == 15)),
        new Row("1111 0i01 1011 nnnn 0iii 1111 iiii iiii", "CmpImmT2", "cmp", &DP.CmpImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ModImm(f, ref d, DpDecode.DpShape.Rn, logical: false, invert: false, f['n'] == 15)),
        new Row("1111 0i01 101s 1101 0iii dddd iiii iiii", "SubSpImmT2", "sub", &DP.SubImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ModImm(f, ref d, DpDecode.DpShape.RdSp, logical: false, invert: false, f['d'] == 15 && !f.Bit('s'))),
        new Row("1111 0i01 110s nnnn 0iii dddd iiii iiii", "RsbImmT2", "rsb", &DP.RsbImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ModImm(f, ref d, DpDecode.DpShape.RdRn, logical: false, invert: false, DpDecode.SpOrPc(f['d']) || DpDecode.SpOrPc(f['n']))),
    ];

    /// <summary>A5.3.3 data processing (plain binary immediate): ADDW/SUBW, ADR, MOVW/MOVT, SSAT/USAT, SBFX/UBFX, BFI/BFC.</summary>
    private static unsafe Row[] PlainImmediateRows() =>
    [
        new Row("1111 0i10 0000 nnnn 0iii dddd iiii iiii", "AddImmT4", "addw", &DP.AddImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.SpOrPc(f['d']) ? DecodeStatus.Unpredictable : DpDecode.Imm12(ref d, f['d'], f['n'], f['i'])),
        new Row("1111 0i10 0000 1101 0iii dddd iiii iiii", "AddSpImmT4", "addw", &DP.AddImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            f['d'] == 15 ? DecodeStatus.Unpredictable : DpDecode.Imm12(ref d, f['d'], 13, f['i'])),
        // ADR T2/T3: Capstone prints them as SUBW/ADDW with PC.
        new Row("1111 0i10 0000 1111 0iii dddd iiii iiii", "AdrT3", "addw", &DP.Adr, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.SpOrPc(f['d']) ? DecodeStatus.Unpredictable : DpDecode.Adr32(ref d, f['d'], f['i'])),
        new Row("1111 0i10 1010 nnnn 0iii dddd iiii iiii", "SubImmT4", "subw", &DP.SubImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.SpOrPc(f['d']) ? DecodeStatus.Unpredictable : DpDecode.Imm12(ref d, f['d'], f['n'], f['i'])),
        new Row("1111 0i10 1010 1101 0iii dddd iiii iiii", "SubSpImmT3", "subw", &DP.SubImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            f['d'] == 15 ? DecodeStatus.Unpredictable : DpDecode.Imm12(ref d, f['d'], 13, f['i'])),
        new Row("1111 0i10 1010 1111 0iii dddd iiii iiii", "AdrT2", "subw", &DP.Adr, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.SpOrPc(f['d']) ? DecodeStatus.Unpredictable : DpDecode.Adr32(ref d, f['d'], 0u - f['i'])),
        new Row("1111 0i10 0100 kkkk 0iii dddd iiii iiii", "MovImmT3", "movw", &DP.MovImm, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
        {
            if (DpDecode.SpOrPc(f['d'])) return DecodeStatus.Unpredictable;
            d.Rd = (byte)f['d']; d.Imm = (f['k'] << 12) | f['i'];
            d.Writes(d.Rd);
            return DecodeStatus.Ok;
        }),
        new Row("1111 0i10 1100 kkkk 0iii dddd iiii iiii", "MovtT1", "movt", &DP.Movt, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
        {
            if (DpDecode.SpOrPc(f['d'])) return DecodeStatus.Unpredictable;
            d.Rd = (byte)f['d']; d.Imm = ((f['k'] << 12) | f['i']) << 16;
            d.Reads(d.Rd); d.Writes(d.Rd);
            return DecodeStatus.Ok;
        }),
        new Row("1111 0z11 00h0 nnnn 0iii dddd iizw wwww", "SsatT1", "ssat", &DP.Ssat, TimingClass.Saturate, static (in Fields f, ref DecodedInst d) =>
            DpDecode.Saturate(f, ref d, f['w'] + 1)),
        new Row("1111 0z11 10h0 nnnn 0iii dddd iizw wwww", "UsatT1", "usat", &DP.Usat, TimingClass.Saturate, static (in Fields f, ref DecodedInst d) =>
            DpDecode.Saturate(f, ref d, f['w'])),
        new Row("1111 0z11 0100 nnnn 0iii dddd iizw wwww", "SbfxT1", "sbfx", &DP.Sbfx, TimingClass.Bitfield, static (in Fields f, ref DecodedInst d) =>
            DpDecode.Extract(f, ref d, signed: true)),
        new Row("1111 0z11 1100 nnnn 0iii dddd iizw wwww", "UbfxT1", "ubfx", &DP.Ubfx, TimingClass.Bitfield, static (in Fields f, ref DecodedInst d) =>
            DpDecode.Extract(f, ref d, signed: false)),
        new Row("1111 0z11 0110 nnnn 0iii dddd iizw wwww", "BfiT1", "bfi", &DP.Bfi, TimingClass.Bitfield, static (in Fields f, ref DecodedInst d) =>
        {
            if (f['z'] != 0 || DpDecode.SpOrPc(f['d']) || f['n'] == 13) return DecodeStatus.Unpredictable;
            d.Rn = (byte)f['n'];
            d.ReadsEarly(d.Rn);
            return DpDecode.BitfieldMask(f, ref d);
        }),
        new Row("1111 0z11 0110 1111 0iii dddd iizw wwww", "BfcT1", "bfc", &DP.Bfc, TimingClass.Bitfield, static (in Fields f, ref DecodedInst d) =>
            f['z'] != 0 || DpDecode.SpOrPc(f['d']) ? DecodeStatus.Unpredictable : DpDecode.BitfieldMask(f, ref d)),
    ];

    /// <summary>A5.3.11 data processing (shifted register), including MOV and the shifts by immediate (ORR with Rn = PC).</summary>
    private static unsafe Row[] ShiftedRegisterRows() =>
    [
        new Row("1110 1010 000s nnnn ziii dddd iitt mmmm", "AndRegT2", "and", &DP.AndReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ShiftedReg(f, ref d, DpDecode.DpShape.RdRn, DpDecode.BadRdUnlessTest(f) || DpDecode.SpOrPc(f['n']) || DpDecode.SpOrPc(f['m']))),
        new Row("1110 1010 0001 nnnn ziii 1111 iitt mmmm", "TstRegT2", "tst", &DP.TstReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ShiftedReg(f, ref d, DpDecode.DpShape.Rn, DpDecode.SpOrPc(f['n']) || DpDecode.SpOrPc(f['m']))),
        new Row("1110 1010 001s nnnn ziii dddd iitt mmmm", "BicRegT2", "bic", &DP.BicReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ShiftedReg(f, ref d, DpDecode.DpShape.RdRn, DpDecode.SpOrPc(f['d']) || DpDecode.SpOrPc(f['n']) || DpDecode.SpOrPc(f['m']))),
        new Row("1110 1010 010s nnnn ziii dddd iitt mmmm", "OrrRegT2", "orr", &DP.OrrReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ShiftedReg(f, ref d, DpDecode.DpShape.RdRn, DpDecode.SpOrPc(f['d']) || f['n'] == 13 || DpDecode.SpOrPc(f['m']))),
        new Row("1110 1010 010s 1111 z000 dddd 0000 mmmm", "MovRegT3", "mov", &DP.MovReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
        {
            uint rd = f['d'], rm = f['m'];
            bool s = f.Bit('s');
            if (s ? DpDecode.SpOrPc(rd) || DpDecode.SpOrPc(rm) : rd == 15 || rm == 15 || (rd == 13 && rm == 13)) return DecodeStatus.Unpredictable;
            return DpDecode.ShiftedReg(f, ref d, DpDecode.DpShape.Rd, SRType.Lsl, 0);
        }),
        new Row("1110 1010 010s 1111 ziii dddd ii00 mmmm", "LslImmT2", "lsl", &DP.ShiftImm, TimingClass.Shift, static (in Fields f, ref DecodedInst d) => DpDecode.ShiftImm32(f, ref d, 0)),
        new Row("1110 1010 010s 1111 ziii dddd ii01 mmmm", "LsrImmT2", "lsr", &DP.ShiftImm, TimingClass.Shift, static (in Fields f, ref DecodedInst d) => DpDecode.ShiftImm32(f, ref d, 1)),
        new Row("1110 1010 010s 1111 ziii dddd ii10 mmmm", "AsrImmT2", "asr", &DP.ShiftImm, TimingClass.Shift, static (in Fields f, ref DecodedInst d) => DpDecode.ShiftImm32(f, ref d, 2)),
        new Row("1110 1010 010s 1111 ziii dddd ii11 mmmm", "RorImmT1", "ror", &DP.ShiftImm, TimingClass.Shift, static (in Fields f, ref DecodedInst d) => DpDecode.ShiftImm32(f, ref d, 3)),
        // RRX reads its operand one stage early (Shift2 unit, timing facts §1.4) and consumes APSR.C.
        new Row("1110 1010 010s 1111 z000 dddd 0011 mmmm", "RrxT1", "rrx", &DP.ShiftImm, TimingClass.Shift, static (in Fields f, ref DecodedInst d) =>
            DpDecode.SpOrPc(f['d']) || DpDecode.SpOrPc(f['m']) ? DecodeStatus.Unpredictable : DpDecode.ShiftedReg(f, ref d, DpDecode.DpShape.Rd, SRType.Rrx, 1)),
        new Row("1110 1010 011s nnnn ziii dddd iitt mmmm", "OrnRegT1", "orn", &DP.OrnReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ShiftedReg(f, ref d, DpDecode.DpShape.RdRn, DpDecode.SpOrPc(f['d']) || f['n'] == 13 || DpDecode.SpOrPc(f['m']))),
        new Row("1110 1010 011s 1111 ziii dddd iitt mmmm", "MvnRegT2", "mvn", &DP.MvnReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ShiftedReg(f, ref d, DpDecode.DpShape.Rd, DpDecode.SpOrPc(f['d']) || DpDecode.SpOrPc(f['m']))),
        new Row("1110 1010 100s nnnn ziii dddd iitt mmmm", "EorRegT2", "eor", &DP.EorReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ShiftedReg(f, ref d, DpDecode.DpShape.RdRn, DpDecode.BadRdUnlessTest(f) || DpDecode.SpOrPc(f['n']) || DpDecode.SpOrPc(f['m']))),
        new Row("1110 1010 1001 nnnn ziii 1111 iitt mmmm", "TeqRegT1", "teq", &DP.TeqReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ShiftedReg(f, ref d, DpDecode.DpShape.Rn, DpDecode.SpOrPc(f['n']) || DpDecode.SpOrPc(f['m']))),
        new Row("1110 1011 000s nnnn ziii dddd iitt mmmm", "AddRegT3", "add", &DP.AddReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ShiftedReg(f, ref d, DpDecode.DpShape.RdRn, DpDecode.BadRdUnlessTest(f) || f['n'] == 15 || DpDecode.SpOrPc(f['m']))),
        new Row("1110 1011 0001 nnnn ziii 1111 iitt mmmm", "CmnRegT2", "cmn", &DP.CmnReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ShiftedReg(f, ref d, DpDecode.DpShape.Rn, f['n'] == 15 || DpDecode.SpOrPc(f['m']))),
        new Row("1110 1011 000s 1101 ziii dddd iitt mmmm", "AddSpRegT3", "add", &DP.AddReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ShiftedReg(f, ref d, DpDecode.DpShape.RdSp, DpDecode.SpShiftedRegUnpredictable(f))),
        new Row("1110 1011 010s nnnn ziii dddd iitt mmmm", "AdcRegT2", "adc", &DP.AdcReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ReadsCarry(DpDecode.ShiftedReg(f, ref d, DpDecode.DpShape.RdRn, DpDecode.SpOrPc(f['d']) || DpDecode.SpOrPc(f['n']) || DpDecode.SpOrPc(f['m'])), ref d)),
        new Row("1110 1011 011s nnnn ziii dddd iitt mmmm", "SbcRegT2", "sbc", &DP.SbcReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ReadsCarry(DpDecode.ShiftedReg(f, ref d, DpDecode.DpShape.RdRn, DpDecode.SpOrPc(f['d']) || DpDecode.SpOrPc(f['n']) || DpDecode.SpOrPc(f['m'])), ref d)),
        new Row("1110 1011 101s nnnn ziii dddd iitt mmmm", "SubRegT2", "sub", &DP.SubReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ShiftedReg(f, ref d, DpDecode.DpShape.RdRn, DpDecode.BadRdUnlessTest(f) || f['n'] == 15 || DpDecode.SpOrPc(f['m']))),
        new Row("1110 1011 1011 nnnn ziii 1111 iitt mmmm", "CmpRegT3", "cmp", &DP.CmpReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ShiftedReg(f, ref d, DpDecode.DpShape.Rn, f['n'] == 15 || DpDecode.SpOrPc(f['m']))),
        new Row("1110 1011 101s 1101 ziii dddd iitt mmmm", "SubSpRegT1", "sub", &DP.SubReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ShiftedReg(f, ref d, DpDecode.DpShape.RdSp, DpDecode.SpShiftedRegUnpredictable(f))),
        new Row("1110 1011 110s nnnn ziii dddd iitt mmmm", "RsbRegT1", "rsb", &DP.RsbReg, TimingClass.Alu, static (in Fields f, ref DecodedInst d) =>
            DpDecode.ShiftedReg(f, ref d, DpDecode.DpShape.RdRn, DpDecode.SpOrPc(f['d']) || DpDecode.SpOrPc(f['n']) || DpDecode.SpOrPc(f['m']))),
    ];

    /// <summary>A5.3.12 shifts by register (32-bit), A5.3.15 CLZ/RBIT/REV/REV16/REVSH.</summary>
    private static unsafe Row[] RegisterShiftAndMiscRows() =>
    [
        new Row("1111 1010 000s nnnn 1111 dddd 0000 mmmm", "LslRegT2", "lsl", &DP.ShiftReg, TimingClass.Shift, static (in Fields f, ref DecodedInst d) => DpDecode.ShiftReg32(f, ref d, SRType.Lsl)),
        new Row("1111 1010 001s nnnn 1111 dddd 0000 mmmm", "LsrRegT2", "lsr", &DP.ShiftReg, TimingClass.Shift, static (in Fields f, ref DecodedInst d) => DpDecode.ShiftReg32(f, ref d, SRType.Lsr)),
        new Row("1111 1010 010s nnnn 1111 dddd 0000 mmmm", "AsrRegT2", "asr", &DP.ShiftReg, TimingClass.Shift, static (in Fields f, ref DecodedInst d) => DpDecode.ShiftReg32(f, ref d, SRType.Asr)),
        new Row("1111 1010 011s nnnn 1111 dddd 0000 mmmm", "RorRegT2", "ror", &DP.ShiftReg, TimingClass.Shift, static (in Fields f, ref DecodedInst d) => DpDecode.ShiftReg32(f, ref d, SRType.Ror)),
        // Rm is encoded twice (bits 19..16 and 3..0); the copies must agree (Consistent(Rm)).
        new Row("1111 1010 1001 kkkk 1111 dddd 1000 mmmm", "RevT2", "rev", &DP.Rev, TimingClass.Reverse, static (in Fields f, ref DecodedInst d) => DpDecode.Misc32(f, ref d, early: true)),
        new Row("1111 1010 1001 kkkk 1111 dddd 1001 mmmm", "Rev16T2", "rev16", &DP.Rev16, TimingClass.Reverse, static (in Fields f, ref DecodedInst d) => DpDecode.Misc32(f, ref d, early: true)),
        new Row("1111 1010 1001 kkkk 1111 dddd 1010 mmmm", "RbitT1", "rbit", &DP.Rbit, TimingClass.Reverse, static (in Fields f, ref DecodedInst d) => DpDecode.Misc32(f, ref d, early: true)),
        new Row("1111 1010 1001 kkkk 1111 dddd 1011 mmmm", "RevshT2", "revsh", &DP.Revsh, TimingClass.Reverse, static (in Fields f, ref DecodedInst d) => DpDecode.Misc32(f, ref d, early: true)),
        new Row("1111 1010 1011 kkkk 1111 dddd 1000 mmmm", "ClzT1", "clz", &DP.Clz, TimingClass.Clz, static (in Fields f, ref DecodedInst d) => DpDecode.Misc32(f, ref d, early: false)),
    ];
}

/// <summary>
/// Decode steps shared by the data-processing rows (field conversion, UNPREDICTABLE checks, timing facts).
/// A class of its own, always named at the call, so helpers of other InstTable groups cannot capture the calls.
/// </summary>
internal static class DpDecode
{
    // Convention: "(0)" should-be-zero bits are the field 'z' in the patterns; a set bit is UNPREDICTABLE (ARM ARM),
    // checked here, so the encoding still belongs to its row (as Capstone sees it) and nested aliases stay nested.


    /// <summary>Operand shape of a 32-bit data-processing encoding.</summary>
    public enum DpShape : byte
    {
        RdRn,  // Rd = Rn op operand2, S bit
        RdSp,  // Rd = SP op operand2, S bit (the "SP plus/minus" forms)
        Rd,    // Rd = operand2 (MOV, MVN, shifts by immediate), S bit
        Rn,    // Rn op operand2, flags only (TST, TEQ, CMP, CMN)
    }

    /// <summary>"d == 13 || (d == 15 &amp;&amp; S == '0')": Rd = PC with S set is the compare form, a more specific row.</summary>
    public static bool BadRdUnlessTest(in Fields f) => f['d'] == 13 || (f['d'] == 15 && !f.Bit('s'));

    /// <summary>ADD/SUB (SP plus/minus register) T3/T1: SP may only be adjusted by LSL #0..3.</summary>
    public static bool SpShiftedRegUnpredictable(in Fields f)
    {
        var (type, amount) = Bits.DecodeImmShift(f['t'], f['i']);
        uint rd = f['d'];
        return (rd == 13 && (type != SRType.Lsl || amount > 3)) || (rd == 15 && !f.Bit('s')) || SpOrPc(f['m']);
    }

    /// <summary>Registers, S bit and timing facts of a 32-bit data-processing encoding.</summary>
    public static DecodeStatus Operands(in Fields f, ref DecodedInst d, DpShape shape)
    {
        if (shape == DpShape.Rn)
        {
            d.Rn = (byte)f['n'];
            d.SetFlags = FlagsMode.Always;
            d.Reads(d.Rn);
        }
        else
        {
            d.Rd = (byte)f['d'];
            d.SetFlags = f.Bit('s') ? FlagsMode.Always : FlagsMode.Never;
            if (shape != DpShape.Rd)
            {
                d.Rn = shape == DpShape.RdSp ? (byte)13 : (byte)f['n'];
                d.Reads(d.Rn);
            }
            d.Writes(d.Rd);
        }
        if (d.SetFlags != FlagsMode.Never) d.Flags |= InstFlags.WritesFlags;
        return DecodeStatus.Ok;
    }

    /// <summary>A5.3.1: expands i:imm3:imm8 (ThumbExpandImm_C); logical ops keep the expansion's carry in Imm2.</summary>
    public static DecodeStatus ModImm(in Fields f, ref DecodedInst d, DpShape shape, bool logical, bool invert, bool unpredictable)
    {
        if (unpredictable || !Bits.ThumbExpandImm(f['i'], out uint imm, out bool carryChanges, out bool carry))
            return DecodeStatus.Unpredictable;
        d.Imm = invert ? ~imm : imm;
        d.Imm2 = logical && carryChanges ? DP.CarrySet | (carry ? 1u : 0u) : DP.CarryUnchanged;
        return Operands(f, ref d, shape);
    }

    /// <summary>A5.3.11: Rm shifted by DecodeImmShift(type, imm3:imm2). A non-zero shift makes Rm an early operand.</summary>
    public static DecodeStatus ShiftedReg(in Fields f, ref DecodedInst d, DpShape shape, bool unpredictable)
    {
        if (unpredictable || f['z'] != 0) return DecodeStatus.Unpredictable;
        var (type, amount) = Bits.DecodeImmShift(f['t'], f['i']);
        return ShiftedReg(f, ref d, shape, type, amount);
    }

    /// <summary>Rm with a fixed shift (MOV.W: LSL #0, RRX), for rows whose pattern fixes type and amount.</summary>
    public static DecodeStatus ShiftedReg(in Fields f, ref DecodedInst d, DpShape shape, SRType type, int amount)
    {
        if (f['z'] != 0) return DecodeStatus.Unpredictable;
        d.Rm = (byte)f['m'];
        d.ShiftType = type; d.ShiftN = (byte)amount;
        if (type == SRType.Rrx) d.Flags |= InstFlags.ReadsFlags;
        if (type == SRType.Lsl && amount == 0) d.Reads(d.Rm);
        else
        {
            d.ReadsEarly(d.Rm);
            if (d.Class == TimingClass.Alu) d.Class = TimingClass.AluShiftedOp;
        }
        return Operands(f, ref d, shape);
    }

    /// <summary>LSL/LSR/ASR/ROR #imm (MOV with a shift): a pure shift reads its operand normally (EX2 shifter).</summary>
    public static DecodeStatus ShiftImm32(in Fields f, ref DecodedInst d, uint typeBits)
    {
        if (f['z'] != 0 || SpOrPc(f['d']) || SpOrPc(f['m'])) return DecodeStatus.Unpredictable;
        var (type, amount) = Bits.DecodeImmShift(typeBits, f['i']);
        d.Rm = (byte)f['m'];
        d.ShiftType = type; d.ShiftN = (byte)amount;
        d.Reads(d.Rm);
        return Operands(f, ref d, DpShape.Rd);
    }

    /// <summary>A5.3.12: Rd = Rn shifted by Rm[7:0].</summary>
    public static DecodeStatus ShiftReg32(in Fields f, ref DecodedInst d, SRType type)
    {
        if (SpOrPc(f['d']) || SpOrPc(f['n']) || SpOrPc(f['m'])) return DecodeStatus.Unpredictable;
        d.Rm = (byte)f['m'];
        d.ShiftType = type;
        d.Reads(d.Rm);
        return Operands(f, ref d, DpShape.RdRn);
    }

    /// <summary>ADDW/SUBW (and their SP forms): a 12-bit zero-extended immediate, flags never set.</summary>
    public static DecodeStatus Imm12(ref DecodedInst d, uint rd, uint rn, uint imm12)
    {
        d.Rd = (byte)rd; d.Rn = (byte)rn; d.Imm = imm12;
        d.Reads(d.Rn); d.Writes(d.Rd);
        return DecodeStatus.Ok;
    }

    public static DecodeStatus Adr32(ref DecodedInst d, uint rd, uint offset)
    {
        d.Rd = (byte)rd; d.Imm = offset;
        d.Writes(d.Rd);
        return DecodeStatus.Ok;
    }

    /// <summary>SSAT/USAT: operand Rn shifted by LSL or ASR (sh:'0'); sh = 1 with a zero amount is SSAT16/USAT16.</summary>
    public static DecodeStatus Saturate(in Fields f, ref DecodedInst d, uint saturateTo)
    {
        uint sh = f['h'], imm5 = f['i'];
        if (sh == 1 && imm5 == 0) return DecodeStatus.SeeOther;
        if (f['z'] != 0 || SpOrPc(f['d']) || SpOrPc(f['n'])) return DecodeStatus.Unpredictable;
        var (type, amount) = Bits.DecodeImmShift(sh << 1, imm5);
        d.Rd = (byte)f['d']; d.Rn = (byte)f['n'];
        d.ShiftType = type; d.ShiftN = (byte)amount;
        d.Imm = saturateTo;
        d.ReadsEarly(d.Rn); d.Writes(d.Rd);
        return DecodeStatus.Ok;
    }

    /// <summary>SBFX/UBFX: lsb = imm3:imm2, width = widthm1 + 1; msbit beyond 31 is UNPREDICTABLE.</summary>
    public static DecodeStatus Extract(in Fields f, ref DecodedInst d, bool signed)
    {
        uint lsb = f['i'], width = f['w'] + 1;
        if (f['z'] != 0 || SpOrPc(f['d']) || SpOrPc(f['n']) || lsb + width > 32) return DecodeStatus.Unpredictable;
        d.Rd = (byte)f['d']; d.Rn = (byte)f['n'];
        if (signed)
        {
            d.ShiftN = (byte)(32 - lsb - width);
            d.Imm = 32 - width;
        }
        else
        {
            d.ShiftN = (byte)lsb;
            d.Imm = width == 32 ? 0xFFFF_FFFFu : (1u << (int)width) - 1;
        }
        d.ReadsEarly(d.Rn); d.Writes(d.Rd);
        return DecodeStatus.Ok;
    }

    /// <summary>BFI/BFC: mask of bits msb..lsb (msb &lt; lsb is UNPREDICTABLE); Rd is read and written.</summary>
    public static DecodeStatus BitfieldMask(in Fields f, ref DecodedInst d)
    {
        int lsb = (int)f['i'], msb = (int)f['w'];
        if (msb < lsb) return DecodeStatus.Unpredictable;
        d.Rd = (byte)f['d'];
        d.ShiftN = (byte)lsb;
        d.Imm = ((2u << msb) - 1) & ~((1u << lsb) - 1);
        d.Reads(d.Rd); d.Writes(d.Rd);
        return DecodeStatus.Ok;
    }

    /// <summary>A5.3.15 one-operand forms: Rm must appear identically in both fields.</summary>
    public static DecodeStatus Misc32(in Fields f, ref DecodedInst d, bool early)
    {
        uint rm = f['m'];
        if (f['k'] != rm || SpOrPc(f['d']) || SpOrPc(rm)) return DecodeStatus.Unpredictable;
        d.Rd = (byte)f['d']; d.Rm = (byte)rm;
        if (early) d.ReadsEarly(d.Rm); else d.Reads(d.Rm);
        d.Writes(d.Rd);
        return DecodeStatus.Ok;
    }


    /// <summary>"IN {13,15}": SP and PC are UNPREDICTABLE as most 32-bit data-processing operands.</summary>
    public static bool SpOrPc(uint r) => r == 13 || r == 15;

    /// <summary>16-bit LSL/LSR/ASR #imm5 (flags outside IT). LSL #0 is MOVS (register), a more specific row.</summary>
    public static DecodeStatus ShiftImm16(in Fields f, ref DecodedInst d, uint type)
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
    public static DecodeStatus ShiftReg16(in Fields f, ref DecodedInst d, SRType type)
    {
        d.Rd = d.Rn = (byte)f['d']; d.Rm = (byte)f['m'];
        d.ShiftType = type;
        d.SetFlags = FlagsMode.OutsideIt;
        d.Flags |= InstFlags.WritesFlags;
        d.Reads(d.Rn, d.Rm); d.Writes(d.Rd);
        return DecodeStatus.Ok;
    }

    /// <summary>16-bit register form with flags outside IT (no shift).</summary>
    public static DecodeStatus Reg16(ref DecodedInst d, uint rd, uint rn, uint rm)
    {
        d.Rd = (byte)rd; d.Rn = (byte)rn; d.Rm = (byte)rm;
        d.SetFlags = FlagsMode.OutsideIt;
        d.Flags |= InstFlags.WritesFlags;
        d.Reads(d.Rn, d.Rm); d.Writes(d.Rd);
        return DecodeStatus.Ok;
    }

    /// <summary>16-bit immediate form with flags outside IT.</summary>
    public static DecodeStatus Imm16(ref DecodedInst d, uint rd, uint rn, uint imm)
    {
        d.Rd = (byte)rd; d.Rn = (byte)rn; d.Imm = imm;
        d.SetFlags = FlagsMode.OutsideIt;
        d.Flags |= InstFlags.WritesFlags;
        d.Reads(d.Rn); d.Writes(d.Rd);
        return DecodeStatus.Ok;
    }

    /// <summary>A compare/test: reads Rn (and Rm when &gt;= 0), always sets flags, writes no register.</summary>
    public static DecodeStatus Compare(ref DecodedInst d, uint rn, int rm, uint imm)
    {
        d.Rn = (byte)rn; d.Imm = imm;
        d.SetFlags = FlagsMode.Always;
        d.Flags |= InstFlags.WritesFlags;
        d.Reads(d.Rn);
        if (rm >= 0) { d.Rm = (byte)rm; d.Reads(rm); }
        return DecodeStatus.Ok;
    }

    /// <summary>ADD with high registers (never sets flags); a PC destination makes it a branch.</summary>
    public static unsafe DecodeStatus HighRegAdd(ref DecodedInst d, uint rd, uint rn, uint rm)
    {
        d.Rd = (byte)rd; d.Rn = (byte)rn; d.Rm = (byte)rm;
        d.Reads(d.Rn, d.Rm); d.Writes(d.Rd);
        if (rd == 15) { d.Exec = &DP.AddRegToPc; d.Class = TimingClass.Branch; }
        return DecodeStatus.Ok;
    }

    /// <summary>ADD/SUB with SP as first operand and a scaled 16-bit immediate (never sets flags).</summary>
    public static DecodeStatus SpImm16(ref DecodedInst d, uint rd, uint imm)
    {
        d.Rd = (byte)rd; d.Rn = 13; d.Imm = imm;
        d.Reads(13); d.Writes(d.Rd);
        return DecodeStatus.Ok;
    }

    /// <summary>REV/REV16/REVSH/RBIT: the source is read one stage early (timing facts §1.4).</summary>
    public static DecodeStatus Reverse(ref DecodedInst d, uint rd, uint rm)
    {
        d.Rd = (byte)rd; d.Rm = (byte)rm;
        d.ReadsEarly(d.Rm); d.Writes(d.Rd);
        return DecodeStatus.Ok;
    }

    /// <summary>Marks an instruction that consumes APSR.C (ADC, SBC, RRX).</summary>
    public static DecodeStatus ReadsCarry(DecodeStatus status, ref DecodedInst d)
    {
        d.Flags |= InstFlags.ReadsFlags;
        return status;
    }
}
