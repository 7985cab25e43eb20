using static M7Sim.Tests.Workloads.Reference.FixedPoint;

namespace M7Sim.Tests.Workloads.Reference;

/// <summary>
/// int8 softmax (arm_softmax_s8, TFLite int8 semantics with gemmlowp fixed point; output scale 1/256, zero point −128).
/// </summary>
internal static class Softmax
{
    private const int AccumulatorBits = 12; // the exponentials are summed in Q12.19

    public static sbyte[] Run(ReadOnlySpan<sbyte> input, int rows, int rowSize, int inputBetaMultiplier, int inputBetaLeftShift, int diffMin)
    {
        var output = new sbyte[rows * rowSize];
        for (int r = 0; r < rows; r++)
        {
            var row = input.Slice(r * rowSize, rowSize);
            int max = int.MinValue;
            foreach (sbyte v in row) max = Math.Max(max, v);

            int sum = 0;
            foreach (sbyte v in row)
            {
                int diff = v - max;
                if (diff >= diffMin) sum += RoundingDivideByPot(Exponential(diff, inputBetaMultiplier, inputBetaLeftShift), AccumulatorBits);
            }

            // 1/sum: normalise sum to [1, 2) as 1 + x (x in Q0.31), take 1/(1+x), and fold the normalisation
            // back into the final shift.
            int headroom = System.Numerics.BitOperations.LeadingZeroCount((uint)sum);
            int x = (int)(((uint)sum << headroom) - 0x8000_0000u);
            int scale = GemmlowpExp.OneOverOnePlusX(x);
            int bitsOverUnit = AccumulatorBits - headroom + 31 - 8;

            for (int i = 0; i < rowSize; i++)
            {
                int diff = row[i] - max;
                output[r * rowSize + i] = diff >= diffMin
                    ? (sbyte)Clamp(RoundingDivideByPot(Srdhm(scale, Exponential(diff, inputBetaMultiplier, inputBetaLeftShift)), bitsOverUnit) - 128, -128, 127)
                    : (sbyte)-128;
            }
        }
        return output;
    }

    /// <summary>exp(diff · beta · scale) in Q0.31: the difference rescaled to Q5.26 by the input multiplier, then gemmlowp exp.</summary>
    private static int Exponential(int diff, int multiplier, int leftShift) =>
        GemmlowpExp.ExpOnNegativeValues(Srdhm(diff * (1 << leftShift), multiplier));
}
