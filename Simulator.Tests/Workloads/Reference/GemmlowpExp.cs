using static M7Sim.Tests.Workloads.Reference.FixedPoint;

namespace M7Sim.Tests.Workloads.Reference;

/// <summary>
/// The two gemmlowp fixed-point functions the int8 softmax is built on (kernels-elf/README.md, "Softmax"),
/// with the README's constants. Qm.n = a signed 32-bit value with m integer bits and n = 31 − m fraction bits.
/// </summary>
internal static class GemmlowpExp
{
    private const int ExpMinusOneEighth = 1895147668; // exp(-1/8) in Q0.31
    private const int OneThird = 715827883;           // 1/3 in Q0.31

    // exp(-2^k) in Q0.31 for the remainder bits 24..30 of a Q5.26 input (k = -2 .. 4).
    private static readonly int[] BarrelMultipliers = [1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242];

    /// <summary>
    /// exp(a) for a ≤ 0, a in Q5.26, result in Q0.31. a is split into a fraction in [-1/4, 0) (evaluated by the
    /// polynomial below) and a multiple of 1/4 whose set bits multiply the result by exp(-1/4), exp(-1/2), ... exp(-16).
    /// </summary>
    public static int ExpOnNegativeValues(int a)
    {
        const int oneQuarter = 1 << 24; // 1/4 in Q5.26
        int fraction = (a & (oneQuarter - 1)) - oneQuarter;      // in [-1/4, 0)
        int result = ExpOnMinusQuarterToZero(fraction << 5);     // Q5.26 -> Q0.31, exact (|fraction| < 2^24)
        int remainder = fraction - a;                            // a multiple of 1/4, >= 0
        for (int bit = 24; bit <= 30; bit++)
            if ((remainder & (1 << bit)) != 0) result = Srdhm(result, BarrelMultipliers[bit - 24]);
        return a == 0 ? int.MaxValue : result;
    }

    /// <summary>
    /// exp(a) for a in [-1/4, 0) (Q0.31 in and out): exp(-1/8)·(1 + x + x²/2 + x³/6 + x⁴/24) with x = a + 1/8,
    /// evaluated as gemmlowp does: ((x⁴/4 + x³)·1/3 + x²)/2 supplies the three higher terms.
    /// </summary>
    public static int ExpOnMinusQuarterToZero(int a)
    {
        int x = a + (1 << 28);
        int x2 = Srdhm(x, x);
        int x3 = Srdhm(x2, x);
        int x4 = Srdhm(x2, x2);
        int x4Over4 = RoundingDivideByPot(x4, 2);
        int higherTerms = RoundingDivideByPot(Srdhm(x4Over4 + x3, OneThird) + x2, 1);
        return ExpMinusOneEighth + Srdhm(ExpMinusOneEighth, x + higherTerms);
    }

    /// <summary>
    /// 1/(1+a) for a in [0, 1) (Q0.31 in and out): Newton-Raphson on the half denominator d = (1+a)/2 in Q2.29,
    /// starting from 48/17 − 32/17·d, three steps x += x·(1 − d·x) (each product rescaled ×4 with saturation),
    /// and the final 1/(2d)·... ×2 back to Q0.31 with saturation.
    /// </summary>
    public static int OneOverOnePlusX(int a)
    {
        const int fortyEightOver17 = 1515870810;   // Q2.29
        const int minusThirtyTwoOver17 = -1010580540; // Q2.29
        const int oneQ229 = 1 << 29;
        long sum = (long)a + int.MaxValue;
        int halfDenominator = (int)((sum + (sum >= 0 ? 1 : -1)) / 2); // rounding half sum, Q0.31
        int x = fortyEightOver17 + Srdhm(halfDenominator, minusThirtyTwoOver17);
        for (int step = 0; step < 3; step++)
        {
            int oneMinusDx = oneQ229 - Srdhm(halfDenominator, x);
            x += SaturatingShiftLeft(Srdhm(x, oneMinusDx), 2);
        }
        return SaturatingShiftLeft(x, 1);
    }
}
