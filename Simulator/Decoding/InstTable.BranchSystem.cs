using M7Sim.Execution;
using M7Sim.Timing;

namespace M7Sim.Decoding;

internal static partial class InstTable
{
    /// <summary>Branches, IT, hints, miscellaneous control, MRS/MSR/CPS, barriers, SVC/BKPT/UDF, 16- and 32-bit (A5.2.5, A5.2.6 branch parts, A5.3.4).</summary>
    private static unsafe Row[] BranchSystemRows() =>
    [
        // ---- 16-bit branches (A5.2.6, A5.2.3, A5.2.5) ---------------------------------------------------
        new Row("1101 cccc iiii iiii", "BT1", "b", &Branch.BCond, TimingClass.Branch, static (in Fields f, ref DecodedInst d) => BrDecode.Conditional(ref d, f['c'], BrDecode.SignedOffset(f['i'], 8))),
        new Row("1110 0iii iiii iiii", "BT2", "b", &Branch.B, TimingClass.Branch, static (in Fields f, ref DecodedInst d) => BrDecode.Unconditional(ref d, BrDecode.SignedOffset(f['i'], 11))),
        new Row("0100 0111 0mmm m000", "BxT1", "bx", &Branch.Bx, TimingClass.Branch, static (in Fields f, ref DecodedInst d) => BrDecode.Register(ref d, f['m'], link: false)),
        new Row("0100 0111 1mmm m000", "BlxRegT1", "blx", &Branch.Blx, TimingClass.Branch, static (in Fields f, ref DecodedInst d) => BrDecode.Register(ref d, f['m'], link: true)),
        new Row("1011 00i1 iiii innn", "CbzT1", "cbz", &Branch.Cbz, TimingClass.Branch, static (in Fields f, ref DecodedInst d) => BrDecode.CompareBranch(ref d, f['n'], f['i'])),
        new Row("1011 10i1 iiii innn", "CbnzT1", "cbnz", &Branch.Cbnz, TimingClass.Branch, static (in Fields f, ref DecodedInst d) => BrDecode.CompareBranch(ref d, f['n'], f['i'])),
        new Row("1011 1111 cccc mmmm", "ItT1", "it", &Branch.It, TimingClass.It, static (in Fields f, ref DecodedInst d) => BrDecode.It(ref d, f['c'], f['m'])),

        // ---- 16-bit hints, BKPT, SVC, UDF, CPS --------------------------------------------------------
        new Row("1011 1111 0000 0000", "NopT1", "nop", &SystemOps.Nop, TimingClass.Nop, static (in Fields f, ref DecodedInst d) => BrDecode.Plain(ref d)),
        new Row("1011 1111 0001 0000", "YieldT1", "yield", &SystemOps.Nop, TimingClass.Nop, static (in Fields f, ref DecodedInst d) => BrDecode.Plain(ref d)),
        new Row("1011 1111 0010 0000", "WfeT1", "wfe", &SystemOps.WaitForInterrupt, TimingClass.System, static (in Fields f, ref DecodedInst d) => BrDecode.Plain(ref d)),
        new Row("1011 1111 0011 0000", "WfiT1", "wfi", &SystemOps.WaitForInterrupt, TimingClass.System, static (in Fields f, ref DecodedInst d) => BrDecode.Plain(ref d)),
        new Row("1011 1111 0100 0000", "SevT1", "sev", &SystemOps.Nop, TimingClass.Nop, static (in Fields f, ref DecodedInst d) => BrDecode.Plain(ref d)),
        // Other hint numbers are unallocated and execute as NOP (A5.2.5).
        new Row("1011 1111 hhhh 0000", "HintT1", "hint", &SystemOps.Nop, TimingClass.Nop, static (in Fields f, ref DecodedInst d) => BrDecode.Plain(ref d)),
        new Row("1011 1110 iiii iiii", "BkptT1", "bkpt", &SystemOps.Bkpt, TimingClass.System, static (in Fields f, ref DecodedInst d) => BrDecode.Immediate(ref d, f['i'], unconditional: true)),
        new Row("1101 1111 iiii iiii", "SvcT1", "svc", &SystemOps.Svc, TimingClass.System, static (in Fields f, ref DecodedInst d) => BrDecode.Immediate(ref d, f['i'], unconditional: false)),
        new Row("1101 1110 iiii iiii", "UdfT1", "udf", &SystemOps.Undefined, TimingClass.System, static (in Fields f, ref DecodedInst d) => BrDecode.Immediate(ref d, f['i'], unconditional: false)),
        new Row("1011 0110 0110 00if", "CpsieT1", "cpsie", &SystemOps.Cps, TimingClass.System, static (in Fields f, ref DecodedInst d) => BrDecode.Cps(ref d, f['i'], f['f'], disable: false)),
        new Row("1011 0110 0111 00if", "CpsidT1", "cpsid", &SystemOps.Cps, TimingClass.System, static (in Fields f, ref DecodedInst d) => BrDecode.Cps(ref d, f['i'], f['f'], disable: true)),

        // ---- 32-bit branches and miscellaneous control (A5.3.4) ------------------------------------------
        new Row("1111 0scc ccii iiii 10j0 kiii iiii iiii", "BT3", "b", &Branch.BCond, TimingClass.Branch, static (in Fields f, ref DecodedInst d) => BrDecode.Conditional(ref d, f['c'], BrDecode.ConditionalOffset(f))),
        new Row("1111 0sii iiii iiii 10j1 kiii iiii iiii", "BT4", "b", &Branch.B, TimingClass.Branch, static (in Fields f, ref DecodedInst d) => BrDecode.Unconditional(ref d, BrDecode.LongOffset(f))),
        new Row("1111 0sii iiii iiii 11j1 kiii iiii iiii", "BlT1", "bl", &Branch.Bl, TimingClass.Branch, static (in Fields f, ref DecodedInst d) => BrDecode.Link(ref d, BrDecode.LongOffset(f))),
        new Row("1111 0011 1000 nnnn 1000 kk00 ssss ssss", "MsrT1", "msr", &SpecialRegisters.Msr, TimingClass.System, static (in Fields f, ref DecodedInst d) => BrDecode.Msr(ref d, f['n'], f['k'], f['s'])),
        new Row("1111 0011 1110 1111 1000 dddd ssss ssss", "MrsT1", "mrs", &SpecialRegisters.Mrs, TimingClass.System, static (in Fields f, ref DecodedInst d) => BrDecode.Mrs(ref d, f['d'], f['s'])),
        new Row("1111 0011 1010 1111 1000 0000 0000 0000", "NopT2", "nop", &SystemOps.Nop, TimingClass.Nop, static (in Fields f, ref DecodedInst d) => BrDecode.Plain(ref d)),
        new Row("1111 0011 1010 1111 1000 0000 0000 0001", "YieldT2", "yield", &SystemOps.Nop, TimingClass.Nop, static (in Fields f, ref DecodedInst d) => BrDecode.Plain(ref d)),
        new Row("1111 0011 1010 1111 1000 0000 0000 0010", "WfeT2", "wfe", &SystemOps.WaitForInterrupt, TimingClass.System, static (in Fields f, ref DecodedInst d) => BrDecode.Plain(ref d)),
        new Row("1111 0011 1010 1111 1000 0000 0000 0011", "WfiT2", "wfi", &SystemOps.WaitForInterrupt, TimingClass.System, static (in Fields f, ref DecodedInst d) => BrDecode.Plain(ref d)),
        new Row("1111 0011 1010 1111 1000 0000 0000 0100", "SevT2", "sev", &SystemOps.Nop, TimingClass.Nop, static (in Fields f, ref DecodedInst d) => BrDecode.Plain(ref d)),
        new Row("1111 0011 1010 1111 1000 0000 1111 oooo", "DbgT1", "dbg", &SystemOps.Nop, TimingClass.Nop, static (in Fields f, ref DecodedInst d) => BrDecode.Plain(ref d)),
        new Row("1111 0011 1010 1111 1000 0000 hhhh hhhh", "HintT2", "hint", &SystemOps.Nop, TimingClass.Nop, static (in Fields f, ref DecodedInst d) => BrDecode.Plain(ref d)),
        new Row("1111 0011 1011 1111 1000 1111 0010 1111", "ClrexT1", "clrex", &LoadStoreExclusive.Clrex, TimingClass.System, static (in Fields f, ref DecodedInst d) => BrDecode.Plain(ref d)),
        new Row("1111 0011 1011 1111 1000 1111 0100 oooo", "DsbT1", "dsb", &SystemOps.Nop, TimingClass.System, static (in Fields f, ref DecodedInst d) => BrDecode.Plain(ref d)),
        new Row("1111 0011 1011 1111 1000 1111 0101 oooo", "DmbT1", "dmb", &SystemOps.Nop, TimingClass.System, static (in Fields f, ref DecodedInst d) => BrDecode.Plain(ref d)),
        new Row("1111 0011 1011 1111 1000 1111 0110 oooo", "IsbT1", "isb", &SystemOps.Nop, TimingClass.System, static (in Fields f, ref DecodedInst d) => BrDecode.Plain(ref d)),
        new Row("1111 0111 1111 iiii 1010 iiii iiii iiii", "UdfT2", "udf", &SystemOps.Undefined, TimingClass.System, static (in Fields f, ref DecodedInst d) => BrDecode.Immediate(ref d, f['i'], unconditional: false)),
    ];

    /// <summary>Decode steps of the branch and system rows.</summary>
    internal static class BrDecode
    {
        /// <summary>SignExtend(imm:'0') for a halfword offset field of <paramref name="width"/> bits (B T1/T2).</summary>
        public static int SignedOffset(uint imm, int width) => M7Sim.Isa.Bits.SignExtend(imm, width) << 1;

        /// <summary>B T3: SignExtend(S:J2:J1:imm6:imm11:'0', 32).</summary>
        public static int ConditionalOffset(in Fields f)
        {
            uint v = (f['s'] << 19) | (f['k'] << 18) | (f['j'] << 17) | f['i'];
            return M7Sim.Isa.Bits.SignExtend(v, 20) << 1;
        }

        /// <summary>B T4 / BL: I1 = NOT(J1 XOR S), I2 = NOT(J2 XOR S); SignExtend(S:I1:I2:imm10:imm11:'0', 32).</summary>
        public static int LongOffset(in Fields f)
        {
            uint s = f['s'];
            uint i1 = ~(f['j'] ^ s) & 1, i2 = ~(f['k'] ^ s) & 1;
            uint v = (s << 23) | (i1 << 22) | (i2 << 21) | f['i'];
            return M7Sim.Isa.Bits.SignExtend(v, 24) << 1;
        }

        public static DecodeStatus Conditional(ref DecodedInst d, uint cond, int offset)
        {
            if (cond >= 0xE) return DecodeStatus.SeeOther; // UDF/SVC (16-bit), miscellaneous control (32-bit)
            d.Cond = (byte)cond;
            d.Imm = (uint)offset;
            d.Flags |= InstFlags.Conditional | InstFlags.ReadsFlags;
            d.Writes(15);
            return DecodeStatus.Ok;
        }

        public static DecodeStatus Unconditional(ref DecodedInst d, int offset)
        {
            d.Imm = (uint)offset;
            d.Writes(15);
            return DecodeStatus.Ok;
        }

        public static DecodeStatus Link(ref DecodedInst d, int offset)
        {
            d.Imm = (uint)offset;
            d.Writes(14, 15);
            return DecodeStatus.Ok;
        }

        public static DecodeStatus Register(ref DecodedInst d, uint m, bool link)
        {
            if (link && m == 15) return DecodeStatus.Unpredictable;
            d.Rm = (byte)m;
            d.Reads((int)m);
            if (link) d.Writes(14, 15); else d.Writes(15);
            return DecodeStatus.Ok;
        }

        /// <summary>CBZ/CBNZ: imm32 = ZeroExtend(i:imm5:'0').</summary>
        public static DecodeStatus CompareBranch(ref DecodedInst d, uint n, uint imm6)
        {
            d.Rn = (byte)n;
            d.Imm = imm6 << 1;
            d.Reads((int)n);
            d.Writes(15);
            d.Flags |= InstFlags.Unconditional;
            return DecodeStatus.Ok;
        }

        /// <summary>IT: mask == 0000 is a hint; firstcond 1111, or 1110 with more than one instruction, is UNPREDICTABLE.</summary>
        public static DecodeStatus It(ref DecodedInst d, uint firstcond, uint mask)
        {
            if (mask == 0) return DecodeStatus.SeeOther;
            if (firstcond == 0xF || (firstcond == 0xE && System.Numerics.BitOperations.PopCount(mask) != 1))
                return DecodeStatus.Unpredictable;
            d.Imm = (firstcond << 4) | mask;
            d.Flags |= InstFlags.Unconditional;
            return DecodeStatus.Ok;
        }

        public static DecodeStatus Plain(ref DecodedInst d) => DecodeStatus.Ok;

        public static DecodeStatus Immediate(ref DecodedInst d, uint imm, bool unconditional)
        {
            d.Imm = imm;
            if (unconditional) d.Flags |= InstFlags.Unconditional;
            return DecodeStatus.Ok;
        }

        public static DecodeStatus Cps(ref DecodedInst d, uint i, uint f, bool disable)
        {
            if (i == 0 && f == 0) return DecodeStatus.Unpredictable;
            d.Imm = (i << 1) | f;
            d.Imm2 = disable ? 1u : 0u;
            d.Flags |= InstFlags.Unconditional;
            return DecodeStatus.Ok;
        }

        /// <summary>MSR: mask 00, or a mask other than 10 for a non-APSR register, is UNPREDICTABLE, as are SP/PC sources.</summary>
        public static DecodeStatus Msr(ref DecodedInst d, uint n, uint mask, uint sysm)
        {
            if (mask == 0 || (mask != 2 && sysm > 3)) return DecodeStatus.Unpredictable;
            if (n is 13 or 15 || !SpecialRegisters.IsValidSysm(sysm)) return DecodeStatus.Unpredictable;
            d.Rn = (byte)n; d.Imm = sysm; d.Imm2 = mask;
            d.Reads((int)n);
            if (sysm <= 3 && (mask & 2) != 0) d.Flags |= InstFlags.WritesFlags;
            if (sysm == SpecialRegisters.SysMsp || sysm == SpecialRegisters.SysPsp || sysm == SpecialRegisters.SysControl) d.Writes(13);
            return DecodeStatus.Ok;
        }

        public static DecodeStatus Mrs(ref DecodedInst d, uint rd, uint sysm)
        {
            if (rd is 13 or 15 || !SpecialRegisters.IsValidSysm(sysm)) return DecodeStatus.Unpredictable;
            d.Rd = (byte)rd; d.Imm = sysm;
            d.Writes((int)rd);
            if (sysm <= 3) d.Flags |= InstFlags.ReadsFlags;
            if (sysm == SpecialRegisters.SysMsp || sysm == SpecialRegisters.SysPsp) d.Reads(13);
            return DecodeStatus.Ok;
        }
    }
}
