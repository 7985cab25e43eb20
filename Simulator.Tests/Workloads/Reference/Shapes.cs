namespace M7Sim.Tests.Workloads.Reference;

/// <summary>A tensor shape in CMSIS-NN's NHWC order (also used for OHWI conv filters and 1HWC depthwise filters).</summary>
internal readonly record struct Shape(int N, int H, int W, int C)
{
    public int Size => N * H * W * C;

    /// <summary>Flat offset of element (n, y, x, c) in NHWC layout.</summary>
    public int Index(int n, int y, int x, int c) => ((n * H + y) * W + x) * C + c;

    public override string ToString() => $"{N}x{H}x{W}x{C}";
}

/// <summary>
/// Parameters shared by convolution and depthwise convolution (cmsis_nn_conv_params / _dw_conv_params).
/// Padding is the leading (top/left) padding; the output shape given to the operator decides how far the
/// windows reach, positions outside the input contribute nothing.
/// </summary>
internal sealed record ConvParams
{
    public int InputOffset { get; init; }
    public int OutputOffset { get; init; }
    public int StrideH { get; init; } = 1;
    public int StrideW { get; init; } = 1;
    public int PadH { get; init; }
    public int PadW { get; init; }
    public int DilationH { get; init; } = 1;
    public int DilationW { get; init; } = 1;
    public int ActMin { get; init; } = -128;
    public int ActMax { get; init; } = 127;
    /// <summary>Depthwise only: output channels per input channel.</summary>
    public int ChannelMultiplier { get; init; } = 1;
}

/// <summary>Per-output-channel requantisation (cmsis_nn_per_channel_quant_params).</summary>
internal sealed record PerChannelQuant(int[] Multiplier, int[] Shift);

/// <summary>Pooling parameters (cmsis_nn_pool_params); padding is the leading padding.</summary>
internal sealed record PoolParams
{
    public int StrideH { get; init; } = 1;
    public int StrideW { get; init; } = 1;
    public int PadH { get; init; }
    public int PadW { get; init; }
    public int ActMin { get; init; } = -128;
    public int ActMax { get; init; } = 127;
}
