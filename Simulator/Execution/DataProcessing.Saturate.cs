using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>SSAT and USAT (32-bit forms; the halfword forms belong to the DSP group). Imm = saturate_to.</summary>
internal static partial class DataProcessing
{
    public static void Ssat(Cpu c, ref DecodedInst d)
    {
        int operand = (int)Bits.Shift(c.R[d.Rn], d.ShiftType, d.ShiftN, c.C);
        int r = Bits.SignedSat(operand, (int)d.Imm, out bool saturated);
        c.R[d.Rd] = (uint)r;
        if (saturated) c.Q = true;
    }

    public static void Usat(Cpu c, ref DecodedInst d)
    {
        int operand = (int)Bits.Shift(c.R[d.Rn], d.ShiftType, d.ShiftN, c.C);
        uint r = Bits.UnsignedSat(operand, (int)d.Imm, out bool saturated);
        c.R[d.Rd] = r;
        if (saturated) c.Q = true;
    }
}
