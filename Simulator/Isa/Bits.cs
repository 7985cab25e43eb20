using System.Numerics;
using System.Runtime.CompilerServices;

namespace M7Sim.Isa;

/// <summary>Shift types as encoded in the "type" field (Armv7-M ARM A7.4.2).</summary>
internal enum SRType : byte { Lsl = 0, Lsr = 1, Asr = 2, Ror = 3, Rrx = 4 }

/// <summary>Pseudocode helpers of the Armv7-M ARM (chapter A2 and appendix D), as pure functions.</summary>
internal static class Bits
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint AddWithCarry(uint x, uint y, bool carryIn, out bool carryOut, out bool overflow)
    {
        ulong unsignedSum = (ulong)x + y + (carryIn ? 1u : 0u);
        uint result = (uint)unsignedSum;
        carryOut = (unsignedSum >> 32) != 0;
        overflow = ((~(x ^ y) & (x ^ result)) >> 31) != 0;
        return result;
    }

    /// <summary>Shift_C for immediate or register amounts (amount already decoded, 0..255 for registers).</summary>
    public static uint Shift_C(uint value, SRType type, int amount, bool carryIn, out bool carryOut)
    {
        if (type == SRType.Rrx)
        {
            carryOut = (value & 1) != 0;
            return (value >> 1) | (carryIn ? 0x8000_0000u : 0);
        }
        if (amount == 0) { carryOut = carryIn; return value; }
        switch (type)
        {
            case SRType.Lsl:
                if (amount < 32) { carryOut = ((value >> (32 - amount)) & 1) != 0; return value << amount; }
                carryOut = amount == 32 && (value & 1) != 0; return 0;
            case SRType.Lsr:
                if (amount < 32) { carryOut = ((value >> (amount - 1)) & 1) != 0; return value >> amount; }
                carryOut = amount == 32 && (value >> 31) != 0; return 0;
            case SRType.Asr:
                if (amount < 32) { carryOut = (((int)value >> (amount - 1)) & 1) != 0; return (uint)((int)value >> amount); }
                carryOut = (value >> 31) != 0; return (value >> 31) != 0 ? 0xFFFF_FFFFu : 0;
            default: // ROR
                {
                    uint r = BitOperations.RotateRight(value, amount & 31);
                    carryOut = (r >> 31) != 0;
                    return r;
                }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Shift(uint value, SRType type, int amount, bool carryIn) => Shift_C(value, type, amount, carryIn, out _);

    /// <summary>DecodeImmShift (A7.4.2): type/imm5 to shift type and amount.</summary>
    public static (SRType Type, int Amount) DecodeImmShift(uint type, uint imm5) => type switch
    {
        0 => (SRType.Lsl, (int)imm5),
        1 => (SRType.Lsr, imm5 == 0 ? 32 : (int)imm5),
        2 => (SRType.Asr, imm5 == 0 ? 32 : (int)imm5),
        _ => imm5 == 0 ? (SRType.Rrx, 1) : (SRType.Ror, (int)imm5),
    };

    /// <summary>ThumbExpandImm_C (A5.3.2). Returns false for UNPREDICTABLE (imm8 == 0 with a replicated pattern).</summary>
    public static bool ThumbExpandImm(uint imm12, out uint value, out bool carryChanges, out bool carry)
    {
        carryChanges = false; carry = false;
        if ((imm12 >> 10) == 0)
        {
            uint imm8 = imm12 & 0xFF;
            switch ((imm12 >> 8) & 3)
            {
                case 0: value = imm8; break;
                case 1: value = (imm8 << 16) | imm8; if (imm8 == 0) return false; break;
                case 2: value = (imm8 << 24) | (imm8 << 8); if (imm8 == 0) return false; break;
                default: value = (imm8 << 24) | (imm8 << 16) | (imm8 << 8) | imm8; if (imm8 == 0) return false; break;
            }
            return true;
        }
        uint unrotated = 0x80 | (imm12 & 0x7F);
        value = BitOperations.RotateRight(unrotated, (int)(imm12 >> 7));
        carryChanges = true;
        carry = (value >> 31) != 0;
        return true;
    }

    /// <summary>SignedSatQ: saturate to an n-bit signed range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SignedSat(long value, int n, out bool saturated)
    {
        long max = (1L << (n - 1)) - 1, min = -(1L << (n - 1));
        if (value > max) { saturated = true; return (int)max; }
        if (value < min) { saturated = true; return (int)min; }
        saturated = false; return (int)value;
    }

    /// <summary>UnsignedSatQ: saturate to an n-bit unsigned range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint UnsignedSat(long value, int n, out bool saturated)
    {
        long max = n >= 32 ? uint.MaxValue : (1L << n) - 1;
        if (value > max) { saturated = true; return (uint)max; }
        if (value < 0) { saturated = true; return 0; }
        saturated = false; return (uint)value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SignExtend(uint value, int bits) => (int)(value << (32 - bits)) >> (32 - bits);

    /// <summary>ConditionPassed for a 4-bit condition code (A7.3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ConditionPassed(Cpu c, uint cond)
    {
        bool r = (cond >> 1) switch
        {
            0 => c.Z,
            1 => c.C,
            2 => c.N,
            3 => c.V,
            4 => c.C && !c.Z,
            5 => c.N == c.V,
            6 => !c.Z && c.N == c.V,
            _ => true,
        };
        return (cond & 1) != 0 && cond != 0xF ? !r : r;
    }

    /// <summary>ITAdvance (A7.3.3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ItAdvance(uint it) => (it & 7) == 0 ? 0 : (it & 0xE0) | ((it << 1) & 0x1F);
}
