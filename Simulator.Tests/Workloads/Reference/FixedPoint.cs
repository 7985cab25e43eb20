namespace M7Sim.Tests.Workloads.Reference;

/// <summary>
/// The integer arithmetic of TFLite's int8 reference kernels (gemmlowp fixed point), written from the
/// definitions in kernels-elf/README.md ("Arithmetic"). Every function works on the mathematical values
/// through 64-bit intermediates, so nothing here depends on C's shift/overflow corner cases.
/// </summary>
internal static class FixedPoint
{
    /// <summary>
    /// Saturating rounding doubling high multiply: round(a·b / 2^31) with ties toward +infinity
    /// (nudge +2^30 for a non-negative product, 1 − 2^30 for a negative one, then truncating division);
    /// the single overflow case INT32_MIN·INT32_MIN saturates to INT32_MAX.
    /// </summary>
    public static int Srdhm(int a, int b)
    {
        if (a == int.MinValue && b == int.MinValue) return int.MaxValue;
        long product = (long)a * b;
        long nudge = product >= 0 ? 1L << 30 : 1 - (1L << 30);
        return (int)((product + nudge) / (1L << 31)); // C# long division truncates toward zero, like C
    }

    /// <summary>Rounding divide by 2^exponent: x / 2^e rounded to nearest, ties away from zero.</summary>
    public static int RoundingDivideByPot(int x, int exponent)
    {
        if (exponent < 0 || exponent > 62) throw new ArgumentOutOfRangeException(nameof(exponent));
        long mask = (1L << exponent) - 1;
        long remainder = x & mask;
        long threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (int)(((long)x >> exponent) + (remainder > threshold ? 1 : 0));
    }

    /// <summary>
    /// TFLite MultiplyByQuantizedMultiplier: a left shift (positive <paramref name="shift"/>) before the
    /// Q31 multiply, a rounding right shift (negative shift) after it — two roundings, as the reference does.
    /// The left shift wraps like the 32-bit C multiply (callers never overflow it).
    /// </summary>
    public static int Requantize(int acc, int multiplier, int shift)
    {
        int left = shift > 0 ? shift : 0;
        int right = shift > 0 ? 0 : -shift;
        return RoundingDivideByPot(Srdhm(unchecked(acc * (1 << left)), multiplier), right);
    }

    /// <summary>x · 2^exponent saturated to int32 (gemmlowp SaturatingRoundingMultiplyByPOT, exponent ≥ 0).</summary>
    public static int SaturatingShiftLeft(int x, int exponent)
    {
        long v = (long)x << exponent;
        return v > int.MaxValue ? int.MaxValue : v < int.MinValue ? int.MinValue : (int)v;
    }

    public static int Clamp(int v, int min, int max) => v < min ? min : v > max ? max : v;

    /// <summary>The int8 output of a requantised accumulator: clamp(requantize(acc) + output_offset).</summary>
    public static sbyte Output(int acc, int multiplier, int shift, int outputOffset, int actMin, int actMax)
    {
        long v = (long)Requantize(acc, multiplier, shift) + outputOffset;
        return (sbyte)(v < actMin ? actMin : v > actMax ? actMax : v);
    }
}
