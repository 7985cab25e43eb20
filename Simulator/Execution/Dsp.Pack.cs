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
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // hot in CMSIS-NN loops: inlined into compiled blocks (BlockCompiler)
    public static void Pkh(Cpu c, ref DecodedInst d)
    {
        uint m = c.R[d.Rm];
        uint operand2 = d.ShiftType == SRType.Lsl ? m << (int)d.Imm2 : (uint)((int)m >> (int)d.Imm2);
        c.R[d.Rd] = (operand2 & d.Imm) | (c.R[d.Rn] & ~d.Imm);
    }

    /// <summary>SEL T1: each byte of Rd comes from Rn when its GE bit is set, else from Rm.</summary>
    public static void Sel(Cpu c, ref DecodedInst d)
    {
        uint mask = BitsDsp.GeByteMask(c.GE);
        c.R[d.Rd] = (c.R[d.Rn] & mask) | (c.R[d.Rm] & ~mask);
    }
}
