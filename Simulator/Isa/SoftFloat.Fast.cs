using System.Runtime.CompilerServices;

namespace M7Sim.Isa;

/// <summary>
/// Fast paths on the host's IEEE 754 hardware for the common case: round to nearest, normal operands and a
/// result comfortably inside the normal range (so FZ, DN, underflow and overflow cannot matter). Every
/// fast path either returns exactly what the integer path would (bits and flags) or declines.
/// Why they are exact:
///  - single precision via double: for +, −, ×, ÷ and √ rounding to double and then to single equals one
///    rounding to single, because 53 ≥ 2·24 + 2 (Figueroa); a single × single product is exact in double;
///  - fused single multiply-add: the double sum is made round-to-odd with its exact error (TwoSum), and
///    round-to-odd at 53 bits followed by round-to-nearest at 24 bits is correct (Boldo–Melquiond);
///  - Inexact is decided exactly: by the TwoSum error for sums, by re-multiplying for quotients and roots
///    (exact in double for single operands; by FMA residuals for doubles), by comparing the narrowed result.
/// .NET computes double arithmetic in IEEE round-to-nearest-even with no flush on every supported host.
/// </summary>
internal static partial class SoftFloat
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool NormalF32(ulong bits) => ((uint)bits & 0x7F80_0000u) - 0x0080_0000u < 0x7F00_0000u;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool NormalF64(ulong bits) => (bits & 0x7FF0_0000_0000_0000ul) - 0x0010_0000_0000_0000ul < 0x7FE0_0000_0000_0000ul;

    /// <summary>Result exponent field in 2..254: not tiny, not at the smallest normal, not overflowed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SafeF32(float f) => (BitConverter.SingleToUInt32Bits(f) & 0x7F80_0000u) - 0x0100_0000u < 0x7E80_0000u;

    /// <summary>Result exponent field in 64..2046: FMA residuals of products and quotients cannot underflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SafeF64(double d) => (BitConverter.DoubleToUInt64Bits(d) & 0x7FF0_0000_0000_0000ul) - 0x0400_0000_0000_0000ul < 0x7BF0_0000_0000_0000ul;

    private static float F32(ulong bits) => BitConverter.UInt32BitsToSingle((uint)bits);

    private static double F64(ulong bits) => BitConverter.UInt64BitsToDouble(bits);

    private static bool TryFastAdd(ulong op1, ulong op2, int n, bool subtract, ref uint fpscr, out ulong result)
    {
        result = 0;
        if ((fpscr & Fpscr.RModeMask) != 0) return false;
        if (n == 32)
        {
            if (!NormalF32(op1) || !NormalF32(op2)) return false;
            double a = F32(op1), b = subtract ? -(double)F32(op2) : F32(op2);
            double s = a + b;
            float f = (float)s;
            if (!SafeF32(f)) return false;
            double bv = s - a, err = (a - (s - bv)) + (b - bv);
            if (err != 0 || f != s) fpscr |= Fpscr.Ixc;
            result = BitConverter.SingleToUInt32Bits(f);
            return true;
        }
        if (n == 64)
        {
            if (!NormalF64(op1) || !NormalF64(op2)) return false;
            double a = F64(op1), b = subtract ? -F64(op2) : F64(op2);
            double s = a + b;
            if (!SafeF64(s)) return false;
            double bv = s - a, err = (a - (s - bv)) + (b - bv);
            if (err != 0) fpscr |= Fpscr.Ixc;
            result = BitConverter.DoubleToUInt64Bits(s);
            return true;
        }
        return false;
    }

    private static bool TryFastMul(ulong op1, ulong op2, int n, ref uint fpscr, out ulong result)
    {
        result = 0;
        if ((fpscr & Fpscr.RModeMask) != 0) return false;
        if (n == 32)
        {
            if (!NormalF32(op1) || !NormalF32(op2)) return false;
            double p = (double)F32(op1) * F32(op2);   // exact: 48 significant bits
            float f = (float)p;
            if (!SafeF32(f)) return false;
            if (f != p) fpscr |= Fpscr.Ixc;
            result = BitConverter.SingleToUInt32Bits(f);
            return true;
        }
        if (n == 64)
        {
            if (!NormalF64(op1) || !NormalF64(op2)) return false;
            double a = F64(op1), b = F64(op2), p = a * b;
            if (!SafeF64(p)) return false;
            if (Math.FusedMultiplyAdd(a, b, -p) != 0) fpscr |= Fpscr.Ixc;
            result = BitConverter.DoubleToUInt64Bits(p);
            return true;
        }
        return false;
    }

    private static bool TryFastDiv(ulong op1, ulong op2, int n, ref uint fpscr, out ulong result)
    {
        result = 0;
        if ((fpscr & Fpscr.RModeMask) != 0) return false;
        if (n == 32)
        {
            if (!NormalF32(op1) || !NormalF32(op2)) return false;
            double a = F32(op1), b = F32(op2);
            float f = (float)(a / b);
            if (!SafeF32(f)) return false;
            if ((double)f * b != a) fpscr |= Fpscr.Ixc;   // the product of two singles is exact in double
            result = BitConverter.SingleToUInt32Bits(f);
            return true;
        }
        if (n == 64)
        {
            if (!NormalF64(op1) || !NormalF64(op2)) return false;
            double a = F64(op1), b = F64(op2), q = a / b;
            if (!SafeF64(q) || !SafeF64(a)) return false;   // both keep the residual q·b − a representable
            if (Math.FusedMultiplyAdd(q, b, -a) != 0) fpscr |= Fpscr.Ixc;
            result = BitConverter.DoubleToUInt64Bits(q);
            return true;
        }
        return false;
    }

    private static bool TryFastSqrt(ulong op, int n, ref uint fpscr, out ulong result)
    {
        result = 0;
        if ((fpscr & Fpscr.RModeMask) != 0) return false;
        if (n == 32)
        {
            if (!NormalF32(op) || (op & 0x8000_0000u) != 0) return false;
            double a = F32(op);
            float f = (float)Math.Sqrt(a);
            if ((double)f * f != a) fpscr |= Fpscr.Ixc;
            result = BitConverter.SingleToUInt32Bits(f);
            return true;
        }
        if (n == 64)
        {
            if (!NormalF64(op) || (op >> 63) != 0) return false;
            double a = F64(op), r = Math.Sqrt(a);
            if (!SafeF64(a)) return false;   // keeps the residual r·r − a representable
            if (Math.FusedMultiplyAdd(r, r, -a) != 0) fpscr |= Fpscr.Ixc;
            result = BitConverter.DoubleToUInt64Bits(r);
            return true;
        }
        return false;
    }

    /// <summary>Single-precision addend + op1 × op2 with one rounding (double precision is left to the integer path).</summary>
    private static bool TryFastMulAdd(ulong addend, ulong op1, ulong op2, int n, ref uint fpscr, out ulong result)
    {
        result = 0;
        if (n != 32 || (fpscr & Fpscr.RModeMask) != 0) return false;
        if (!NormalF32(addend) || !NormalF32(op1) || !NormalF32(op2)) return false;
        double c = F32(addend), p = (double)F32(op1) * F32(op2);   // exact product
        double s = p + c;
        if (s == 0) return false;
        double pv = s - c, err = (c - (s - pv)) + (p - pv);
        if (err != 0)
        {
            // Round to odd: when the double sum is inexact and even, step to the neighbour on the exact side.
            ulong bits = BitConverter.DoubleToUInt64Bits(s);
            if ((bits & 1) == 0) bits = (err > 0) == (s > 0) ? bits + 1 : bits - 1;
            s = BitConverter.UInt64BitsToDouble(bits);
        }
        float f = (float)s;
        if (!SafeF32(f)) return false;
        if (err != 0 || f != s) fpscr |= Fpscr.Ixc;
        result = BitConverter.SingleToUInt32Bits(f);
        return true;
    }

    /// <summary>Single → double of a normal number is exact; double → single in round to nearest when the result is safely normal.</summary>
    private static bool TryFastConvert(ulong op, int from, int to, ref uint fpscr, out ulong result)
    {
        result = 0;
        if (from == 32 && to == 64)
        {
            if (!NormalF32(op)) return false;
            result = BitConverter.DoubleToUInt64Bits(F32(op));
            return true;
        }
        if (from == 64 && to == 32)
        {
            if ((fpscr & Fpscr.RModeMask) != 0 || !NormalF64(op)) return false;
            double d = F64(op);
            float f = (float)d;
            if (!SafeF32(f)) return false;
            if (f != d) fpscr |= Fpscr.Ixc;
            result = BitConverter.SingleToUInt32Bits(f);
            return true;
        }
        return false;
    }
}
