namespace M7Sim.Tests.Workloads.Reference;

/// <summary>One layer's output as the reference computed it.</summary>
internal sealed record LayerOutput(int Index, NetworkLayer Layer, sbyte[] Data);

/// <summary>
/// A network of kernels-elf/networks read from its generated header (input tensor, weights, layer table) and
/// run through the reference operators the way networks/nn_runner.c runs it: two ping-pong activation buffers
/// (the input copied into buffer 0, each layer reading buffer <c>src</c> and writing buffer <c>dst</c>, ReLU in
/// place), FNV-1a over every layer's output in layer order.
/// </summary>
internal sealed class ReferenceNetwork
{
    private ReferenceNetwork(string name, GeneratedHeader header)
    {
        Name = name;
        Header = header;
        string upper = name.ToUpperInvariant();
        Input = header.Int8Array($"{name}_input");
        Layers = header.Table($"{name}_layers").Select(f => NetworkLayer.FromTable(f, header)).ToArray();
        BufferBytes = [(int)header.Define($"{upper}_BUF0_BYTES"), (int)header.Define($"{upper}_BUF1_BYTES")];
        if (header.Define($"{upper}_NUM_LAYERS") != Layers.Count) throw new FormatException($"{header.Origin}: layer count disagrees with the table");
    }

    public string Name { get; }
    public GeneratedHeader Header { get; }
    public sbyte[] Input { get; }
    public IReadOnlyList<NetworkLayer> Layers { get; }
    public int[] BufferBytes { get; }

    /// <summary>What tools/gen_weights.py recorded in the header: the final checksum and the MAC count.</summary>
    public uint HeaderChecksum => (uint)Header.Define($"{Name.ToUpperInvariant()}_EXPECTED_CHECKSUM");
    public long HeaderMacs => Header.Define($"{Name.ToUpperInvariant()}_MACS");

    public static string HeaderPath(string repoRoot, string name) =>
        Path.Combine(repoRoot, "kernels-elf", "networks", "generated", $"{name}_weights.h");

    public static ReferenceNetwork Load(string repoRoot, string name) => new(name, new GeneratedHeader(HeaderPath(repoRoot, name)));

    /// <summary>Runs every layer; returns their outputs in layer order.</summary>
    public IReadOnlyList<LayerOutput> Run()
    {
        var buffers = new[] { new sbyte[BufferBytes[0]], new sbyte[BufferBytes[1]] };
        if (Input.Length > buffers[0].Length) throw new InvalidOperationException($"{Name}: input does not fit buffer 0");
        Input.CopyTo(buffers[0], 0);
        var outputs = new List<LayerOutput>();
        for (int i = 0; i < Layers.Count; i++)
        {
            var layer = Layers[i];
            if (layer.Out.Size > buffers[layer.Dst].Length) throw new InvalidOperationException($"{Name}: {layer.Name} output does not fit buffer {layer.Dst}");
            var input = buffers[layer.Src].AsSpan(0, layer.In.Size);
            sbyte[] result = RunLayer(layer, input);
            result.CopyTo(buffers[layer.Dst], 0);
            outputs.Add(new LayerOutput(i, layer, result));
        }
        return outputs;
    }

    private static sbyte[] RunLayer(NetworkLayer l, ReadOnlySpan<sbyte> input)
    {
        var conv = new ConvParams
        {
            InputOffset = l.InputOffset, OutputOffset = l.OutputOffset, StrideH = l.StrideH, StrideW = l.StrideW,
            PadH = l.PadH, PadW = l.PadW, ActMin = l.ActMin, ActMax = l.ActMax, ChannelMultiplier = l.ChannelMultiplier,
        };
        var pool = new PoolParams { StrideH = l.StrideH, StrideW = l.StrideW, PadH = l.PadH, PadW = l.PadW, ActMin = l.ActMin, ActMax = l.ActMax };
        var quant = new PerChannelQuant(l.Multiplier, l.Shift);
        return l.Type switch
        {
            LayerType.Conv => Convolution.Conv(conv, quant, l.In, input, new Shape(l.Out.C, l.KernelH, l.KernelW, l.In.C), l.Weights, l.Bias, l.Out),
            LayerType.Depthwise => Convolution.Depthwise(conv, quant, l.In, input, new Shape(1, l.KernelH, l.KernelW, l.Out.C), l.Weights, l.Bias, l.Out),
            // nn_runner flattens the input to one row of in.size values.
            LayerType.FullyConnected => FullyConnected.Run(l.InputOffset, l.OutputOffset, l.ActMin, l.ActMax, l.FcMultiplier, l.FcShift,
                1, l.In.Size, input, l.Weights, l.Bias, l.Out.C),
            LayerType.MaxPool => Pooling.Max(pool, l.In, input, l.KernelH, l.KernelW, l.Out),
            LayerType.AvgPool => Pooling.Average(pool, l.In, input, l.KernelH, l.KernelW, l.Out),
            LayerType.Relu => Elementwise.Relu(input),
            LayerType.Softmax => Softmax.Run(input, 1, l.In.Size, l.SoftmaxMultiplier, l.SoftmaxShift, l.SoftmaxDiffMin),
            _ => throw new InvalidOperationException($"unknown layer type {l.Type}"),
        };
    }

    /// <summary>FNV-1a over every layer output in order (the program's "checksum" line).</summary>
    public static uint Checksum(IReadOnlyList<LayerOutput> outputs)
    {
        uint h = Fnv1a.Init;
        foreach (var o in outputs) h = Fnv1a.Hash(h, o.Data);
        return h;
    }

    /// <summary>The program's complete console output for these layer outputs (nn_runner.c's format).</summary>
    public string ProgramOutput(IReadOnlyList<LayerOutput> outputs, bool dump)
    {
        var sb = new System.Text.StringBuilder();
        if (dump)
            foreach (var o in outputs)
            {
                sb.Append(FormattableString.Invariant($"layer {o.Index} {o.Layer.Name}: {o.Layer.Out.H}x{o.Layer.Out.W}x{o.Layer.Out.C} checksum 0x{Fnv1a.Hash(o.Data):x8}\n"));
                TensorText.AppendDump(sb, o.Layer.Name, o.Data);
            }
        sb.Append(Name).Append(" output:");
        foreach (sbyte v in outputs[^1].Data) sb.Append(' ').Append(v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        sb.Append(FormattableString.Invariant($"\n{Name} checksum 0x{Checksum(outputs):x8}\n"));
        return sb.ToString();
    }
}
