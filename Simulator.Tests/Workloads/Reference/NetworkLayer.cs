using System.Globalization;

namespace M7Sim.Tests.Workloads.Reference;

/// <summary>nn_layer_type_t of kernels-elf/networks/nn_runner.h.</summary>
internal enum LayerType { Conv, Depthwise, FullyConnected, MaxPool, AvgPool, Relu, Softmax }

/// <summary>One row of a generated network layer table (nn_layer_t), with its constant tensors resolved.</summary>
internal sealed record NetworkLayer
{
    public required string Name { get; init; }
    public required LayerType Type { get; init; }
    public required int Src { get; init; }
    public required int Dst { get; init; }
    public required Shape In { get; init; }
    public required Shape Out { get; init; }
    public required int KernelH { get; init; }
    public required int KernelW { get; init; }
    public required int StrideH { get; init; }
    public required int StrideW { get; init; }
    public required int PadH { get; init; }
    public required int PadW { get; init; }
    public required int ChannelMultiplier { get; init; }
    public required int InputOffset { get; init; }
    public required int OutputOffset { get; init; }
    public required int ActMin { get; init; }
    public required int ActMax { get; init; }
    public sbyte[] Weights { get; init; } = [];
    public int[] Bias { get; init; } = [];
    public int[] Multiplier { get; init; } = [];
    public int[] Shift { get; init; } = [];
    public int FcMultiplier { get; init; }
    public int FcShift { get; init; }
    public int SoftmaxMultiplier { get; init; }
    public int SoftmaxShift { get; init; }
    public int SoftmaxDiffMin { get; init; }

    /// <summary>Multiply-accumulates of the layer (the README's MAC column).</summary>
    public long Macs => Type switch
    {
        LayerType.Conv => (long)Out.Size * KernelH * KernelW * In.C,
        LayerType.Depthwise => (long)Out.Size * KernelH * KernelW,
        LayerType.FullyConnected => (long)In.Size * Out.C,
        _ => 0,
    };

    /// <summary>Builds a layer from a table entry of <paramref name="header"/>; pointer fields name arrays of the header (0 = none).</summary>
    public static NetworkLayer FromTable(IReadOnlyDictionary<string, string> f, GeneratedHeader header)
    {
        int I(string key) => GeneratedHeader.ParseInt(f[key]);
        string? Pointer(string key) => f[key] == "0" ? null : f[key];
        Shape Dims(string key)
        {
            var v = f[key].Trim('{', '}').Split(',', StringSplitOptions.TrimEntries).Select(GeneratedHeader.ParseInt).ToArray();
            if (v.Length != 4) throw new FormatException($"{header.Origin}: {key} = {f[key]} is not NHWC");
            return new Shape(v[0], v[1], v[2], v[3]);
        }
        return new NetworkLayer
        {
            Name = f["name"].Trim('"'),
            Type = f["type"] switch
            {
                "NN_LAYER_CONV" => LayerType.Conv,
                "NN_LAYER_DW" => LayerType.Depthwise,
                "NN_LAYER_FC" => LayerType.FullyConnected,
                "NN_LAYER_MAXPOOL" => LayerType.MaxPool,
                "NN_LAYER_AVGPOOL" => LayerType.AvgPool,
                "NN_LAYER_RELU" => LayerType.Relu,
                "NN_LAYER_SOFTMAX" => LayerType.Softmax,
                var t => throw new FormatException($"{header.Origin}: unknown layer type {t}"),
            },
            Src = I("src"), Dst = I("dst"), In = Dims("in"), Out = Dims("out"),
            KernelH = I("kh"), KernelW = I("kw"), StrideH = I("stride_h"), StrideW = I("stride_w"),
            PadH = I("pad_h"), PadW = I("pad_w"), ChannelMultiplier = I("ch_mult"),
            InputOffset = I("input_offset"), OutputOffset = I("output_offset"), ActMin = I("act_min"), ActMax = I("act_max"),
            Weights = Pointer("weights") is { } w ? header.Int8Array(w) : [],
            Bias = Pointer("bias") is { } b ? header.Int32Array(b) : [],
            Multiplier = Pointer("mult") is { } m ? header.Int32Array(m) : [],
            Shift = Pointer("shift") is { } s ? header.Int32Array(s) : [],
            FcMultiplier = I("fc_mult"), FcShift = I("fc_shift"),
            SoftmaxMultiplier = I("sm_mult"), SoftmaxShift = I("sm_shift"), SoftmaxDiffMin = I("sm_diff_min"),
        };
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} ({Type} {In} -> {Out})");
}
