using System.Runtime.CompilerServices;

namespace M7Sim.Isa;

/// <summary>
/// Lane helpers for the DSP extension (SIMD on halfwords and bytes of a core register). Lanes are
/// taken out as plain ints so the pseudocode's unbounded-integer sums, differences and saturation
/// (SInt/UInt, SignedSat, UnsignedSat) map one to one, and packed back by truncation (result&lt;15:0&gt;).
/// </summary>
internal static class BitsDsp
{
    /// <summary>SInt(x&lt;15:0&gt;).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int S16Lo(uint x) => (short)x;

    /// <summary>SInt(x&lt;31:16&gt;).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int S16Hi(uint x) => (short)(x >> 16);

    /// <summary>UInt(x&lt;15:0&gt;).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int U16Lo(uint x) => (ushort)x;

    /// <summary>UInt(x&lt;31:16&gt;).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int U16Hi(uint x) => (int)(x >> 16);

    /// <summary>SInt of byte lane <paramref name="lane"/> (0 = bits 7:0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int S8(uint x, int lane) => (sbyte)(x >> (lane * 8));

    /// <summary>UInt of byte lane <paramref name="lane"/> (0 = bits 7:0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int U8(uint x, int lane) => (byte)(x >> (lane * 8));

    /// <summary>hi&lt;15:0&gt;:lo&lt;15:0&gt;.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Pack16(int lo, int hi) => (ushort)lo | ((uint)(ushort)hi << 16);

    /// <summary>b3&lt;7:0&gt;:b2&lt;7:0&gt;:b1&lt;7:0&gt;:b0&lt;7:0&gt;.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Pack8(int b0, int b1, int b2, int b3) =>
        (byte)b0 | ((uint)(byte)b1 << 8) | ((uint)(byte)b2 << 16) | ((uint)(byte)b3 << 24);

    /// <summary>SignedSat(v, 16) (no Q: the parallel saturating instructions never set it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SatS16(int v) => Math.Clamp(v, short.MinValue, short.MaxValue);

    /// <summary>UnsignedSat(v, 16).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SatU16(int v) => Math.Clamp(v, 0, ushort.MaxValue);

    /// <summary>SignedSat(v, 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SatS8(int v) => Math.Clamp(v, sbyte.MinValue, sbyte.MaxValue);

    /// <summary>UnsignedSat(v, 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SatU8(int v) => Math.Clamp(v, 0, byte.MaxValue);

    /// <summary>APSR.GE for halfword lanes: each lane condition sets two GE bits (GE&lt;1:0&gt; low lane, GE&lt;3:2&gt; high lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Ge16(bool lo, bool hi) => (lo ? 0b0011u : 0) | (hi ? 0b1100u : 0);

    /// <summary>APSR.GE for byte lanes: GE&lt;i&gt; for lane i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Ge8(bool b0, bool b1, bool b2, bool b3) =>
        (b0 ? 1u : 0) | (b1 ? 2u : 0) | (b2 ? 4u : 0) | (b3 ? 8u : 0);

    /// <summary>Byte mask with lane i all ones when GE&lt;i&gt; is set (what SEL picks from Rn).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint GeByteMask(uint ge) =>
        ((ge & 1) * 0x0000_00FFu) | (((ge >> 1) & 1) * 0x0000_FF00u) | (((ge >> 2) & 1) * 0x00FF_0000u) | (((ge >> 3) & 1) * 0xFF00_0000u);
}
