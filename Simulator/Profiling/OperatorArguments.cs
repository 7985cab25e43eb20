using M7Sim.Isa;
using M7Sim.Memory;

namespace M7Sim.Profiling;

/// <summary>
/// Reads a CMSIS-NN operator's arguments at its call (AAPCS: r0-r3, then 4-byte slots at SP) and
/// derives shapes, tensor sizes and theoretical MACs. cmsis_nn_dims is {n, h, w, c} int32.
/// </summary>
internal static class OperatorArguments
{
    public static void Read(Cpu c, Bus bus, OperatorSpec spec, OperatorInstance op)
    {
        var s = spec.Signature;
        if (s is null) return;
        uint Arg(int i)
        {
            if (i < 4) return c.R[i];
            bus.TryReadWord(c.R[13] + (uint)(4 * (i - 4)), out uint v);
            return v;
        }
        int[]? Dims(int i)
        {
            if (i < 0) return null;
            uint p = Arg(i);
            var d = new int[4];
            for (int k = 0; k < 4; k++)
            {
                if (!bus.TryReadWord(p + (uint)(4 * k), out uint v)) return null;
                d[k] = (int)v;
            }
            return d.All(x => x >= 0 && x < 1 << 20) ? d : null;
        }
        static long Product(int[] d) => (long)d[0] * d[1] * d[2] * d[3];

        switch (s.Name)
        {
            case "conv":
                {
                    var input = Dims(s.InputDims); var filter = Dims(s.FilterDims); var output = Dims(s.OutputDims);
                    if (input is null || filter is null || output is null) return;
                    long outElems = Product(output);
                    long macs = op.Type switch
                    {
                        "depthwise_conv" => outElems * filter[1] * filter[2],
                        // CMSIS-NN FC: filter n = accumulation depth, output c = output units.
                        "fully_connected" => (long)output[0] * filter[0] * output[3],
                        _ => outElems * filter[1] * filter[2] * input[3],
                    };
                    long weightBytes = op.Type switch
                    {
                        "depthwise_conv" => (long)filter[1] * filter[2] * filter[3],
                        "fully_connected" => (long)filter[0] * output[3],
                        _ => Product(filter),
                    };
                    op.TheoreticalMacs = macs;
                    op.TheoreticalOps = 2 * macs;
                    op.Tensors.Add(new TensorInfo("input", Arg(s.Input), Product(input), input));
                    op.Tensors.Add(new TensorInfo("weights", Arg(s.Filter), weightBytes, filter));
                    if (s.Bias >= 0 && Arg(s.Bias) != 0) op.Tensors.Add(new TensorInfo("bias", Arg(s.Bias), 4L * output[3], null));
                    op.Tensors.Add(new TensorInfo("output", Arg(s.Output), outElems, output));
                    AddScratch(bus, Arg(s.Ctx), op);
                    op.ShapeText = $"{Fmt(input)} * {Fmt(filter)} -> {Fmt(output)}";
                    break;
                }
            case "pool":
                {
                    var input = Dims(s.InputDims); var filter = Dims(s.FilterDims); var output = Dims(s.OutputDims);
                    if (input is null || filter is null || output is null) return;
                    op.TheoreticalMacs = 0;
                    op.TheoreticalOps = Product(output) * filter[1] * filter[2];
                    op.Tensors.Add(new TensorInfo("input", Arg(s.Input), Product(input), input));
                    op.Tensors.Add(new TensorInfo("output", Arg(s.Output), Product(output), output));
                    AddScratch(bus, Arg(s.Ctx), op);
                    op.ShapeText = $"{Fmt(input)} window {filter[1]}x{filter[2]} -> {Fmt(output)}";
                    break;
                }
            case "softmax":
                {
                    long n = (long)Arg(s.Rows) * Arg(s.RowSize);
                    if (n <= 0 || n > 1 << 24) return;
                    op.TheoreticalMacs = 0;
                    op.TheoreticalOps = n;
                    op.Tensors.Add(new TensorInfo("input", Arg(s.Input), n, [(int)Arg(s.Rows), (int)Arg(s.RowSize)]));
                    op.Tensors.Add(new TensorInfo("output", Arg(s.Output), n, [(int)Arg(s.Rows), (int)Arg(s.RowSize)]));
                    op.ShapeText = $"{Arg(s.Rows)}x{Arg(s.RowSize)}";
                    break;
                }
            default:
                {
                    if (s.Count < 0) return;
                    long n = Arg(s.Count);
                    if (n <= 0 || n > 1 << 24) return;
                    op.TheoreticalMacs = 0;
                    op.TheoreticalOps = n;
                    op.Tensors.Add(new TensorInfo("input", Arg(s.Input), n, null));
                    if (s.Input2 >= 0) op.Tensors.Add(new TensorInfo("input2", Arg(s.Input2), n, null));
                    if (s.Output >= 0) op.Tensors.Add(new TensorInfo("output", Arg(s.Output), n, null));
                    op.ShapeText = $"{n} elements";
                    break;
                }
        }
    }

    private static void AddScratch(Bus bus, uint ctx, OperatorInstance op)
    {
        if (ctx == 0) return;
        if (bus.TryReadWord(ctx, out uint buf) && bus.TryReadWord(ctx + 4, out uint size) && buf != 0 && size > 0 && size < 1 << 24)
            op.Tensors.Add(new TensorInfo("scratch", buf, size, null));
    }

    private static string Fmt(int[] d) => $"{d[0]}x{d[1]}x{d[2]}x{d[3]}";
}
