using System.Runtime.CompilerServices;
using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// Data-processing instructions (Armv7-M ARM A5.2.1-A5.2.3, A5.3.1, A5.3.3, A5.3.11, A5.3.12, A5.3.15).
/// One handler per operation serves every encoding; the decode step normalises the fields:
/// Rd destination, Rn first operand, Rm second (register) operand with ShiftType/ShiftN applied,
/// Imm the already-expanded immediate. For logical immediates Imm2 carries ThumbExpandImm_C's carry:
/// bit 1 set when the expansion produces a carry, bit 0 its value (otherwise APSR.C is kept).
/// This file holds the shared operand and flag helpers; the operations live in the partial files.
/// </summary>
internal static partial class DataProcessing
{
    /// <summary>Imm2 value for a logical immediate whose expansion leaves APSR.C unchanged.</summary>
    public const uint CarryUnchanged = 0;
    /// <summary>Imm2 flag: the expansion sets APSR.C to bit 0 of Imm2.</summary>
    public const uint CarrySet = 2;

    /// <summary>The shifted register operand (Shift with carry-in APSR.C, which only RRX consumes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Operand2(Cpu c, ref DecodedInst d) => Bits.Shift(c.R[d.Rm], d.ShiftType, d.ShiftN, c.C);

    /// <summary>The carry a logical immediate leaves in APSR.C (ThumbExpandImm_C carry or the old C).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ImmCarry(Cpu c, ref DecodedInst d) => (d.Imm2 & CarrySet) != 0 ? (d.Imm2 & 1) != 0 : c.C;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetNZ(Cpu c, uint result)
    {
        c.N = (int)result < 0;
        c.Z = result == 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetNZC(Cpu c, uint result, bool carry)
    {
        c.N = (int)result < 0;
        c.Z = result == 0;
        c.C = carry;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetNZCV(Cpu c, uint result, bool carry, bool overflow)
    {
        c.N = (int)result < 0;
        c.Z = result == 0;
        c.C = carry;
        c.V = overflow;
    }

    /// <summary>
    /// The 16-bit encodings that may write the PC (ADD Rdn,Rm / MOV Rd,Rm with Rd = PC) are UNPREDICTABLE
    /// inside an IT block unless they are its last instruction; that depends on ITSTATE, so it is checked here.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool PcWriteAllowedHere(Cpu c)
    {
        if (c.InItBlock && !c.LastInItBlock)
        {
            c.Raise(FaultKind.Undefined, c.Pc);
            return false;
        }
        return true;
    }
}
