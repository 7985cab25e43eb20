using System.Buffers.Binary;
using System.Numerics;
using M7Sim.Decoding;
using M7Sim.Isa;

namespace M7Sim.Execution;

/// <summary>CLZ, RBIT, REV, REV16, REVSH (A5.3.15, and the 16-bit REV forms of A5.2.5).</summary>
internal static partial class DataProcessing
{
    public static void Clz(Cpu c, ref DecodedInst d) => c.R[d.Rd] = (uint)BitOperations.LeadingZeroCount(c.R[d.Rm]);

    public static void Rev(Cpu c, ref DecodedInst d) => c.R[d.Rd] = BinaryPrimitives.ReverseEndianness(c.R[d.Rm]);

    /// <summary>REV16: byte swap within each halfword.</summary>
    public static void Rev16(Cpu c, ref DecodedInst d)
    {
        uint x = c.R[d.Rm];
        c.R[d.Rd] = ((x >> 8) & 0x00FF_00FFu) | ((x << 8) & 0xFF00_FF00u);
    }

    /// <summary>REVSH: byte swap of the low halfword, sign-extended from the new top byte (old bits 7..0).</summary>
    public static void Revsh(Cpu c, ref DecodedInst d)
    {
        uint x = c.R[d.Rm];
        c.R[d.Rd] = ((uint)(sbyte)x << 8) | ((x >> 8) & 0xFFu);
    }

    public static void Rbit(Cpu c, ref DecodedInst d)
    {
        // Swap bits within each byte (pairs, nibble halves, nibbles), then reverse the byte order.
        uint x = c.R[d.Rm];
        x = ((x >> 1) & 0x5555_5555u) | ((x & 0x5555_5555u) << 1);
        x = ((x >> 2) & 0x3333_3333u) | ((x & 0x3333_3333u) << 2);
        x = ((x >> 4) & 0x0F0F_0F0Fu) | ((x & 0x0F0F_0F0Fu) << 4);
        c.R[d.Rd] = BinaryPrimitives.ReverseEndianness(x);
    }
}
