using System.Numerics;
using System.Runtime.CompilerServices;
using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>
/// Dual 16-bit multiplies: SMLAD/SMUAD, SMLSD/SMUSD, SMLALD, SMLSLD (the X forms swap Rm's halves).
/// Field use: Imm = rotation applied to Rm (0, or 16 for the X forms).
/// </summary>
internal static partial class Multiply
{
    /// <summary>
    /// SMLAD{X} / SMUAD{X} T1: Rd = p1 + p2 + SInt(Ra) where p1 = bottom halves, p2 = top halves.
    /// Q is set (sticky) when the sum does not fit 32 bits; SMUAD overflows only for 0x8000 * 0x8000 twice.
    /// </summary>
    public static void Smlad(Cpu c, ref DecodedInst d) => SmladOf(c, d.Rd, d.Rn, d.Rm, d.Ra, d.Imm);

    /// <summary>SMLAD with its fields as arguments, which compiled blocks pass as constants (BlockCompiler.Specialised).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // hot in CMSIS-NN loops: inlined into compiled blocks (BlockCompiler)
    public static void SmladOf(Cpu c, int rd, int rn, int rm, int ra, uint imm)
    {
        uint n = c.R[rn], m = BitOperations.RotateRight(c.R[rm], (int)imm);
        long result = (long)(BitsDsp.S16Lo(n) * BitsDsp.S16Lo(m)) + BitsDsp.S16Hi(n) * BitsDsp.S16Hi(m) + (int)Accumulator(c, ra);
        c.R[rd] = (uint)result;
        if (result != (int)result) c.Q = true;
    }

    /// <summary>
    /// SMLSD{X} / SMUSD{X} T1: Rd = p1 - p2 + SInt(Ra). Q is set when the sum does not fit 32 bits
    /// (p1 - p2 alone always fits, so SMUSD never sets it).
    /// </summary>
    public static void Smlsd(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = BitOperations.RotateRight(c.R[d.Rm], (int)d.Imm);
        long result = (long)(BitsDsp.S16Lo(n) * BitsDsp.S16Lo(m)) - BitsDsp.S16Hi(n) * BitsDsp.S16Hi(m) + (int)Accumulator(c, d);
        c.R[d.Rd] = (uint)result;
        if (result != (int)result) c.Q = true;
    }

    /// <summary>SMLALD{X} T1: RdHi:RdLo += p1 + p2, modulo 2^64, no flags.</summary>
    public static void Smlald(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = BitOperations.RotateRight(c.R[d.Rm], (int)d.Imm);
        long sum = (long)(BitsDsp.S16Lo(n) * BitsDsp.S16Lo(m)) + BitsDsp.S16Hi(n) * BitsDsp.S16Hi(m);
        Write64(c, d, (ulong)sum + Accumulator64(c, d));
    }

    /// <summary>SMLSLD{X} T1: RdHi:RdLo += p1 - p2, modulo 2^64, no flags.</summary>
    public static void Smlsld(Cpu c, ref DecodedInst d)
    {
        uint n = c.R[d.Rn], m = BitOperations.RotateRight(c.R[d.Rm], (int)d.Imm);
        long diff = (long)(BitsDsp.S16Lo(n) * BitsDsp.S16Lo(m)) - BitsDsp.S16Hi(n) * BitsDsp.S16Hi(m);
        Write64(c, d, (ulong)diff + Accumulator64(c, d));
    }
}
