using static M7Sim.Tests.Workloads.Reference.FixedPoint;

namespace M7Sim.Tests.Workloads.Reference;

/// <summary>
/// int8 max and average pooling (arm_max_pool_s8 / arm_avgpool_s8): only window positions inside the input
/// take part (padding is neither a value nor counted), then the result is clamped to the activation range.
/// </summary>
internal static class Pooling
{
    public static sbyte[] Max(PoolParams p, Shape inShape, ReadOnlySpan<sbyte> input, int kernelH, int kernelW, Shape outShape) =>
        Pool(p, inShape, input, kernelH, kernelW, outShape, average: false);

    /// <summary>Average = sum / count rounded half away from zero (C: (sum ± count/2) / count, truncating).</summary>
    public static sbyte[] Average(PoolParams p, Shape inShape, ReadOnlySpan<sbyte> input, int kernelH, int kernelW, Shape outShape) =>
        Pool(p, inShape, input, kernelH, kernelW, outShape, average: true);

    private static sbyte[] Pool(PoolParams p, Shape inShape, ReadOnlySpan<sbyte> input, int kernelH, int kernelW, Shape outShape, bool average)
    {
        if (outShape.C != inShape.C || outShape.N != inShape.N) throw new ArgumentException($"pool output {outShape} does not match input {inShape}");
        var output = new sbyte[outShape.Size];
        for (int n = 0; n < outShape.N; n++)
            for (int oy = 0; oy < outShape.H; oy++)
                for (int ox = 0; ox < outShape.W; ox++)
                    for (int c = 0; c < outShape.C; c++)
                    {
                        int max = int.MinValue, sum = 0, count = 0;
                        for (int ky = 0; ky < kernelH; ky++)
                        {
                            int iy = oy * p.StrideH - p.PadH + ky;
                            if (iy < 0 || iy >= inShape.H) continue;
                            for (int kx = 0; kx < kernelW; kx++)
                            {
                                int ix = ox * p.StrideW - p.PadW + kx;
                                if (ix < 0 || ix >= inShape.W) continue;
                                int v = input[inShape.Index(n, iy, ix, c)];
                                max = Math.Max(max, v);
                                sum += v;
                                count++;
                            }
                        }
                        if (count == 0) throw new ArgumentException($"pool window at ({oy},{ox}) lies entirely in the padding");
                        int r = average ? (sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count) : max;
                        output[outShape.Index(n, oy, ox, c)] = (sbyte)Clamp(r, p.ActMin, p.ActMax);
                    }
        return output;
    }
}
