namespace M7Sim.Tests.Workloads.Reference;

/// <summary>
/// kernels-elf/bench/nn_selftest.c recomputed with the reference operators: the same case list, the same
/// xorshift32 stream (state 0x12345678, drawn in source order — the compiled program evaluates the
/// argument lists left to right), and the FNV-1a checksum over every kernel output in case order. The
/// self-test's cases are the only committed programs that exercise dilation, batches > 1 and the
/// specialised kernels called directly, so matching its checksum checks those paths bit for bit.
/// </summary>
internal sealed class ReferenceSelfTest
{
    private uint _state = 0x12345678u;
    private uint _checksum = Fnv1a.Init;

    private sbyte[] _last = [];

    public int Cases { get; private set; }

    /// <summary>Runs all cases; returns the checksum the program prints and the last case's output (relu of 61 values).</summary>
    public static (uint Checksum, int Cases, sbyte[] LastOutput) Run()
    {
        var t = new ReferenceSelfTest();
        t.All();
        return (t._checksum, t.Cases, t._last);
    }

    /// <summary>The program's console output when every case passes (with --dump: the last output's first 61 values).</summary>
    public static string ProgramOutput(bool dump)
    {
        var (checksum, cases, last) = Run();
        var sb = new System.Text.StringBuilder();
        sb.Append(FormattableString.Invariant($"nn_selftest: {cases} passed, 0 failed\nnn_selftest checksum 0x{checksum:x8}\n"));
        if (dump) TensorText.AppendDump(sb, "last output", last.AsSpan(0, 61));
        return sb.ToString();
    }

    private uint Rnd()
    {
        uint x = _state;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        return _state = x;
    }

    private int RndRange(int lo, int hi) => lo + (int)(Rnd() % (uint)(hi - lo + 1));

    private sbyte[] FillS8(int n)
    {
        var p = new sbyte[n];
        for (int i = 0; i < n; i++) p[i] = unchecked((sbyte)Rnd());
        return p;
    }

    /// <summary>random_quant(): per channel a multiplier in [0.5, 1), a shift in [-10, -6], a bias in [-3000, 3000].</summary>
    private (PerChannelQuant Quant, int[] Bias) RandomQuant(int n)
    {
        var mult = new int[n];
        var shift = new int[n];
        var bias = new int[n];
        for (int i = 0; i < n; i++)
        {
            mult[i] = (int)(0x40000000u + (Rnd() & 0x3FFFFFFFu));
            shift[i] = RndRange(-10, -6);
            bias[i] = RndRange(-3000, 3000);
        }
        return (new PerChannelQuant(mult, shift), bias);
    }

    private void Check(sbyte[] output)
    {
        _checksum = Fnv1a.Hash(_checksum, output);
        _last = output;
        Cases++;
    }

    private void Conv(int n, int h, int w, int ci, int co, int kh, int kw, int sy, int sx, int py, int px, int dy, int dx)
    {
        var p = new ConvParams
        {
            InputOffset = RndRange(-127, 128), OutputOffset = RndRange(-128, 127),
            StrideH = sy, StrideW = sx, PadH = py, PadW = px, DilationH = dy, DilationW = dx,
            ActMin = RndRange(-128, -100), ActMax = RndRange(100, 127),
        };
        var inShape = new Shape(n, h, w, ci);
        var filterShape = new Shape(co, kh, kw, ci);
        var outShape = new Shape(n, (h + 2 * py - dy * (kh - 1) - 1) / sy + 1, (w + 2 * px - dx * (kw - 1) - 1) / sx + 1, co);
        var input = FillS8(inShape.Size);
        var filter = FillS8(filterShape.Size);
        var (q, bias) = RandomQuant(co);
        Check(Convolution.Conv(p, q, inShape, input, filterShape, filter, bias, outShape));
    }

    private void Depthwise(int h, int w, int ci, int cm, int k, int s, int pad, int dil)
    {
        var p = new ConvParams
        {
            InputOffset = RndRange(-127, 128), OutputOffset = RndRange(-128, 127), ChannelMultiplier = cm,
            StrideH = s, StrideW = s, PadH = pad, PadW = pad, DilationH = dil, DilationW = dil,
        };
        int co = ci * cm;
        var inShape = new Shape(1, h, w, ci);
        var filterShape = new Shape(1, k, k, co);
        var outShape = new Shape(1, (h + 2 * pad - dil * (k - 1) - 1) / s + 1, (w + 2 * pad - dil * (k - 1) - 1) / s + 1, co);
        var input = FillS8(inShape.Size);
        var filter = FillS8(filterShape.Size);
        var (q, bias) = RandomQuant(co);
        Check(Convolution.Depthwise(p, q, inShape, input, filterShape, filter, bias, outShape));
    }

    private void FullyConnectedCase(int batches, int inN, int outN)
    {
        int inputOffset = RndRange(-127, 128), outputOffset = RndRange(-128, 127);
        int mult = (int)(0x40000000u + (Rnd() & 0x3FFFFFFFu)), shift = RndRange(-10, -7);
        var input = FillS8(batches * inN);
        var weights = FillS8(inN * outN);
        var (_, bias) = RandomQuant(outN);
        Check(FullyConnected.Run(inputOffset, outputOffset, -128, 127, mult, shift, batches, inN, input, weights, bias, outN));
    }

    private void Pool(bool max, int h, int w, int c, int k, int s, int pad)
    {
        var p = new PoolParams { StrideH = s, StrideW = s, PadH = pad, PadW = pad, ActMin = RndRange(-128, -60), ActMax = RndRange(60, 127) };
        var inShape = new Shape(1, h, w, c);
        var outShape = new Shape(1, (h + 2 * pad - k) / s + 1, (w + 2 * pad - k) / s + 1, c);
        var input = FillS8(inShape.Size);
        Check(max ? Pooling.Max(p, inShape, input, k, k, outShape) : Pooling.Average(p, inShape, input, k, k, outShape));
    }

    /// <summary>Input scale 1/16 gives beta multiplier 2^30 with left shift 23 and diff_min −248 (TFLite's derivation).</summary>
    private void SoftmaxCase(int rows, int n) => Check(Softmax.Run(FillS8(rows * n), rows, n, 1 << 30, 23, -248));

    private void Add(int n)
    {
        int o1 = RndRange(-127, 128), o2 = RndRange(-127, 128), oo = RndRange(-128, 127);
        int m1 = (int)(0x40000000u + (Rnd() & 0x3FFFFFFFu)), s1 = RndRange(-3, 0);
        int m2 = (int)(0x40000000u + (Rnd() & 0x3FFFFFFFu)), s2 = RndRange(-3, 0);
        int mo = (int)(0x40000000u + (Rnd() & 0x3FFFFFFFu)), so = RndRange(-22, -18);
        var in1 = FillS8(n);
        var in2 = FillS8(n);
        Check(Elementwise.Add(in1, in2, o1, m1, s1, o2, m2, s2, 20, oo, mo, so, -128, 127));
    }

    private void Mul(int n)
    {
        int o1 = RndRange(-127, 128), o2 = RndRange(-127, 128), oo = RndRange(-128, 127);
        int mo = (int)(0x40000000u + (Rnd() & 0x3FFFFFFFu)), so = RndRange(-9, -7);
        var in1 = FillS8(n);
        var in2 = FillS8(n);
        Check(Elementwise.Mul(in1, in2, o1, o2, oo, mo, so, -100, 120));
    }

    private void Relu(int n)
    {
        Check(Elementwise.Relu6(FillS8(n)));
        Check(Elementwise.Relu(FillS8(n)));
    }

    /// <summary>main() of nn_selftest.c: (n, h, w, ci, co, kh, kw, sy, sx, py, px, dy, dx) per convolution case.</summary>
    private void All()
    {
        Conv(1, 8, 8, 3, 8, 3, 3, 1, 1, 1, 1, 1, 1);
        Conv(1, 9, 7, 5, 7, 3, 3, 2, 2, 1, 1, 1, 1);
        Conv(2, 6, 6, 4, 5, 5, 5, 1, 1, 2, 2, 1, 1);
        Conv(1, 10, 10, 2, 3, 3, 3, 1, 1, 2, 2, 2, 2);
        Conv(1, 7, 9, 1, 4, 4, 2, 2, 1, 1, 0, 1, 1);
        Conv(1, 5, 5, 16, 16, 1, 1, 1, 1, 0, 0, 1, 1);
        Conv(1, 6, 5, 8, 9, 1, 1, 1, 1, 0, 0, 1, 1);
        Conv(1, 7, 3, 12, 11, 1, 1, 1, 1, 0, 0, 1, 1);
        Conv(2, 3, 3, 32, 6, 1, 1, 1, 1, 0, 0, 1, 1);
        Conv(1, 1, 16, 5, 6, 1, 5, 1, 1, 0, 2, 1, 1);
        Conv(2, 1, 16, 3, 7, 1, 4, 1, 2, 0, 1, 1, 1);
        Conv(1, 1, 12, 8, 4, 1, 3, 1, 1, 0, 1, 1, 1);
        Conv(1, 12, 10, 3, 10, 5, 5, 2, 2, 2, 2, 1, 1);
        for (int i = 0; i < 6; i++)
        {
            int k = RndRange(1, 5), s = RndRange(1, 2), pad = RndRange(0, k / 2);
            int h = RndRange(k, 9), w = RndRange(k, 9), ci = RndRange(1, 12), co = RndRange(1, 12);
            Conv(1, h, w, ci, co, k, k, s, s, pad, pad, 1, 1);
        }
        // depthwise: (h, w, ci, ch_mult, k, stride, pad, dilation)
        Depthwise(7, 6, 5, 2, 3, 1, 1, 1);
        Depthwise(9, 9, 3, 3, 3, 2, 1, 2);
        Depthwise(8, 8, 16, 1, 3, 1, 1, 1);
        Depthwise(9, 7, 13, 1, 5, 2, 2, 1);
        Depthwise(6, 6, 8, 1, 2, 1, 0, 1);
        Depthwise(8, 8, 16, 1, 3, 1, 1, 1);
        Depthwise(9, 7, 12, 1, 3, 2, 1, 1);
        Depthwise(5, 6, 7, 1, 3, 1, 0, 1);
        Depthwise(10, 10, 24, 1, 3, 1, 1, 1);
        Depthwise(10, 10, 6, 2, 3, 1, 1, 1);
        for (int i = 0; i < 8; i++)
        {
            int k = RndRange(1, 5), s = RndRange(1, 2), pad = RndRange(0, k / 2);
            int h = RndRange(k, 9), w = RndRange(k, 9), ci = RndRange(1, 20);
            Depthwise(h, w, ci, 1, k, s, pad, 1);
            int h3 = RndRange(3, 9), w3 = RndRange(3, 9), ci3 = RndRange(1, 20), pad3 = RndRange(0, 1);
            Depthwise(h3, w3, ci3, 1, 3, s, pad3, 1);
        }
        FullyConnectedCase(1, 64, 12);
        { int inN = RndRange(1, 50), outN = RndRange(1, 20); FullyConnectedCase(1, inN, outN); }
        { int inN = RndRange(1, 50), outN = RndRange(1, 20); FullyConnectedCase(3, inN, outN); }
        FullyConnectedCase(2, 37, 9);
        FullyConnectedCase(1, 1024, 10);
        Pool(true, 8, 8, 16, 3, 2, 1);
        Pool(true, 7, 9, 5, 2, 2, 0);
        Pool(false, 8, 8, 16, 3, 2, 1);
        Pool(false, 5, 5, 12, 5, 1, 0);
        Pool(false, 7, 6, 7, 3, 1, 1);
        SoftmaxCase(1, 10);
        SoftmaxCase(3, 12);
        SoftmaxCase(2, 33);
        Add(64);
        Add(37);
        Mul(64);
        Mul(23);
        Relu(61);
    }
}
