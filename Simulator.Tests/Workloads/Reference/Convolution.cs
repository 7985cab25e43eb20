using static M7Sim.Tests.Workloads.Reference.FixedPoint;

namespace M7Sim.Tests.Workloads.Reference;

/// <summary>
/// int8 convolution (TFLite reference semantics): filters OHWI, per-channel requantisation,
/// out = clamp(requantize(bias[o] + Σ (x + input_offset)·w, m[o], s[o]) + output_offset). Input positions
/// outside the tensor (padding) contribute 0, i.e. they hold the input zero point.
/// </summary>
internal static class Convolution
{
    /// <summary>The general convolution (arm_convolve_s8 / arm_convolve_wrapper_s8): any stride, padding, dilation, batch.</summary>
    public static sbyte[] Conv(ConvParams p, PerChannelQuant q, Shape inShape, ReadOnlySpan<sbyte> input,
        Shape filterShape, ReadOnlySpan<sbyte> filter, ReadOnlySpan<int> bias, Shape outShape)
    {
        if (filterShape.C != inShape.C) throw new ArgumentException($"filter {filterShape} does not match input {inShape}");
        if (filterShape.N != outShape.C || outShape.N != inShape.N) throw new ArgumentException($"output {outShape} does not match filter {filterShape} / input {inShape}");
        var output = new sbyte[outShape.Size];
        for (int n = 0; n < outShape.N; n++)
            for (int oy = 0; oy < outShape.H; oy++)
                for (int ox = 0; ox < outShape.W; ox++)
                    for (int oc = 0; oc < outShape.C; oc++)
                    {
                        int acc = bias.IsEmpty ? 0 : bias[oc];
                        for (int ky = 0; ky < filterShape.H; ky++)
                        {
                            int iy = oy * p.StrideH - p.PadH + ky * p.DilationH;
                            if (iy < 0 || iy >= inShape.H) continue;
                            for (int kx = 0; kx < filterShape.W; kx++)
                            {
                                int ix = ox * p.StrideW - p.PadW + kx * p.DilationW;
                                if (ix < 0 || ix >= inShape.W) continue;
                                for (int ic = 0; ic < inShape.C; ic++)
                                    acc += (input[inShape.Index(n, iy, ix, ic)] + p.InputOffset) * filter[filterShape.Index(oc, ky, kx, ic)];
                            }
                        }
                        output[outShape.Index(n, oy, ox, oc)] = Output(acc, q.Multiplier[oc], q.Shift[oc], p.OutputOffset, p.ActMin, p.ActMax);
                    }
        return output;
    }

    /// <summary>arm_convolve_1x1_s8_fast: the same arithmetic, restricted to 1x1 filters, no padding, stride 1.</summary>
    public static sbyte[] Conv1x1(ConvParams p, PerChannelQuant q, Shape inShape, ReadOnlySpan<sbyte> input,
        Shape filterShape, ReadOnlySpan<sbyte> filter, ReadOnlySpan<int> bias, Shape outShape)
    {
        if (filterShape.H != 1 || filterShape.W != 1 || p.PadH != 0 || p.PadW != 0 || p.StrideH != 1 || p.StrideW != 1)
            throw new ArgumentException("1x1 convolution needs a 1x1 filter, no padding and stride 1");
        return Conv(p, q, inShape, input, filterShape, filter, bias, outShape);
    }

    /// <summary>arm_convolve_1_x_n_s8: the same arithmetic, restricted to one input row and a 1xN filter.</summary>
    public static sbyte[] Conv1xN(ConvParams p, PerChannelQuant q, Shape inShape, ReadOnlySpan<sbyte> input,
        Shape filterShape, ReadOnlySpan<sbyte> filter, ReadOnlySpan<int> bias, Shape outShape)
    {
        if (inShape.H != 1 || filterShape.H != 1 || p.DilationW != 1)
            throw new ArgumentException("1xN convolution needs input height 1, filter height 1 and no dilation");
        return Conv(p, q, inShape, input, filterShape, filter, bias, outShape);
    }

    /// <summary>
    /// Depthwise convolution (all arm_depthwise_conv_* kernels): filter 1HWC with C = in_ch · ch_mult, output
    /// channel o reads input channel o / ch_mult.
    /// </summary>
    public static sbyte[] Depthwise(ConvParams p, PerChannelQuant q, Shape inShape, ReadOnlySpan<sbyte> input,
        Shape filterShape, ReadOnlySpan<sbyte> filter, ReadOnlySpan<int> bias, Shape outShape)
    {
        if (outShape.C != inShape.C * p.ChannelMultiplier || filterShape.C != outShape.C || filterShape.N != 1 || outShape.N != inShape.N)
            throw new ArgumentException($"depthwise shapes disagree: in {inShape}, filter {filterShape}, out {outShape}, ch_mult {p.ChannelMultiplier}");
        var output = new sbyte[outShape.Size];
        for (int n = 0; n < outShape.N; n++)
            for (int oy = 0; oy < outShape.H; oy++)
                for (int ox = 0; ox < outShape.W; ox++)
                    for (int oc = 0; oc < outShape.C; oc++)
                    {
                        int ic = oc / p.ChannelMultiplier;
                        int acc = bias.IsEmpty ? 0 : bias[oc];
                        for (int ky = 0; ky < filterShape.H; ky++)
                        {
                            int iy = oy * p.StrideH - p.PadH + ky * p.DilationH;
                            if (iy < 0 || iy >= inShape.H) continue;
                            for (int kx = 0; kx < filterShape.W; kx++)
                            {
                                int ix = ox * p.StrideW - p.PadW + kx * p.DilationW;
                                if (ix < 0 || ix >= inShape.W) continue;
                                acc += (input[inShape.Index(n, iy, ix, ic)] + p.InputOffset) * filter[filterShape.Index(0, ky, kx, oc)];
                            }
                        }
                        output[outShape.Index(n, oy, ox, oc)] = Output(acc, q.Multiplier[oc], q.Shift[oc], p.OutputOffset, p.ActMin, p.ActMax);
                    }
        return output;
    }
}
