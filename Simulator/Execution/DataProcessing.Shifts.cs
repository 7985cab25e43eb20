using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>LSL/LSR/ASR/ROR by immediate (and RRX), and by register.</summary>
internal static partial class DataProcessing
{
    /// <summary>Shift by an immediate: Rd = Shift_C(Rm, ShiftType, ShiftN); RRX is ShiftType Rrx.</summary>
    public static void ShiftImm(Cpu c, ref DecodedInst d)
    {
        uint r = Bits.Shift_C(c.R[d.Rm], d.ShiftType, d.ShiftN, c.C, out bool carry);
        c.WriteReg(d.Rd, r);
        if (d.SetsFlags(c)) SetNZC(c, r, carry);
    }

    /// <summary>Shift by register: Rd = Shift_C(Rn, ShiftType, Rm[7:0]); amounts of 32 and more are well defined.</summary>
    public static void ShiftReg(Cpu c, ref DecodedInst d)
    {
        uint r = Bits.Shift_C(c.R[d.Rn], d.ShiftType, (int)(c.R[d.Rm] & 0xFF), c.C, out bool carry);
        c.WriteReg(d.Rd, r);
        if (d.SetsFlags(c)) SetNZC(c, r, carry);
    }
}
