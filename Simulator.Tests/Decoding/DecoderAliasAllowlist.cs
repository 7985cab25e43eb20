namespace M7Sim.Tests.Decoding;

/// <summary>
/// The intended overlaps of the instruction table, each with the Armv7-M ARM (DDI 0403E) rule that
/// creates it. Section numbers are the encoding tables of chapter A5 and the instruction pages of A7.7.
/// <list type="bullet">
/// <item><see cref="Aliases"/>: a row that fixes every bit of a more general row and more, claiming part
/// of its space (SMUAD = SMLAD with Ra = 1111). The decoder tries it first because it has more fixed
/// bits.</item>
/// <item><see cref="SharedSpaces"/>: rows that each fix a bit the other leaves free; the ARM ARM resolves
/// the shared encodings with "SEE" lines, which the decode steps implement by returning SeeOther.</item>
/// <item><see cref="CanonicalExceptions"/>: rows whose all-fields-zero encoding belongs to another
/// instruction by such a SEE line; a documented other encoding of the row is checked instead.</item>
/// </list>
/// </summary>
internal static class DecoderAliasAllowlist
{
    internal sealed record Alias(string General, string Reason, params string[] Specific);

    internal sealed record SharedSpace(string Reason, params string[] Rows);

    internal sealed record CanonicalException(string Row, uint Encoding, string Reason);

    public static readonly Alias[] Aliases =
    [
        // ---- 16-bit ----
        new("LslImmT1", "A7.7.68 LSL (immediate) T1: imm5 = 00000 is MOV (register) T2 (A5.2.1)", "MovRegT2"),
        new("AddRegT2", "A7.7.6 ADD (SP plus register): Rm or Rdn = 1101 in the high-register ADD (A5.2.3)", "AddSpRegT1", "AddSpRegT2"),
        new("BT1", "A5.2.7: cond = 1110 is UDF (A7.7.194), cond = 1111 is SVC (A7.7.178), not B<c>", "SvcT1", "UdfT1"),
        new("ItT1", "A5.2.6: mask = 0000 is a hint (NOP/YIELD/WFE/WFI/SEV), not IT", "HintT1", "NopT1", "SevT1", "WfeT1", "WfiT1", "YieldT1"),
        new("HintT1", "A5.2.6 hints: opB = 0000..0100 are NOP, YIELD, WFE, WFI, SEV; other values are unallocated hints", "NopT1", "SevT1", "WfeT1", "WfiT1", "YieldT1"),

        // ---- 32-bit data processing ----
        new("AndImmT1", "A5.3.1: Rd = 1111 with S = 1 is TST (immediate)", "TstImmT1"),
        new("EorImmT1", "A5.3.1: Rd = 1111 with S = 1 is TEQ (immediate)", "TeqImmT1"),
        new("OrrImmT1", "A5.3.1: Rn = 1111 is MOV (immediate) T2", "MovImmT2"),
        new("OrnImmT1", "A5.3.1: Rn = 1111 is MVN (immediate)", "MvnImmT1"),
        new("AddImmT3", "A5.3.1: Rd = 1111 with S = 1 is CMN (immediate); Rn = 1101 is ADD (SP plus immediate)", "AddSpImmT3", "CmnImmT1"),
        new("SubImmT3", "A5.3.1: Rd = 1111 with S = 1 is CMP (immediate); Rn = 1101 is SUB (SP minus immediate)", "CmpImmT2", "SubSpImmT2"),
        new("AddImmT4", "A5.3.3: ADDW with Rn = 1111 is ADR T3, with Rn = 1101 ADD (SP plus immediate) T4", "AddSpImmT4", "AdrT3"),
        new("SubImmT4", "A5.3.3: SUBW with Rn = 1111 is ADR T2, with Rn = 1101 SUB (SP minus immediate) T3", "AdrT2", "SubSpImmT3"),
        new("BfiT1", "A5.3.3: BFI with Rn = 1111 is BFC", "BfcT1"),
        new("SsatT1", "A5.3.3: SSAT with sh = 1 and imm3:imm2 = 00000 is SSAT16", "Ssat16T1"),
        new("UsatT1", "A5.3.3: USAT with sh = 1 and imm3:imm2 = 00000 is USAT16", "Usat16T1"),
        new("AndRegT2", "A5.3.11: Rd = 1111 with S = 1 is TST (register)", "TstRegT2"),
        new("EorRegT2", "A5.3.11: Rd = 1111 with S = 1 is TEQ (register)", "TeqRegT1"),
        new("OrnRegT1", "A5.3.11: Rn = 1111 is MVN (register)", "MvnRegT2"),
        new("AddRegT3", "A5.3.11: Rd = 1111 with S = 1 is CMN (register); Rn = 1101 is ADD (SP plus register)", "AddSpRegT3", "CmnRegT2"),
        new("SubRegT2", "A5.3.11: Rd = 1111 with S = 1 is CMP (register); Rn = 1101 is SUB (SP minus register)", "CmpRegT3", "SubSpRegT1"),
        new("OrrRegT2", "A5.3.11: Rn = 1111 is MOV (register) and the shifts by immediate (table A5-23: LSL/LSR/ASR/ROR/RRX, MOV when type:imm = 0)",
            "AsrImmT2", "LslImmT2", "LsrImmT2", "MovRegT3", "RorImmT1", "RrxT1"),
        new("LslImmT2", "A5.3.11 table A5-23: LSL with imm3:imm2 = 00000 is MOV (register) T3", "MovRegT3"),
        new("RorImmT1", "A5.3.11 table A5-23: ROR with imm3:imm2 = 00000 is RRX", "RrxT1"),

        // ---- 32-bit extends (A5.3.12): Rn = 1111 is the extend without add ----
        new("SxtabT1", "A5.3.12: SXTAB with Rn = 1111 is SXTB", "SxtbT2"),
        new("SxtahT1", "A5.3.12: SXTAH with Rn = 1111 is SXTH", "SxthT2"),
        new("Sxtab16T1", "A5.3.12: SXTAB16 with Rn = 1111 is SXTB16", "Sxtb16T1"),
        new("UxtabT1", "A5.3.12: UXTAB with Rn = 1111 is UXTB", "UxtbT2"),
        new("UxtahT1", "A5.3.12: UXTAH with Rn = 1111 is UXTH", "UxthT2"),
        new("Uxtab16T1", "A5.3.12: UXTAB16 with Rn = 1111 is UXTB16", "Uxtb16T1"),

        // ---- multiplies (A5.3.16): Ra = 1111 is the form without accumulate ----
        new("MlaT1", "A5.3.16: MLA with Ra = 1111 is MUL", "MulT2"),
        new("SmlabbT1", "A5.3.16: SMLABB with Ra = 1111 is SMULBB", "SmulbbT1"),
        new("SmlabtT1", "A5.3.16: SMLABT with Ra = 1111 is SMULBT", "SmulbtT1"),
        new("SmlatbT1", "A5.3.16: SMLATB with Ra = 1111 is SMULTB", "SmultbT1"),
        new("SmlattT1", "A5.3.16: SMLATT with Ra = 1111 is SMULTT", "SmulttT1"),
        new("SmlawbT1", "A5.3.16: SMLAWB with Ra = 1111 is SMULWB", "SmulwbT1"),
        new("SmlawtT1", "A5.3.16: SMLAWT with Ra = 1111 is SMULWT", "SmulwtT1"),
        new("SmladT1", "A5.3.16: SMLAD with Ra = 1111 is SMUAD", "SmuadT1"),
        new("SmladxT1", "A5.3.16: SMLADX with Ra = 1111 is SMUADX", "SmuadxT1"),
        new("SmlsdT1", "A5.3.16: SMLSD with Ra = 1111 is SMUSD", "SmusdT1"),
        new("SmlsdxT1", "A5.3.16: SMLSDX with Ra = 1111 is SMUSDX", "SmusdxT1"),
        new("SmmlaT1", "A5.3.16: SMMLA with Ra = 1111 is SMMUL", "SmmulT1"),
        new("SmmlarT1", "A5.3.16: SMMLAR with Ra = 1111 is SMMULR", "SmmulrT1"),
        new("Usada8T1", "A5.3.16: USADA8 with Ra = 1111 is USAD8", "Usad8T1"),

        // ---- branches and miscellaneous control (A5.3.4) ----
        new("BT3", "A5.3.4: B<c> T3 with cond = 111x is not a branch: MSR, MRS, hints, barriers, CLREX, UDF (op1 = 0111xxx/op = 1111111)",
            "ClrexT1", "DbgT1", "DmbT1", "DsbT1", "HintT2", "IsbT1", "MrsT1", "MsrT1", "NopT2", "SevT2", "UdfT2", "WfeT2", "WfiT2", "YieldT2"),
        new("HintT2", "A5.3.4 hints (table A5-14): op2 = 0..4 are NOP.W, YIELD.W, WFE.W, WFI.W, SEV.W, 1111xxxx is DBG", "DbgT1", "NopT2", "SevT2", "WfeT2", "WfiT2", "YieldT2"),

        // ---- load/store multiple (A5.3.5) ----
        new("LdmT2", "A7.7.99 POP T2: LDMIA SP! is POP (register list form)", "PopT2"),
        new("StmdbT1", "A7.7.101 PUSH T2: STMDB SP! is PUSH", "PushT2"),

        // ---- load/store dual, exclusive, table branch (A5.3.6): P = W = 0 is not LDRD/STRD ----
        new("LdrdImmT1", "A5.3.6: LDRD with Rn = 1111 is LDRD (literal); P = W = 0 is LDREX/LDREXB/LDREXH/TBB/TBH",
            "LdrdLitT1", "LdrexT1", "LdrexbT1", "LdrexhT1", "TbbT1", "TbhT1"),
        new("StrdImmT1", "A5.3.6: STRD with P = W = 0 is STREX/STREXB/STREXH", "StrexT1", "StrexbT1", "StrexhT1"),

        // ---- single loads and stores (A5.3.7-A5.3.10) ----
        new("LdrImmT4", "A5.3.7: PUW = 110 is LDRT; LDR Rt, [SP], #4 is POP T3 (A7.7.99)", "LdrtT1", "PopT3"),
        new("StrImmT4", "A5.3.10: PUW = 110 is STRT; STR Rt, [SP, #-4]! is PUSH T3 (A7.7.101)", "PushT3", "StrtT1"),
        new("StrbImmT3", "A5.3.10: PUW = 110 is STRBT", "StrbtT1"),
        new("StrhImmT3", "A5.3.10: PUW = 110 is STRHT", "StrhtT1"),
        new("LdrbImmT2", "A5.3.9: Rt = 1111 is PLD (immediate) T1", "PldImmT1"),
        new("LdrbImmT3", "A5.3.9: PUW = 110 is LDRBT; Rt = 1111 with 1100 is PLD (immediate) T2", "LdrbtT1", "PldImmT2"),
        new("LdrbLitT1", "A5.3.9: Rt = 1111 is PLD (literal)", "PldLitT1"),
        new("LdrbRegT2", "A5.3.9: Rt = 1111 is PLD (register)", "PldRegT1"),
        new("LdrsbImmT1", "A5.3.9: Rt = 1111 is PLI (immediate) T1", "PliImmT1"),
        new("LdrsbImmT2", "A5.3.9: PUW = 110 is LDRSBT; Rt = 1111 with 1100 is PLI (immediate) T2", "LdrsbtT1", "PliImmT2"),
        new("LdrsbLitT1", "A5.3.9: Rt = 1111 is PLI (literal) T3", "PliLitT3"),
        new("LdrsbRegT2", "A5.3.9: Rt = 1111 is PLI (register)", "PliRegT1"),
        new("LdrhImmT2", "A5.3.8: Rt = 1111 is an unallocated memory hint (treated as NOP)", "LdrhHintImm12"),
        new("LdrhImmT3", "A5.3.8: PUW = 110 is LDRHT; Rt = 1111 with 1100 is an unallocated memory hint", "LdrhHintImm8", "LdrhtT1"),
        new("LdrhLitT1", "A5.3.8: Rt = 1111 is an unallocated memory hint", "LdrhHintLit"),
        new("LdrhRegT2", "A5.3.8: Rt = 1111 is an unallocated memory hint", "LdrhHintReg"),
        new("LdrshImmT1", "A5.3.8: Rt = 1111 is an unallocated memory hint", "LdrshHintImm12"),
        new("LdrshImmT2", "A5.3.8: PUW = 110 is LDRSHT; Rt = 1111 with 1100 is an unallocated memory hint", "LdrshHintImm8", "LdrshtT1"),
        new("LdrshLitT1", "A5.3.8: Rt = 1111 is an unallocated memory hint", "LdrshHintLit"),
        new("LdrshRegT2", "A5.3.8: Rt = 1111 is an unallocated memory hint", "LdrshHintReg"),

        // ---- floating-point load/store (A6.? extension register load/store, table A6-3) ----
        new("VldmT1", "Extension register load/store (A6.5, FP chapter): P = 1, W = 0 is VLDR; LDM on SP with writeback is VPOP; 0x0101 with 64-bit transfers is VMOV (two registers)",
            "VldrT1", "VmovFromDoubleT1", "VmovFromTwoSinglesT1", "VpopT1"),
        new("VstmT1", "Extension register load/store (A6.5, FP chapter): P = 1, W = 0 is VSTR; STMDB on SP with writeback is VPUSH; 0x0100 with 64-bit transfers is VMOV (two registers)",
            "VmovToDoubleT1", "VmovToTwoSinglesT1", "VpushT1", "VstrT1"),

        // ---- coprocessor instructions (A5.3.18): coproc = 101x is the floating-point extension (A6) ----
        new("CdpT1", "A5.3.18: CDP with coproc = 101x is floating-point data processing (A6.4)",
            "VabsT1", "VaddT1", "VcmpT1", "VcmpT2", "VcmpeT1", "VcmpeT2", "VcvtDsT1", "VcvtFixedT1", "VcvtFromIntT1", "VcvtToIntT1",
            "VcvtbT1", "VcvtrToIntT1", "VcvttT1", "VdivT1", "VfmaT1", "VfmsT1", "VfnmaT1", "VfnmsT1", "VmlaT1", "VmlsT1",
            "VmovImmT1", "VmovRegT1", "VmulT1", "VnegT1", "VnmlaT1", "VnmlsT1", "VnmulT1", "VrintrT1", "VrintxT1", "VrintzT1",
            "VsqrtT1", "VsubT1"),
        new("Cdp2T2", "A5.3.18: CDP2 with coproc = 101x holds the FPv5 instructions VSEL, VMAXNM/VMINNM, VRINTA/N/P/M, VCVTA/N/P/M (A6.4)",
            "VcvtaT1", "VcvtmT1", "VcvtnT1", "VcvtpT1", "VmaxnmT1", "VminnmT1", "VrintaT1", "VrintmT1", "VrintnT1", "VrintpT1",
            "VseleqT1", "VselgeT1", "VselgtT1", "VselvsT1"),
        new("McrT1", "A5.3.18: MCR with coproc = 101x is the 32-bit core-to-extension register transfer (A6.6: VMOV, VMSR)",
            "VmovToScalarT1", "VmovToSingleT1", "VmsrT1"),
        new("MrcT1", "A5.3.18: MRC with coproc = 101x is the 32-bit extension-to-core register transfer (A6.6: VMOV, VMRS)",
            "VmovFromScalarT1", "VmovFromSingleT1", "VmrsT1"),
        new("McrrT1", "A5.3.18: MCRR with coproc = 101x is VMOV (two core registers to two singles or a double, A6.7)",
            "VmovToDoubleT1", "VmovToTwoSinglesT1"),
        new("StcT1", "A5.3.18: STC with P = U = W = 0 and D = 1 is MCRR; with coproc = 101x it is an extension register store (A6.5: VSTM, VSTR, VPUSH)",
            "McrrT1", "VmovToDoubleT1", "VmovToTwoSinglesT1", "VpushT1", "VstmT1", "VstrT1"),
        new("LdcT1", "A5.3.18: LDC with P = U = W = 0 and D = 1 is MRRC; with coproc = 101x it is an extension register load (A6.5: VLDM, VLDR, VPOP)",
            "MrrcT1", "VldmT1", "VldrT1", "VmovFromDoubleT1", "VmovFromTwoSinglesT1", "VpopT1"),
        new("MrrcT1", "A5.3.18: MRRC with coproc = 101x is VMOV (two singles or a double to two core registers, A6.7)",
            "VmovFromDoubleT1", "VmovFromTwoSinglesT1"),
        new("Stc2T2", "A5.3.18: STC2 with P = U = W = 0 and D = 1 is MCRR2", "Mcrr2T2"),
        new("Ldc2T2", "A5.3.18: LDC2 with P = U = W = 0 and D = 1 is MRRC2", "Mrrc2T2"),
    ];

    public static readonly SharedSpace[] SharedSpaces =
    [
        new("A7.7.6: ADD SP, SP, SP is both ADD (SP plus register) T1 (Rdm = 1101) and T2 (Rm = 1101); both mean the same operation",
            "AddSpRegT1", "AddSpRegT2"),
        new("A5.3.1/A5.3.11: compare forms (Rd = 1111, S = 1) and SP forms (Rn = 1101) intersect at CMN/CMP with Rn = SP; the tables decode Rd = 1111 first, and ADD/SUB (SP) decoding says 'if d == 15 && S == 1 then SEE CMN/CMP'",
            "CmnImmT1", "AddSpImmT3", "CmnRegT2", "AddSpRegT3", "CmpImmT2", "SubSpImmT2", "CmpRegT3", "SubSpRegT1"),
        new("A5.3.7 load word: Rn = 1111 is LDR (literal) whatever the other bits (A7.7.42-44: 'if Rn == 1111 then SEE LDR (literal)')",
            "LdrLitT2", "LdrImmT3", "LdrImmT4", "LdrRegT2", "LdrtT1"),
        new("A5.3.9 load byte and PLD: Rn = 1111 selects the literal forms, Rt = 1111 the PLD forms (SEE lines of A7.7.46-48, A7.7.111-113)",
            "LdrbLitT1", "LdrbImmT2", "LdrbImmT3", "LdrbRegT2", "LdrbtT1", "PldLitT1", "PldImmT1", "PldImmT2", "PldRegT1"),
        new("A5.3.9 load signed byte and PLI: Rn = 1111 selects the literal forms, Rt = 1111 the PLI forms (SEE lines of A7.7.59-61, A7.7.114-116)",
            "LdrsbLitT1", "LdrsbImmT1", "LdrsbImmT2", "LdrsbRegT2", "LdrsbtT1", "PliLitT3", "PliImmT1", "PliImmT2", "PliRegT1"),
        new("A5.3.8 load halfword and memory hints: Rn = 1111 selects the literal forms, Rt = 1111 the unallocated hints",
            "LdrhLitT1", "LdrhImmT2", "LdrhImmT3", "LdrhRegT2", "LdrhtT1", "LdrhHintLit", "LdrhHintImm12", "LdrhHintImm8", "LdrhHintReg"),
        new("A5.3.8 load signed halfword and memory hints: Rn = 1111 selects the literal forms, Rt = 1111 the unallocated hints",
            "LdrshLitT1", "LdrshImmT1", "LdrshImmT2", "LdrshRegT2", "LdrshtT1", "LdrshHintLit", "LdrshHintImm12", "LdrshHintImm8", "LdrshHintReg"),
        new("A5.3.6: LDRD (literal) has P/W as fields; P = W = 0 is the exclusive and table-branch space, decoded first",
            "LdrdLitT1", "TbbT1", "TbhT1", "LdrexT1", "LdrexbT1", "LdrexhT1"),
        new("A6.5/A6.7: VLDM/VSTM leave P, U, W as fields; P = U = W = 0 with D = 1 is the MRRC/MCRR space, where the FP rows VMOV (two registers) claim coproc 101x and the VLDM/VSTM decode steps 'SEE 64-bit transfers'",
            "VldmT1", "MrrcT1", "VstmT1", "McrrT1"),
    ];

    public static readonly CanonicalException[] CanonicalExceptions =
    [
        new("LdrdImmT1", 0xE9D0_0100, "A7.7.50: P = W = 0 (the all-zero fields) is 'SEE Load/store exclusive'; checked with P = 1: LDRD R0, R1, [R0]"),
        new("LdrdLitT1", 0xE95F_0100, "A7.7.51: P = W = 0 is the exclusive space; checked with P = 1, U = 0: LDRD R0, R1, [PC, #-0]"),
    ];
}
