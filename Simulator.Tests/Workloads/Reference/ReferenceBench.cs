using System.Globalization;
using System.Text;

namespace M7Sim.Tests.Workloads.Reference;

/// <summary>One operator micro-benchmark case: its report fields and the output tensor.</summary>
internal sealed record BenchCase(int Id, string Op, string ShapeText, int Mpo, int Macs, sbyte[] Output)
{
    /// <summary>The line nn_bench.c prints for the case.</summary>
    public string Line => FormattableString.Invariant($"case {Id} {Op} {ShapeText} mpo={Mpo} macs={Macs} checksum 0x{Fnv1a.Hash(Output):x8}");
}

/// <summary>
/// The operator micro-benchmarks of kernels-elf/bench/nn_bench.c (README "Operator micro-benchmarks") recomputed
/// with the reference operators: the same case lists, the xorshift32 activations, the constant pool
/// bench_weights / bench_mult / bench_bias from bench/generated/bench_weights.h, shift = −(6 + ⌊log2 mpo⌋/2),
/// input offset 7, output offset −3.
/// </summary>
internal sealed class ReferenceBench
{
    public static readonly string[] Suites =
        ["bench_conv", "bench_conv1x1", "bench_dwconv", "bench_fc", "bench_maxpool", "bench_avgpool", "bench_relu", "bench_softmax", "bench_add"];

    private const int InputOffset = 7, OutputOffset = -3;
    private readonly sbyte[] _weights;
    private readonly int[] _mult, _bias;

    public ReferenceBench(string repoRoot)
    {
        var header = new GeneratedHeader(Path.Combine(repoRoot, "kernels-elf", "bench", "generated", "bench_weights.h"));
        _weights = header.Int8Array("bench_weights");
        _mult = header.Int32Array("bench_mult");
        _bias = header.Int32Array("bench_bias");
        if (_weights.Length != header.Define("BENCH_WEIGHT_BYTES") || _mult.Length != header.Define("BENCH_CHANNELS"))
            throw new FormatException("bench_weights.h: array sizes disagree with its #defines");
    }

    public IReadOnlyList<BenchCase> Run(string suite)
    {
        var cases = new List<BenchCase>();
        int id = 0;
        switch (suite)
        {
            case "bench_conv":
                foreach (var (h, w, ci, co, kh, kw, s) in new[] {
                    (32, 32, 1, 8, 3, 3, 1), (32, 32, 3, 16, 3, 3, 1), (32, 32, 8, 16, 3, 3, 2), (16, 16, 8, 16, 3, 3, 1),
                    (16, 16, 16, 16, 3, 3, 1), (8, 8, 32, 32, 3, 3, 1), (8, 8, 16, 32, 5, 5, 1), (8, 8, 64, 64, 3, 3, 1),
                    (8, 8, 32, 32, 5, 5, 1), (4, 4, 112, 32, 3, 3, 1), (1, 64, 16, 16, 1, 8, 1), (1, 64, 16, 16, 1, 9, 1) })
                    cases.Add(Conv(id++, h, w, ci, co, kh, kw, s, fast1x1: false));
                break;
            case "bench_conv1x1":
                foreach (var (h, w, ci, co) in new[] {
                    (32, 32, 4, 16), (32, 32, 8, 16), (16, 16, 16, 32), (16, 16, 32, 32), (8, 8, 64, 64),
                    (8, 8, 128, 64), (4, 4, 256, 64), (4, 4, 512, 32), (2, 2, 1024, 32), (5, 5, 60, 30) })
                    cases.Add(Conv(id++, h, w, ci, co, 1, 1, 1, fast1x1: true));
                break;
            case "bench_dwconv":
                foreach (var (h, w, ci, mult, k, s) in new[] {
                    (16, 16, 32, 1, 3, 1), (32, 32, 16, 1, 3, 2), (16, 16, 30, 1, 3, 1), (16, 16, 16, 2, 3, 1), (16, 16, 32, 1, 5, 1),
                    (16, 16, 32, 1, 7, 1), (16, 16, 16, 1, 9, 1), (16, 16, 16, 1, 15, 1), (16, 16, 4, 1, 31, 1) })
                    cases.Add(Depthwise(id++, h, w, ci, mult, k, s));
                break;
            case "bench_fc":
                foreach (var (nIn, nOut) in new[] { (8, 256), (16, 256), (32, 256), (64, 128), (128, 128), (256, 64), (512, 64), (1024, 32), (1024, 10), (1000, 11) })
                    cases.Add(Fc(id++, nIn, nOut));
                break;
            case "bench_maxpool":
            case "bench_avgpool":
                foreach (var (h, w, c, k, s) in new[] {
                    (32, 32, 16, 2, 2), (32, 32, 16, 3, 2), (16, 16, 16, 3, 1), (16, 16, 16, 5, 1),
                    (32, 32, 16, 8, 8), (32, 32, 16, 16, 16), (32, 32, 16, 32, 32), (25, 5, 64, 3, 2) })
                    cases.Add(Pool(id++, suite == "bench_maxpool", h, w, c, k, s));
                break;
            case "bench_relu":
                foreach (bool six in new[] { false, true })
                    foreach (int n in new[] { 16, 61, 256, 1024, 4096, 16384 })
                        cases.Add(Relu(id++, six, n));
                break;
            case "bench_softmax":
                foreach (var (rows, n) in new[] { (512, 2), (256, 4), (100, 10), (32, 32), (10, 100), (4, 256), (1, 1000) })
                    cases.Add(SoftmaxCase(id++, rows, n));
                break;
            case "bench_add":
                foreach (bool mul in new[] { false, true })
                    foreach (int n in new[] { 16, 61, 256, 1024, 4096, 8192 })
                        cases.Add(AddOrMul(id++, mul, n));
                break;
            default:
                throw new ArgumentException($"unknown bench suite {suite}", nameof(suite));
        }
        return cases;
    }

    /// <summary>The program's console output: one line per case (with the tensor under --dump), then the suite checksum.</summary>
    public static string ProgramOutput(string suite, IReadOnlyList<BenchCase> cases, bool dump)
    {
        var sb = new StringBuilder();
        uint total = Fnv1a.Init;
        foreach (var c in cases)
        {
            total = Fnv1a.Hash(total, c.Output);
            sb.Append(c.Line).Append('\n');
            if (dump) TensorText.AppendDump(sb, c.Op, c.Output);
        }
        sb.Append(CultureInfo.InvariantCulture, $"{suite} checksum 0x{total:x8}\n");
        return sb.ToString();
    }

    /// <summary>nn_bench.c's fill(): xorshift32 from 0x9E3779B9 + seed, each byte the low 8 bits of the state.</summary>
    public static sbyte[] Fill(int n, uint seed)
    {
        var p = new sbyte[n];
        uint x = unchecked(0x9E3779B9u + seed);
        for (int i = 0; i < n; i++)
        {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            p[i] = unchecked((sbyte)x);
        }
        return p;
    }

    /// <summary>−(6 + ⌊log2 mpo⌋ / 2): the requantisation shift for a case with <paramref name="mpo"/> MACs per output.</summary>
    public static int ShiftFor(int mpo) => -(6 + System.Numerics.BitOperations.Log2((uint)mpo) / 2);

    private PerChannelQuant Quant(int channels, int mpo) =>
        new(_mult[..channels], Enumerable.Repeat(ShiftFor(mpo), channels).ToArray());

    private BenchCase Conv(int id, int h, int w, int ci, int co, int kh, int kw, int s, bool fast1x1)
    {
        int ph = (kh - 1) / 2, pw = (kw - 1) / 2;
        int oh = (h + 2 * ph - kh) / s + 1, ow = (w + 2 * pw - kw) / s + 1;
        int mpo = kh * kw * ci;
        var p = new ConvParams { InputOffset = InputOffset, OutputOffset = OutputOffset, StrideH = s, StrideW = s, PadH = ph, PadW = pw };
        var inShape = new Shape(1, h, w, ci);
        var filterShape = new Shape(co, kh, kw, ci);
        var outShape = new Shape(1, oh, ow, co);
        var input = Fill(inShape.Size, (uint)id);
        var filter = _weights.AsSpan(0, filterShape.Size);
        var output = fast1x1
            ? Convolution.Conv1x1(p, Quant(co, mpo), inShape, input, filterShape, filter, _bias.AsSpan(0, co), outShape)
            : Convolution.Conv(p, Quant(co, mpo), inShape, input, filterShape, filter, _bias.AsSpan(0, co), outShape);
        return new BenchCase(id, fast1x1 ? "conv1x1" : "conv", $"{h}x{w}x{ci}-k{kh}x{kw}/{s}-o{co}", mpo, mpo * oh * ow * co, output);
    }

    private BenchCase Depthwise(int id, int h, int w, int ci, int mult, int k, int s)
    {
        int pad = (k - 1) / 2;
        int oh = (h + 2 * pad - k) / s + 1, ow = (w + 2 * pad - k) / s + 1, co = ci * mult;
        int mpo = k * k;
        var p = new ConvParams { InputOffset = InputOffset, OutputOffset = OutputOffset, StrideH = s, StrideW = s, PadH = pad, PadW = pad, ChannelMultiplier = mult };
        var inShape = new Shape(1, h, w, ci);
        var filterShape = new Shape(1, k, k, co);
        var output = Convolution.Depthwise(p, Quant(co, mpo), inShape, Fill(inShape.Size, (uint)id), filterShape,
            _weights.AsSpan(0, filterShape.Size), _bias.AsSpan(0, co), new Shape(1, oh, ow, co));
        return new BenchCase(id, "dwconv", $"{h}x{w}x{ci}-k{k}/{s}-x{mult}", mpo, mpo * oh * ow * co, output);
    }

    private BenchCase Fc(int id, int nIn, int nOut)
    {
        var output = FullyConnected.Run(InputOffset, OutputOffset, -128, 127, _mult[0], ShiftFor(nIn), 1, nIn,
            Fill(nIn, (uint)id), _weights.AsSpan(0, nIn * nOut), _bias.AsSpan(0, nOut), nOut);
        return new BenchCase(id, "fc", $"{nIn}-o{nOut}", nIn, nIn * nOut, output);
    }

    /// <summary>SAME-style pooling: ⌈in/stride⌉ outputs, leading pad = half the total, the rest clipped at the far edge.</summary>
    private static BenchCase Pool(int id, bool max, int h, int w, int c, int k, int s)
    {
        int oh = (h + s - 1) / s, ow = (w + s - 1) / s;
        int ph = Math.Max(0, (oh - 1) * s + k - h) / 2, pw = Math.Max(0, (ow - 1) * s + k - w) / 2;
        var p = new PoolParams { StrideH = s, StrideW = s, PadH = ph, PadW = pw };
        var inShape = new Shape(1, h, w, c);
        var outShape = new Shape(1, oh, ow, c);
        var input = Fill(inShape.Size, (uint)id);
        var output = max ? Pooling.Max(p, inShape, input, k, k, outShape) : Pooling.Average(p, inShape, input, k, k, outShape);
        return new BenchCase(id, max ? "maxpool" : "avgpool", $"{h}x{w}x{c}-k{k}/{s}", k * k, 0, output);
    }

    private static BenchCase Relu(int id, bool six, int n)
    {
        var data = Fill(n, (uint)id);
        return new BenchCase(id, six ? "relu6" : "relu", $"{n}", 1, 0, six ? Elementwise.Relu6(data) : Elementwise.Relu(data));
    }

    /// <summary>Input scale 1/16: beta multiplier 0x40000000 with left shift 23, diff_min −248.</summary>
    private static BenchCase SoftmaxCase(int id, int rows, int n) =>
        new(id, "softmax", $"{rows}x{n}", n, 0, Softmax.Run(Fill(rows * n, (uint)id), rows, n, 0x40000000, 23, -248));

    private static BenchCase AddOrMul(int id, bool mul, int n)
    {
        var in1 = Fill(n, (uint)id);
        var in2 = Fill(n, (uint)id + 1000u);
        var output = mul
            ? Elementwise.Mul(in1, in2, 7, -5, -3, 0x5A000000, -8, -128, 127)
            : Elementwise.Add(in1, in2, 7, 0x40000000, -1, -5, 0x60000000, -1, 20, -3, 0x50000000, -19, -128, 127);
        return new BenchCase(id, mul ? "mul" : "add", $"{n}", 1, mul ? n : 0, output);
    }
}
