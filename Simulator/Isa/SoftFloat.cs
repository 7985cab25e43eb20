using System.Numerics;
using System.Runtime.CompilerServices;

namespace M7Sim.Isa;

/// <summary>Classification of an unpacked operand (FPType in the ARM ARM pseudocode).</summary>
internal enum FpType : byte
{
    Zero,
    Nonzero,
    Infinity,
    QNaN,
    SNaN,
}

/// <summary>
/// An unpacked operand. For <see cref="FpType.Nonzero"/> the value is Sig × 2^(Exp − 63) with bit 63 of
/// Sig set, so Exp is the unbiased exponent of the leading bit. Other types carry only the sign.
/// </summary>
internal readonly struct FpValue
{
    public readonly FpType Type;
    public readonly bool Sign;
    public readonly int Exp;
    public readonly ulong Sig;

    public FpValue(FpType type, bool sign, int exp, ulong sig) { Type = type; Sign = sign; Exp = exp; Sig = sig; }

    public bool IsNaN => Type >= FpType.QNaN;
}

/// <summary>
/// IEEE 754 arithmetic as the Armv7-M floating-point pseudocode defines it (ARM ARM A2.5 and the FP*
/// functions of its pseudocode library), in integers so every rounding mode and exception flag is exact
/// (.NET only rounds to nearest and reports no flags). Formats are selected by their width n = 16, 32
/// or 64; operands and results are raw bit patterns in the low n bits of a ulong. Exception flags are
/// ORed into <c>fpscr</c>, whose FZ, DN, AHP and RMode bits control the operation (Armv7-M has no
/// floating-point traps, so "FPProcessException" is just setting the cumulative bit).
/// This file holds unpacking, rounding (FPRound) and NaN handling; the operations live in the other
/// SoftFloat.*.cs files.
/// </summary>
internal static partial class SoftFloat
{
    public const ulong DefaultNaN32 = 0x7FC0_0000;
    public const ulong DefaultNaN64 = 0x7FF8_0000_0000_0000;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FracBits(int n) => n == 32 ? 23 : n == 64 ? 52 : 10;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ExpBits(int n) => n == 32 ? 8 : n == 64 ? 11 : 5;

    /// <summary>Unbiased exponent of the smallest normal number (minimum_exp in FPRound).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int MinExp(int n) => n == 32 ? -126 : n == 64 ? -1022 : -14;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SignBit(int n) => 1UL << (n - 1);

    public static ulong DefaultNaN(int n) => n == 32 ? DefaultNaN32 : n == 64 ? DefaultNaN64 : 0x7E00;

    public static ulong Infinity(bool sign, int n) => (sign ? SignBit(n) : 0) | (((1UL << ExpBits(n)) - 1) << FracBits(n));

    public static ulong Zero(bool sign, int n) => sign ? SignBit(n) : 0;

    public static ulong MaxNormal(bool sign, int n) =>
        (sign ? SignBit(n) : 0) | (((1UL << ExpBits(n)) - 2) << FracBits(n)) | ((1UL << FracBits(n)) - 1);

    /// <summary>Zero whose sign follows the rounding mode: −0 only when rounding towards −∞ (exact zero sums).</summary>
    public static ulong ExactZero(uint fpscr, int n) => Zero(Fpscr.RMode(fpscr) == Fpscr.RoundMinusInf, n);

    /// <summary>
    /// FPUnpack: classifies the operand. Single and double denormals are flushed to zero when FPSCR.FZ is
    /// set (setting IDC); half precision is never flushed, and with FPSCR.AHP its all-ones exponent encodes
    /// ordinary numbers instead of infinities and NaNs.
    /// </summary>
    public static FpValue Unpack(ulong bits, int n, ref uint fpscr)
    {
        int f = FracBits(n), e = ExpBits(n);
        bool sign = ((bits >> (n - 1)) & 1) != 0;
        uint exp = (uint)(bits >> f) & ((1u << e) - 1);
        ulong frac = bits & ((1UL << f) - 1);
        if (exp == 0)
        {
            if (frac == 0) return new FpValue(FpType.Zero, sign, 0, 0);
            if (n != 16 && (fpscr & Fpscr.Fz) != 0)
            {
                fpscr |= Fpscr.Idc;
                return new FpValue(FpType.Zero, sign, 0, 0);
            }
            int lz = BitOperations.LeadingZeroCount(frac);
            return new FpValue(FpType.Nonzero, sign, MinExp(n) - f + 63 - lz, frac << lz);
        }
        if (exp == (1u << e) - 1 && !(n == 16 && (fpscr & Fpscr.Ahp) != 0))
        {
            if (frac == 0) return new FpValue(FpType.Infinity, sign, 0, 0);
            return new FpValue((frac >> (f - 1)) != 0 ? FpType.QNaN : FpType.SNaN, sign, 0, 0);
        }
        return new FpValue(FpType.Nonzero, sign, (int)exp + MinExp(n) - 1, ((1UL << f) | frac) << (63 - f));
    }

    /// <summary>
    /// FPRound: rounds sig × 2^(exp − 63) (sig ≠ 0, any normalisation; bit 0 may be a sticky bit that
    /// stands for any nonzero bits shifted out, as long as it stays below the rounding position) to format
    /// n under FPSCR. As in the Armv7-M pseudocode, flush-to-zero and underflow are decided on the value
    /// before rounding ("tininess before rounding"); underflow is only signalled when the result is also
    /// inexact (there are no trap enables on Armv7-M), and a flushed result sets UFC but not IXC.
    /// </summary>
    public static ulong Round(bool sign, int exp, ulong sig, int n, ref uint fpscr)
    {
        int lz = BitOperations.LeadingZeroCount(sig);
        sig <<= lz;
        exp -= lz;
        int f = FracBits(n), e = ExpBits(n), minExp = MinExp(n);
        ulong signBit = sign ? SignBit(n) : 0;
        if (exp < minExp && n != 16 && (fpscr & Fpscr.Fz) != 0)
        {
            fpscr |= Fpscr.Ufc;
            return signBit;
        }
        int biased = exp - minExp + 1;
        if (biased <= 0)
        {
            sig = ShiftRightJam(sig, 1 - biased);
            biased = 0;
        }
        int guard = 63 - f;
        ulong mant = sig >> guard;
        ulong err = sig & ((1UL << guard) - 1);
        ulong half = 1UL << (guard - 1);
        if (biased == 0 && err != 0) fpscr |= Fpscr.Ufc;
        bool up, overflowToInf;
        switch (Fpscr.RMode(fpscr))
        {
            case Fpscr.RoundNearest: up = err > half || (err == half && (mant & 1) != 0); overflowToInf = true; break;
            case Fpscr.RoundPlusInf: up = err != 0 && !sign; overflowToInf = !sign; break;
            case Fpscr.RoundMinusInf: up = err != 0 && sign; overflowToInf = sign; break;
            default: up = false; overflowToInf = false; break;
        }
        if (up)
        {
            mant++;
            if (mant == 1UL << f) biased = 1;               // a denormal rounded up to the smallest normal
            if (mant == 1UL << (f + 1)) { biased++; mant >>= 1; } // carried into the next binade
        }
        if (n != 16 || (fpscr & Fpscr.Ahp) == 0)
        {
            if (biased >= (1 << e) - 1)
            {
                fpscr |= Fpscr.Ofc | Fpscr.Ixc;
                return overflowToInf ? Infinity(sign, n) : MaxNormal(sign, n);
            }
        }
        else if (biased >= 1 << e)
        {
            // Alternative half precision has no infinity: saturate and signal Invalid Operation, not Inexact.
            fpscr |= Fpscr.Ioc;
            return signBit | 0x7FFF;
        }
        if (err != 0) fpscr |= Fpscr.Ixc;
        return signBit | ((ulong)biased << f) | (mant & ((1UL << f) - 1));
    }

    /// <summary>FPProcessNaN: quietens a signalling NaN (signalling Invalid Operation); DN replaces it with the default NaN.</summary>
    public static ulong ProcessNaN(FpType type, ulong op, int n, ref uint fpscr)
    {
        ulong r = op | (1UL << (FracBits(n) - 1));
        if (type == FpType.SNaN) fpscr |= Fpscr.Ioc;
        if ((fpscr & Fpscr.Dn) != 0) r = DefaultNaN(n);
        return r;
    }

    /// <summary>FPProcessNaNs: signalling NaNs before quiet ones, then the first operand before the second.</summary>
    public static bool ProcessNaNs(in FpValue a, in FpValue b, ulong opA, ulong opB, int n, ref uint fpscr, out ulong result)
    {
        if (a.Type == FpType.SNaN) { result = ProcessNaN(a.Type, opA, n, ref fpscr); return true; }
        if (b.Type == FpType.SNaN) { result = ProcessNaN(b.Type, opB, n, ref fpscr); return true; }
        if (a.Type == FpType.QNaN) { result = ProcessNaN(a.Type, opA, n, ref fpscr); return true; }
        if (b.Type == FpType.QNaN) { result = ProcessNaN(b.Type, opB, n, ref fpscr); return true; }
        result = 0;
        return false;
    }

    /// <summary>FPProcessNaNs3 (fused multiply-add): the same priority over three operands.</summary>
    public static bool ProcessNaNs3(in FpValue a, in FpValue b, in FpValue c, ulong opA, ulong opB, ulong opC, int n, ref uint fpscr, out ulong result)
    {
        if (a.Type == FpType.SNaN) { result = ProcessNaN(a.Type, opA, n, ref fpscr); return true; }
        if (b.Type == FpType.SNaN) { result = ProcessNaN(b.Type, opB, n, ref fpscr); return true; }
        if (c.Type == FpType.SNaN) { result = ProcessNaN(c.Type, opC, n, ref fpscr); return true; }
        if (a.Type == FpType.QNaN) { result = ProcessNaN(a.Type, opA, n, ref fpscr); return true; }
        if (b.Type == FpType.QNaN) { result = ProcessNaN(b.Type, opB, n, ref fpscr); return true; }
        if (c.Type == FpType.QNaN) { result = ProcessNaN(c.Type, opC, n, ref fpscr); return true; }
        result = 0;
        return false;
    }

    /// <summary>Logical shift right that ORs every bit shifted out into bit 0 (keeps "inexact" visible).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ShiftRightJam(ulong x, int d)
    {
        if (d <= 0) return x;
        if (d >= 64) return x != 0 ? 1UL : 0;
        return (x >> d) | ((x << (64 - d)) != 0 ? 1UL : 0);
    }

    public static UInt128 ShiftRightJam(UInt128 x, int d)
    {
        if (d <= 0) return x;
        if (d >= 128) return x != UInt128.Zero ? UInt128.One : UInt128.Zero;
        return (x >> d) | ((x << (128 - d)) != UInt128.Zero ? UInt128.One : UInt128.Zero);
    }
}
