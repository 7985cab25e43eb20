using System.Runtime.CompilerServices;
using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>PKHBT/PKHTB (A5.3.11) and SEL (A5.3.14): assemble a result from parts of two registers.</summary>
internal static partial class Dsp
{
    /// <summary>
    /// PKHBT/PKHTB T1: operand2 = Shift(Rm, LSL/ASR, n); PKHBT takes the bottom half from Rn and the top from
    /// operand2, PKHTB the reverse. Field use: Imm = mask of the bits taken from operand2 (0xFFFF0000 for BT,
    /// 0x0000FFFF for TB); ShiftType LSL (BT) or ASR (TB); Imm2 = effective shift (ASR #32 stored as 31: the
    /// 32-bit result is the same, all sign bits); ShiftN = architectural amount, for disassembly.
    /// </summary>
    public static void Pkh(Cpu c, ref DecodedInst d) => PkhOf(c, d.Rd, d.Rn, d.Rm, d.Imm, d.Imm2, d.ShiftType);

    /// <summary>PKHBT/PKHTB with their fields as arguments, which compiled blocks pass as constants (BlockCompiler.Specialised).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // hot in CMSIS-NN loops: inlined into compiled blocks (BlockCompiler)
    public static void PkhOf(Cpu c, int rd, int rn, int rm, uint imm, uint imm2, SRType shiftType)
    {
        uint m = c.R[rm];
        uint operand2 = shiftType == SRType.Lsl ? m << (int)imm2 : (uint)((int)m >> (int)imm2);
        c.R[rd] = (operand2 & imm) | (c.R[rn] & ~imm);
    }

    /// <summary>SEL T1: each byte of Rd comes from Rn when its GE bit is set, else from Rm.</summary>
    public static void Sel(Cpu c, ref DecodedInst d)
    {
        uint mask = BitsDsp.GeByteMask(c.GE);
        c.R[d.Rd] = (c.R[d.Rn] & mask) | (c.R[d.Rm] & ~mask);
    }
}
