using System.Text.RegularExpressions;
using M7Sim.Decoding;

namespace M7Sim.Tests.Decoding;

/// <summary>
/// Disagreements with Capstone 4.0 where the Armv7-M Architecture Reference Manual (ARM DDI 0403E)
/// makes our decoding right. Each entry cites the rule and matches only the encodings the rule covers;
/// anything else is reported as unexplained and fails <see cref="CapstoneAgreementTests"/>.
/// Capstone decodes for the A/R-profile feature set even in M-class mode, ignores "should be" bits and
/// does not check UNPREDICTABLE conditions, which accounts for almost all entries.
/// </summary>
internal static partial class CapstoneAllowlist
{
    internal sealed record Entry(string Id, string Citation, string Reason, Func<Disagreement, bool> Matches);

    public static readonly Entry[] Entries =
    [
        new("unpredictable-by-encoding-pseudocode",
            "A7.7 (each instruction's 'Encoding' pseudocode), A5.1.2/A5.1.3 (use of 0b1111 and 0b1101 as a register)",
            "The row matched and its decode step applied an 'UNPREDICTABLE' line of the ARM ARM (BadReg(d), d == 15, " +
            "RdLo == RdHi, wback with Rn in the list, BitCount(registers) < 2, IT with AL and a multi-instruction mask, ...). " +
            "M7Sim raises UNDEFINSTR for these (DecodeStatus.Unpredictable); Capstone does not check such conditions. " +
            "Only counted when Capstone names the same instruction.",
            d => d.Verdict == Verdict.OnlyCapstoneValid && d.OurStatus == DecodeStatus.Unpredictable && d.OurRow is not null
                 && SameInstruction(d.OurRow, d.OurMnemonic, d.Capstone.Mnemonic)),

        new("should-be-bits",
            "A7.1 (encoding diagrams: a bit shown as (0) or (1) 'should be' that value; otherwise the instruction is UNPREDICTABLE)",
            "The encoding matches a row except in bits the ARM ARM shows as (0)/(1) (see ShouldBeBits). M7Sim's rows fix " +
            "those bits, so the encoding is UNDEFINED here (UNDEFINSTR); Capstone ignores them. Only counted when Capstone " +
            "names the instruction of that row.",
            d => d.Verdict == Verdict.OnlyCapstoneValid && d.OurStatus != DecodeStatus.Ok && ViolatesShouldBeBitsOf(d) is not null),

        new("double-registers-d16-d31",
            "A2.5 (floating-point extension register file), Cortex-M7 FPv5-D16: 16 doubleword registers D0-D15",
            "Capstone decodes operands D16-D31 (the 32-register VFPv3/NEON bank); Armv7-M implementations with D16 have no " +
            "such registers and the encodings are UNDEFINED (the decode steps check D:Vd, N:Vn, M:Vm < 16 for doubles).",
            d => d.Verdict == Verdict.OnlyCapstoneValid && d.OurStatus != DecodeStatus.Ok && HighDoubleRegister().IsMatch(d.Capstone.Operands)),

        new("advanced-simd-space",
            "A5.3 (table A5-9: op1 = 0b11, op2 = 0b001xxx0 is not allocated), A5.3.18 (coprocessor space op1 = 0b11xxxx is not allocated)",
            "Capstone decodes Advanced SIMD (NEON) instructions, which exist only in Armv7-A/R: hw1 = 111x 1111 (data " +
            "processing) and hw1 = 1111 1001 xxx0 (element/structure load/store). Armv7-M allocates nothing there: UNDEFINED.",
            d => d.Verdict == Verdict.OnlyCapstoneValid && d.OurStatus != DecodeStatus.Ok && d.Is32 && IsAdvancedSimdSpace(d.Raw >> 16)),

        new("unallocated-memory-hints",
            "A5.3.8 (load halfword, memory hints: Rt = 0b1111 rows 'Unallocated memory hint (treat as NOP)')",
            "LDRH/LDRSH with Rt = PC are unallocated memory hints in Armv7-M and execute as NOP. Capstone decodes some of " +
            "them as PLDW/PLD (PLDW is the Armv7-A Multiprocessing Extension) and rejects the rest.",
            d => d.OurStatus == DecodeStatus.Ok && d.OurRow is { } r && (r.StartsWith("LdrhHint", StringComparison.Ordinal) || r.StartsWith("LdrshHint", StringComparison.Ordinal))
                 && (d.Verdict == Verdict.OnlyOursValid || (d.Verdict == Verdict.MnemonicDiffers && d.Capstone.Mnemonic is "pld" or "pldw"))),

        new("fldmx-fstmx-spelling",
            "A7.7.229 VLDM / A7.7.256 VSTM / VPUSH / VPOP (doubleword lists: regs = UInt(imm8) DIV 2)",
            "An odd imm8 in a doubleword VLDM/VSTM is the deprecated FLDMX/FSTMX spelling of the same transfer; Capstone " +
            "prints fldmiax/fldmdbx/fstmiax/fstmdbx.",
            d => d.Verdict == Verdict.MnemonicDiffers && IsFldmxSpelling(d.OurRow, d.Capstone.Mnemonic)),

        new("a-profile-system-instructions",
            "A5.3.4 (Armv7-M branches and miscellaneous control: no SMC, HVC or banked-register MRS/MSR; hw1 = 1111 0111 111x other than UDF is UNDEFINED)",
            "Capstone decodes the Security and Virtualization Extension instructions of Armv7-A (SMC, HVC, MRS/MSR of banked " +
            "registers such as LR_fiq); Armv7-M has none of them.",
            d => d.Verdict == Verdict.OnlyCapstoneValid && d.OurStatus != DecodeStatus.Ok
                 && (d.Capstone.Mnemonic is "smc" or "hvc" or "hvc.w" || BankedRegister().IsMatch(d.Capstone.Operands))),

        new("advanced-simd-register-transfers",
            "A6.7 (8, 16 and 32-bit transfers between core and extension registers: Armv7-M has VMOV of a 32-bit scalar, VMOV single, VMRS/VMSR only)",
            "Capstone decodes the Advanced SIMD transfers (VMOV of 8/16-bit scalars, VDUP); in Armv7-M those encodings are UNDEFINED.",
            d => d.Verdict == Verdict.OnlyCapstoneValid && d.OurStatus != DecodeStatus.Ok
                 && (d.Capstone.Mnemonic.StartsWith("vdup", StringComparison.Ordinal) || NarrowScalarMove().IsMatch(d.Capstone.Mnemonic))),

        new("fp-system-registers-other-than-fpscr",
            "A7.7.243 VMRS / A7.7.244 VMSR (Armv7-M: the register field is 0b0001, FPSCR, only)",
            "Capstone accepts VMRS/VMSR of FPSID, FPEXC, MVFR0/1, FPINST, FPINST2 (Armv7-A/R system registers); Armv7-M " +
            "encodes only FPSCR, the rest is UNDEFINED.",
            d => d.Verdict == Verdict.OnlyCapstoneValid && d.OurStatus != DecodeStatus.Ok
                 && d.Capstone.Mnemonic is "vmsr" or "vmrs" && !d.Capstone.Operands.Contains("fpscr", StringComparison.Ordinal)),

        new("coprocessor-2-forms-in-fp-space",
            "A5.3.18 (coproc = 0b101x: 'see Floating-point'); A6.5 (extension register load/store exists only as the 0b1110 110x forms)",
            "Capstone decodes LDC2/STC2 with coprocessor 10 or 11; in Armv7-M that space belongs to the floating-point " +
            "extension, which allocates no load/store there, so the encoding is UNDEFINED.",
            d => d.Verdict == Verdict.OnlyCapstoneValid && d.OurStatus == DecodeStatus.Undefined && d.OurRow is "Ldc2T2" or "Stc2T2"
                 && ((d.Raw >> 9) & 7) == 0b101 && MnemonicNormaliser.Same(d.OurMnemonic, d.Capstone.Mnemonic)),

        new("udf-trap-alias",
            "A7.7.194 UDF T1 (any imm8)",
            "Capstone prints UDF #0xFE (0xDEFE) as LLVM's 'trap' pseudo-instruction; same encoding.",
            d => d.Verdict == Verdict.MnemonicDiffers && d.OurRow == "UdfT1" && d.Capstone.Mnemonic == "trap"),
    ];

    /// <summary>
    /// Bits that the ARM ARM encoding diagrams show as (0)/(1), per row (the rows fix them to the shown
    /// value). 32-bit masks are hw1 &lt;&lt; 16 | hw2.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, uint> ShouldBeBits = BuildShouldBeBits();

    private static Dictionary<string, uint> BuildShouldBeBits()
    {
        var t = new Dictionary<string, uint>
        {
            // 16-bit: BX/BLX Rm (0)(0)(0) (A7.7.20/A7.7.19); CPS (0)(0) in bits 3:2 (B5.2.1)
            ["BxT1"] = 0x0007,
            ["BlxRegT1"] = 0x0007,
            ["CpsieT1"] = 0x000C,
            ["CpsidT1"] = 0x000C,
            // A5.3.3: SSAT/USAT/SBFX/UBFX/BFI/BFC: 11110(0)11 ... | 0 imm3 Rd imm2 (0) ...
            ["SsatT1"] = 0x0400_0020,
            ["UsatT1"] = 0x0400_0020,
            ["SbfxT1"] = 0x0400_0020,
            ["UbfxT1"] = 0x0400_0020,
            ["BfiT1"] = 0x0400_0020,
            ["BfcT1"] = 0x0400_0020,
            // SSAT16/USAT16: 11110(0)11 001x Rn | 0000 Rd 00(0)(0) sat_imm
            ["Ssat16T1"] = 0x0400_0030,
            ["Usat16T1"] = 0x0400_0030,
            // A5.3.12 extends: 1111 1010 0xxx Rn | 1111 Rd 1(0) rotate Rm
            ["SxtahT1"] = 0x40,
            ["SxthT2"] = 0x40,
            ["UxtahT1"] = 0x40,
            ["UxthT2"] = 0x40,
            ["Sxtab16T1"] = 0x40,
            ["Sxtb16T1"] = 0x40,
            ["Uxtab16T1"] = 0x40,
            ["Uxtb16T1"] = 0x40,
            ["SxtabT1"] = 0x40,
            ["SxtbT2"] = 0x40,
            ["UxtabT1"] = 0x40,
            ["UxtbT2"] = 0x40,
            // A5.3.17 SDIV/UDIV: ... | (1)(1)(1)(1) Rd 1111 Rm
            ["SdivT1"] = 0xF000,
            ["UdivT1"] = 0xF000,
            // A5.3.5 load/store multiple: STM/STMDB/PUSH (0) M (0) list, LDM/LDMDB/POP P M (0) list
            ["StmT2"] = 0xA000,
            ["StmdbT1"] = 0xA000,
            ["PushT2"] = 0xA000,
            ["LdmT2"] = 0x2000,
            ["LdmdbT1"] = 0x2000,
            ["PopT2"] = 0x2000,
            // A5.3.6: LDREX Rt (1)(1)(1)(1) imm8; LDREXB/H Rt (1)(1)(1)(1) 010x (1)(1)(1)(1);
            // STREXB/H Rt (1)(1)(1)(1) 010x Rd; TBB/TBH (1)(1)(1)(1)(0)(0)(0)(0) 000H Rm
            ["LdrexT1"] = 0x0F00,
            ["LdrexbT1"] = 0x0F0F,
            ["LdrexhT1"] = 0x0F0F,
            ["StrexbT1"] = 0x0F00,
            ["StrexhT1"] = 0x0F00,
            ["TbbT1"] = 0xFF00,
            ["TbhT1"] = 0xFF00,
            // A5.3.4: MSR 1111 0011 100(0) Rn | 10(0)0 mask (0)(0) SYSm;
            // MRS 1111 0011 111(0) (1)(1)(1)(1) | 10(0)0 Rd SYSm;
            // hints 1111 0011 1010 (1)(1)(1)(1) | 10(0)0 (0)000 ...;
            // barriers/CLREX 1111 0011 1011 (1)(1)(1)(1) | 10(0)0 (1)(1)(1)(1) 0xxx option ((1)(1)(1)(1) for CLREX)
            ["MsrT1"] = 0x0010_2300,
            ["MrsT1"] = 0x001F_2000,
            ["NopT2"] = 0x000F_2800,
            ["YieldT2"] = 0x000F_2800,
            ["WfeT2"] = 0x000F_2800,
            ["WfiT2"] = 0x000F_2800,
            ["SevT2"] = 0x000F_2800,
            ["DbgT1"] = 0x000F_2800,
            ["HintT2"] = 0x000F_2800,
            ["DsbT1"] = 0x000F_2F00,
            ["DmbT1"] = 0x000F_2F00,
            ["IsbT1"] = 0x000F_2F00,
            ["ClrexT1"] = 0x000F_2F0F,
            // FP register transfers: VMOV core<->single / scalar Rt 101x N(0)(0)1 (0)(0)(0)(0);
            // VMRS/VMSR Rt 1010 (0)(0)(0)1 (0)(0)(0)(0); VCMP with zero ... E1(0)0 (0)(0)(0)(0)
            ["VmovToSingleT1"] = 0x006F,
            ["VmovFromSingleT1"] = 0x006F,
            ["VmovToScalarT1"] = 0x006F,
            ["VmovFromScalarT1"] = 0x006F,
            ["VmrsT1"] = 0x00EF,
            ["VmsrT1"] = 0x00EF,
            ["VcmpT2"] = 0x002F,
            ["VcmpeT2"] = 0x002F,
        };
        // A5.3.11 data processing (shifted register): 1110 101x xxxx Rn | (0) imm3 Rd imm2 type Rm
        foreach (string r in new[]
                 {
                     "AndRegT2", "TstRegT2", "BicRegT2", "OrrRegT2", "MovRegT3", "LslImmT2", "LsrImmT2", "AsrImmT2",
                     "RorImmT1", "RrxT1", "OrnRegT1", "MvnRegT2", "EorRegT2", "TeqRegT1", "AddRegT3", "CmnRegT2",
                     "AddSpRegT3", "AdcRegT2", "SbcRegT2", "SubRegT2", "CmpRegT3", "SubSpRegT1", "RsbRegT1",
                     "PkhbtT1", "PkhtbT1",
                 })
            t[r] = 0x8000;
        return t;
    }

    /// <summary>The row whose pattern the encoding matches except in that row's should-be bits, if Capstone names it.</summary>
    public static Row? ViolatesShouldBeBitsOf(Disagreement d)
    {
        foreach (var row in InstTable.All)
        {
            if (row.Is32 != d.Is32 || !ShouldBeBits.TryGetValue(row.Name, out uint sb)) continue;
            uint mask = row.Pattern.Mask & ~sb;
            if ((d.Raw & mask) != (row.Pattern.Value & mask)) continue;
            if ((d.Raw & sb & row.Pattern.Mask) == (row.Pattern.Value & sb & row.Pattern.Mask)) continue;
            if (SameInstruction(row.Name, row.Mnemonic, d.Capstone.Mnemonic)) return row;
        }
        return null;
    }

    /// <summary>Same instruction, allowing Capstone's FLDMX/FSTMX spelling of VLDM/VSTM with an odd imm8.</summary>
    public static bool SameInstruction(string? ourRow, string ourMnemonic, string capstoneMnemonic) =>
        MnemonicNormaliser.Same(ourMnemonic, capstoneMnemonic) || IsFldmxSpelling(ourRow, capstoneMnemonic);

    private static bool IsFldmxSpelling(string? ourRow, string capstoneMnemonic) =>
        ourRow is "VldmT1" or "VstmT1" or "VpushT1" or "VpopT1" && capstoneMnemonic is "fldmiax" or "fldmdbx" or "fstmiax" or "fstmdbx";

    /// <summary>hw1 = 111x 1111 xxxx xxxx, or 1111 1001 xxx0 xxxx.</summary>
    private static bool IsAdvancedSimdSpace(uint hw1) => (hw1 & 0xEF00) == 0xEF00 || (hw1 & 0xFF10) == 0xF900;

    [GeneratedRegex(@"_(usr|fiq|irq|svc|abt|und|mon|hyp)\b|\belr_hyp\b")]
    private static partial Regex BankedRegister();

    [GeneratedRegex(@"^vmov\.[su]?(8|16)$")]
    private static partial Regex NarrowScalarMove();

    [GeneratedRegex(@"\bd(1[6-9]|2[0-9]|3[01])\b")]
    private static partial Regex HighDoubleRegister();

    public static Entry? Match(Disagreement d)
    {
        foreach (var e in Entries)
            if (e.Matches(d)) return e;
        return null;
    }
}
