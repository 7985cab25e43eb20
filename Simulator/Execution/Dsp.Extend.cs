using System.Runtime.CompilerServices;
using System.Numerics;
using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// Sign/zero extends with and without add (A5.2.5 16-bit, A5.3.12 32-bit). Field use: Imm = rotation
/// of Rm (0, 8, 16, 24) applied before the byte/halfword is taken.
/// </summary>
internal static partial class Dsp
{
    /// <summary>SXTB T1/T2: Rd = SignExtend(ROR(Rm, rotation)&lt;7:0&gt;).</summary>
    public static void Sxtb(Cpu c, ref DecodedInst d) =>
        c.R[d.Rd] = (uint)(sbyte)BitOperations.RotateRight(c.R[d.Rm], (int)d.Imm);

    /// <summary>SXTH T1/T2: Rd = SignExtend(ROR(Rm, rotation)&lt;15:0&gt;).</summary>
    public static void Sxth(Cpu c, ref DecodedInst d) =>
        c.R[d.Rd] = (uint)(short)BitOperations.RotateRight(c.R[d.Rm], (int)d.Imm);

    /// <summary>UXTB T1/T2: Rd = ZeroExtend(ROR(Rm, rotation)&lt;7:0&gt;).</summary>
    public static void Uxtb(Cpu c, ref DecodedInst d) =>
        c.R[d.Rd] = (byte)BitOperations.RotateRight(c.R[d.Rm], (int)d.Imm);

    /// <summary>UXTH T1/T2: Rd = ZeroExtend(ROR(Rm, rotation)&lt;15:0&gt;).</summary>
    public static void Uxth(Cpu c, ref DecodedInst d) =>
        c.R[d.Rd] = (ushort)BitOperations.RotateRight(c.R[d.Rm], (int)d.Imm);

    /// <summary>SXTB16 T1: each halfword of Rd = SignExtend of bytes 0 and 2 of ROR(Rm, rotation).</summary>
    public static void Sxtb16(Cpu c, ref DecodedInst d) => Sxtb16Of(c, d.Rd, d.Rm, d.Imm);

    /// <summary>SXTB16 with its fields as arguments, which compiled blocks pass as constants (BlockCompiler.Specialised).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // hot in CMSIS-NN loops: inlined into compiled blocks (BlockCompiler)
    public static void Sxtb16Of(Cpu c, int rd, int rm, uint imm)
    {
        uint r = BitOperations.RotateRight(c.R[rm], (int)imm);
        c.R[rd] = BitsDsp.Pack16(BitsDsp.S8(r, 0), BitsDsp.S8(r, 2));
    }

    /// <summary>UXTB16 T1: each halfword of Rd = ZeroExtend of bytes 0 and 2 of ROR(Rm, rotation).</summary>
    public static void Uxtb16(Cpu c, ref DecodedInst d) =>
        c.R[d.Rd] = BitOperations.RotateRight(c.R[d.Rm], (int)d.Imm) & 0x00FF_00FFu;

    /// <summary>SXTAB T1: Rd = Rn + SignExtend(ROR(Rm, rotation)&lt;7:0&gt;).</summary>
    public static void Sxtab(Cpu c, ref DecodedInst d) =>
        c.R[d.Rd] = c.R[d.Rn] + (uint)(sbyte)BitOperations.RotateRight(c.R[d.Rm], (int)d.Imm);

    /// <summary>SXTAH T1: Rd = Rn + SignExtend(ROR(Rm, rotation)&lt;15:0&gt;).</summary>
    public static void Sxtah(Cpu c, ref DecodedInst d) =>
        c.R[d.Rd] = c.R[d.Rn] + (uint)(short)BitOperations.RotateRight(c.R[d.Rm], (int)d.Imm);

    /// <summary>UXTAB T1: Rd = Rn + ZeroExtend(ROR(Rm, rotation)&lt;7:0&gt;).</summary>
    public static void Uxtab(Cpu c, ref DecodedInst d) =>
        c.R[d.Rd] = c.R[d.Rn] + (byte)BitOperations.RotateRight(c.R[d.Rm], (int)d.Imm);

    /// <summary>UXTAH T1: Rd = Rn + ZeroExtend(ROR(Rm, rotation)&lt;15:0&gt;).</summary>
    public static void Uxtah(Cpu c, ref DecodedInst d) =>
        c.R[d.Rd] = c.R[d.Rn] + (ushort)BitOperations.RotateRight(c.R[d.Rm], (int)d.Imm);

    /// <summary>SXTAB16 T1: each halfword of Rd = that halfword of Rn + SignExtend(byte 0 / byte 2 of ROR(Rm, rotation)), modulo 2^16.</summary>
    public static void Sxtab16(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], r = BitOperations.RotateRight(c.R[d.Rm], (int)d.Imm);
        c.R[d.Rd] = BitsDsp.Pack16(BitsDsp.U16Lo(n) + BitsDsp.S8(r, 0), BitsDsp.U16Hi(n) + BitsDsp.S8(r, 2));
    }

    /// <summary>UXTAB16 T1: each halfword of Rd = that halfword of Rn + ZeroExtend(byte 0 / byte 2 of ROR(Rm, rotation)), modulo 2^16.</summary>
    public static void Uxtab16(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], r = BitOperations.RotateRight(c.R[d.Rm], (int)d.Imm);
        c.R[d.Rd] = BitsDsp.Pack16(BitsDsp.U16Lo(n) + BitsDsp.U8(r, 0), BitsDsp.U16Hi(n) + BitsDsp.U8(r, 2));
    }
}
