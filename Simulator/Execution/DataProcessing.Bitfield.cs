using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// BFC, BFI, SBFX, UBFX. Decode precomputes the masks and shift amounts:
/// BFC/BFI: Imm = mask of bits msb..lsb, ShiftN = lsb. UBFX: ShiftN = lsb, Imm = mask of width bits.
/// SBFX: ShiftN = 32 - lsb - width (left shift), Imm = 32 - width (arithmetic right shift).
/// </summary>
internal static partial class DataProcessing
{
    public static void Bfc(Cpu c, ref DecodedInst d) => c.R[d.Rd] &= ~d.Imm;

    public static void Bfi(Cpu c, ref DecodedInst d) =>
        c.R[d.Rd] = (c.R[d.Rd] & ~d.Imm) | ((c.R[d.Rn] << d.ShiftN) & d.Imm);

    public static void Ubfx(Cpu c, ref DecodedInst d) => c.R[d.Rd] = (c.R[d.Rn] >> d.ShiftN) & d.Imm;

    public static void Sbfx(Cpu c, ref DecodedInst d) => c.R[d.Rd] = (uint)((int)(c.R[d.Rn] << d.ShiftN) >> (int)d.Imm);
}
